-- Outcome data per dose arm, for dose–response analysis: events/total, mean/SD/n or
-- cases/person-time of each arm of a study, and of its reference (control) arm at dose 0
-- (arm_id null). The checks keep each kind's columns complete and the rest empty, so no
-- half-entered row reaches an analysis whatever writes it.
CREATE TYPE "ArmOutcomeKind" AS ENUM ('events', 'means', 'rate');

CREATE TABLE "arm_outcomes" (
    "id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "arm_id" UUID,
    "outcome" TEXT NOT NULL,
    "kind" "ArmOutcomeKind" NOT NULL,
    "cases" INTEGER,
    "n" INTEGER,
    "mean" DOUBLE PRECISION,
    "sd" DOUBLE PRECISION,
    "person_time" DOUBLE PRECISION,
    "notes" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "arm_outcomes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "arm_outcomes_values_check" CHECK (
      CASE "kind"
        WHEN 'events' THEN "cases" IS NOT NULL AND "n" IS NOT NULL AND "cases" >= 0 AND "n" >= 1
          AND "cases" <= "n" AND "mean" IS NULL AND "sd" IS NULL AND "person_time" IS NULL
        WHEN 'means' THEN "mean" IS NOT NULL AND "sd" IS NOT NULL AND "n" IS NOT NULL AND "sd" > 0
          AND "n" >= 2 AND "cases" IS NULL AND "person_time" IS NULL
        WHEN 'rate' THEN "cases" IS NOT NULL AND "person_time" IS NOT NULL AND "cases" >= 0
          AND "person_time" > 0 AND "mean" IS NULL AND "sd" IS NULL
      END
    )
);

-- A null arm (the reference arm) counts as one arm: one reference row per study and outcome.
CREATE UNIQUE INDEX "arm_outcomes_study_id_outcome_arm_id_key" ON "arm_outcomes"("study_id", "outcome", "arm_id") NULLS NOT DISTINCT;
CREATE INDEX "arm_outcomes_outcome_idx" ON "arm_outcomes"("outcome");
CREATE INDEX "arm_outcomes_arm_id_idx" ON "arm_outcomes"("arm_id");

ALTER TABLE "arm_outcomes" ADD CONSTRAINT "arm_outcomes_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "arm_outcomes" ADD CONSTRAINT "arm_outcomes_arm_id_fkey" FOREIGN KEY ("arm_id") REFERENCES "dose_arms"("id") ON DELETE CASCADE ON UPDATE CASCADE;
