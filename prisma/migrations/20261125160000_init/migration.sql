-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'reviewer', 'viewer');

-- CreateEnum
CREATE TYPE "Donor" AS ENUM ('autologous', 'allogeneic', 'not_stated');

-- CreateEnum
CREATE TYPE "DoseBasis" AS ENUM ('per_kg', 'total', 'per_joint', 'per_ml', 'unknown');

-- CreateEnum
CREATE TYPE "AnnotationStatus" AS ENUM ('open', 'resolved');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabled_at" TIMESTAMPTZ(3),
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "last_sign_in_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invites" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "email" TEXT,
    "role" "Role" NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID NOT NULL,
    "accepted_by_id" UUID,
    "accepted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "evidence_sources" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "citation" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batches" (
    "id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "file_name" TEXT,
    "format" TEXT NOT NULL,
    "rows_read" INTEGER NOT NULL,
    "added" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "conflicts" INTEGER NOT NULL DEFAULT 0,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registered_trials" (
    "id" UUID NOT NULL,
    "registry_id" TEXT NOT NULL,
    "registry" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registered_trials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "studies" (
    "id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "row_key" TEXT NOT NULL,
    "disease_code" TEXT NOT NULL,
    "disease" TEXT NOT NULL,
    "routes" TEXT[],
    "route_text" TEXT NOT NULL,
    "enrollment" INTEGER,
    "outcome" TEXT NOT NULL,
    "registry_text" TEXT,
    "trial_id" UUID,
    "reference" TEXT,
    "publication_year" INTEGER,
    "source_line" INTEGER NOT NULL,
    "source_text" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "edited_at" TIMESTAMPTZ(3),
    "edited_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "studies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cell_products" (
    "id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "tissue" TEXT NOT NULL,
    "donor" "Donor" NOT NULL DEFAULT 'not_stated',
    "co_interventions" TEXT[],
    "raw_text" TEXT NOT NULL,

    CONSTRAINT "cell_products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dose_arms" (
    "id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "product_id" UUID,
    "position" INTEGER NOT NULL,
    "n" INTEGER,
    "dose_text" TEXT NOT NULL,
    "basis" "DoseBasis" NOT NULL,
    "dose_low" DOUBLE PRECISION,
    "dose_high" DOUBLE PRECISION,
    "dose_mid" DOUBLE PRECISION,
    "dose_sd" DOUBLE PRECISION,
    "lower_bound" BOOLEAN NOT NULL DEFAULT false,
    "parse_problem" TEXT,

    CONSTRAINT "dose_arms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outcome_categories" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "colour" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outcome_categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tag_assessments" (
    "id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "reviewer_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tag_assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tags" (
    "assessment_id" UUID NOT NULL,
    "category_id" UUID NOT NULL,

    CONSTRAINT "tags_pkey" PRIMARY KEY ("assessment_id","category_id")
);

-- CreateTable
CREATE TABLE "consensus_tags" (
    "study_id" UUID NOT NULL,
    "category_id" UUID NOT NULL,
    "set_by_id" UUID,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consensus_tags_pkey" PRIMARY KEY ("study_id","category_id")
);

-- CreateTable
CREATE TABLE "annotations" (
    "id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "parent_id" UUID,
    "field" TEXT,
    "body" TEXT NOT NULL,
    "status" "AnnotationStatus" NOT NULL DEFAULT 'open',
    "resolved_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "annotations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cohorts" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" UUID NOT NULL,
    "filter" JSONB NOT NULL,
    "filter_version" INTEGER NOT NULL DEFAULT 1,
    "frozen_at" TIMESTAMPTZ(3),
    "frozen_settings" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cohorts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cohort_studies" (
    "cohort_id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "cohort_studies_pkey" PRIMARY KEY ("cohort_id","study_id")
);

-- CreateTable
CREATE TABLE "share_links" (
    "id" UUID NOT NULL,
    "cohort_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "show_annotations" BOOLEAN NOT NULL DEFAULT false,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "share_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "study_id" UUID,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "invites_token_hash_key" ON "invites"("token_hash");

-- CreateIndex
CREATE INDEX "invites_created_by_id_idx" ON "invites"("created_by_id");

-- CreateIndex
CREATE INDEX "sign_in_throttles_window_start_idx" ON "sign_in_throttles"("window_start");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_sources_name_key" ON "evidence_sources"("name");

-- CreateIndex
CREATE INDEX "import_batches_source_id_idx" ON "import_batches"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "registered_trials_registry_id_key" ON "registered_trials"("registry_id");

-- CreateIndex
CREATE INDEX "studies_disease_code_idx" ON "studies"("disease_code");

-- CreateIndex
CREATE INDEX "studies_trial_id_idx" ON "studies"("trial_id");

-- CreateIndex
CREATE INDEX "studies_enrollment_idx" ON "studies"("enrollment");

-- CreateIndex
CREATE INDEX "studies_routes_idx" ON "studies" USING GIN ("routes");

-- CreateIndex
CREATE UNIQUE INDEX "studies_source_id_row_key_key" ON "studies"("source_id", "row_key");

-- CreateIndex
CREATE INDEX "cell_products_tissue_idx" ON "cell_products"("tissue");

-- CreateIndex
CREATE INDEX "cell_products_donor_idx" ON "cell_products"("donor");

-- CreateIndex
CREATE UNIQUE INDEX "cell_products_study_id_position_key" ON "cell_products"("study_id", "position");

-- CreateIndex
CREATE INDEX "dose_arms_basis_dose_mid_idx" ON "dose_arms"("basis", "dose_mid");

-- CreateIndex
CREATE INDEX "dose_arms_product_id_idx" ON "dose_arms"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "dose_arms_study_id_position_key" ON "dose_arms"("study_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "outcome_categories_name_key" ON "outcome_categories"("name");

-- CreateIndex
CREATE INDEX "tag_assessments_reviewer_id_idx" ON "tag_assessments"("reviewer_id");

-- CreateIndex
CREATE UNIQUE INDEX "tag_assessments_study_id_reviewer_id_key" ON "tag_assessments"("study_id", "reviewer_id");

-- CreateIndex
CREATE INDEX "tags_category_id_idx" ON "tags"("category_id");

-- CreateIndex
CREATE INDEX "consensus_tags_category_id_idx" ON "consensus_tags"("category_id");

-- CreateIndex
CREATE INDEX "annotations_study_id_status_idx" ON "annotations"("study_id", "status");

-- CreateIndex
CREATE INDEX "annotations_author_id_idx" ON "annotations"("author_id");

-- CreateIndex
CREATE INDEX "annotations_parent_id_idx" ON "annotations"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "cohorts_slug_key" ON "cohorts"("slug");

-- CreateIndex
CREATE INDEX "cohorts_owner_id_idx" ON "cohorts"("owner_id");

-- CreateIndex
CREATE INDEX "cohort_studies_study_id_idx" ON "cohort_studies"("study_id");

-- CreateIndex
CREATE UNIQUE INDEX "share_links_token_hash_key" ON "share_links"("token_hash");

-- CreateIndex
CREATE INDEX "share_links_cohort_id_idx" ON "share_links"("cohort_id");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_events_study_id_created_at_idx" ON "audit_events"("study_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_created_at_idx" ON "audit_events"("actor_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at");

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_accepted_by_id_fkey" FOREIGN KEY ("accepted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "evidence_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "studies" ADD CONSTRAINT "studies_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "evidence_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "studies" ADD CONSTRAINT "studies_trial_id_fkey" FOREIGN KEY ("trial_id") REFERENCES "registered_trials"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "studies" ADD CONSTRAINT "studies_edited_by_id_fkey" FOREIGN KEY ("edited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cell_products" ADD CONSTRAINT "cell_products_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dose_arms" ADD CONSTRAINT "dose_arms_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dose_arms" ADD CONSTRAINT "dose_arms_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "cell_products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tag_assessments" ADD CONSTRAINT "tag_assessments_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tag_assessments" ADD CONSTRAINT "tag_assessments_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tags" ADD CONSTRAINT "tags_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "tag_assessments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tags" ADD CONSTRAINT "tags_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "outcome_categories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consensus_tags" ADD CONSTRAINT "consensus_tags_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consensus_tags" ADD CONSTRAINT "consensus_tags_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "outcome_categories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consensus_tags" ADD CONSTRAINT "consensus_tags_set_by_id_fkey" FOREIGN KEY ("set_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "annotations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort_studies" ADD CONSTRAINT "cohort_studies_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort_studies" ADD CONSTRAINT "cohort_studies_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
