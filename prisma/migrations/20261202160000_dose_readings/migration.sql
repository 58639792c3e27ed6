-- What the dose reader reads of each arm beyond its numbers: the form of the dose (value,
-- range, mean ± SD, median with range or IQR, bound), its centre (mean or median), whether it
-- is approximate, the group's name, how often it was given (a count, or the schedule as written),
-- the cell's words that are not part of the dose, and what the reader assumed. Doses per m² of
-- body surface and per cm² (of wound) are kept apart like per joint and per ml.
ALTER TYPE "DoseBasis" ADD VALUE IF NOT EXISTS 'per_m2';
ALTER TYPE "DoseBasis" ADD VALUE IF NOT EXISTS 'per_cm2';

-- CreateEnum
CREATE TYPE "DoseForm" AS ENUM ('single', 'range', 'mean_sd', 'median_range', 'median_iqr', 'lower_bound', 'upper_bound', 'unknown', 'unreadable');

ALTER TABLE "dose_arms"
  ADD COLUMN "dose_form" "DoseForm" NOT NULL DEFAULT 'single',
  ADD COLUMN "dose_central" DOUBLE PRECISION,
  ADD COLUMN "approximate" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "label" TEXT,
  ADD COLUMN "administrations" INTEGER,
  ADD COLUMN "schedule" TEXT,
  ADD COLUMN "dose_refusal" TEXT,
  ADD COLUMN "dose_note" TEXT,
  ADD COLUMN "dose_assumptions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- The cumulative dose (per administration × their number) for the cumulative dose axis; NULL when
-- the number is not stated, so such arms are left out of that axis rather than taken as one.
ALTER TABLE "dose_arms"
  ADD COLUMN "dose_cumulative" DOUBLE PRECISION GENERATED ALWAYS AS ("dose_mid" * "administrations") STORED;

-- The forms of the arms stored before: read back from their numbers.
UPDATE "dose_arms" SET
  "dose_form" = (CASE
    WHEN "parse_problem" IS NOT NULL THEN 'unreadable'
    WHEN "dose_low" IS NULL THEN 'unknown'
    WHEN "lower_bound" THEN 'lower_bound'
    WHEN "dose_sd" IS NOT NULL THEN 'mean_sd'
    WHEN "dose_high" IS NOT NULL AND "dose_high" <> "dose_low" THEN 'range'
    ELSE 'single' END)::"DoseForm",
  "dose_central" = CASE WHEN "dose_sd" IS NOT NULL THEN "dose_mid" END,
  "dose_refusal" = CASE WHEN "parse_problem" IS NOT NULL THEN 'unreadable' END;

-- Non-MSC cells given to the same patients (BM-MNC, HSC, PBMC…) with their own dose: part of an
-- arm (or of the study), never an MSC dose of its own.
-- CreateTable
CREATE TABLE "co_administered_products" (
    "id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "arm_id" UUID,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "raw_text" TEXT NOT NULL,
    "dose_text" TEXT,
    "basis" "DoseBasis" NOT NULL DEFAULT 'unknown',
    "dose_low" DOUBLE PRECISION,
    "dose_high" DOUBLE PRECISION,
    "dose_mid" DOUBLE PRECISION,

    CONSTRAINT "co_administered_products_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "co_administered_products_study_id_position_key" ON "co_administered_products"("study_id", "position");

-- CreateIndex
CREATE INDEX "co_administered_products_arm_id_idx" ON "co_administered_products"("arm_id");

-- CreateIndex
CREATE INDEX "co_administered_products_name_idx" ON "co_administered_products"("name");

-- AddForeignKey
ALTER TABLE "co_administered_products" ADD CONSTRAINT "co_administered_products_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "co_administered_products" ADD CONSTRAINT "co_administered_products_arm_id_fkey" FOREIGN KEY ("arm_id") REFERENCES "dose_arms"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TRIGGER "co_administered_products_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "co_administered_products"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();

-- A study's citation as its table gives it (nothing is invented), and its phase and design as written.
ALTER TABLE "studies"
  ADD COLUMN "first_author" TEXT,
  ADD COLUMN "title" TEXT,
  ADD COLUMN "journal" TEXT,
  ADD COLUMN "doi" TEXT,
  ADD COLUMN "pmid" TEXT,
  ADD COLUMN "phase" TEXT,
  ADD COLUMN "design_text" TEXT;
