-- The dashboard numbers and chart data of a frozen cohort at the moment it was frozen.
ALTER TABLE "cohorts" ADD COLUMN "frozen_stats" JSONB;
