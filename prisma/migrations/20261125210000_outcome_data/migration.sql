-- Outcome data extracted from studies for meta-analysis (metafor's escalc columns).
CREATE TYPE "OutcomeDesign" AS ENUM ('single_arm', 'two_group_binary', 'continuous');

CREATE TABLE "outcome_data" (
    "id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "outcome" TEXT NOT NULL,
    "design" "OutcomeDesign" NOT NULL,
    "xi" DOUBLE PRECISION,
    "ni" DOUBLE PRECISION,
    "ai" DOUBLE PRECISION,
    "bi" DOUBLE PRECISION,
    "ci" DOUBLE PRECISION,
    "di" DOUBLE PRECISION,
    "n1i" DOUBLE PRECISION,
    "n2i" DOUBLE PRECISION,
    "m1i" DOUBLE PRECISION,
    "sd1i" DOUBLE PRECISION,
    "m2i" DOUBLE PRECISION,
    "sd2i" DOUBLE PRECISION,
    "change_scores" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outcome_data_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "outcome_data_study_id_outcome_key" ON "outcome_data"("study_id", "outcome");
CREATE INDEX "outcome_data_outcome_idx" ON "outcome_data"("outcome");

ALTER TABLE "outcome_data" ADD CONSTRAINT "outcome_data_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
