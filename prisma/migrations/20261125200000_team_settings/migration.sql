-- Team-wide settings (e.g. blind tagging), changed by admins.
CREATE TABLE "team_settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_settings_pkey" PRIMARY KEY ("key")
);
