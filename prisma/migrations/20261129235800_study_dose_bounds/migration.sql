-- Each study's lowest and highest per kg and total-cell dose, kept by PostgreSQL from its sorted
-- dose lists (stored generated columns; the app never writes them). A dose-range filter decides
-- most studies from these four numbers alone (lowest and highest both in range, both out on one
-- side); only a study whose doses straddle the range is searched in its list. Reading an array
-- means copying it out of the row first, which was the largest cost of a dose filter over
-- 100,000 studies.
ALTER TABLE "studies"
  ADD COLUMN "per_kg_min" DOUBLE PRECISION GENERATED ALWAYS AS ("doses_per_kg"[1]) STORED,
  ADD COLUMN "per_kg_max" DOUBLE PRECISION GENERATED ALWAYS AS ("doses_per_kg"[cardinality("doses_per_kg")]) STORED,
  ADD COLUMN "total_min" DOUBLE PRECISION GENERATED ALWAYS AS ("doses_total"[1]) STORED,
  ADD COLUMN "total_max" DOUBLE PRECISION GENERATED ALWAYS AS ("doses_total"[cardinality("doses_total")]) STORED;

-- The narrow index for filters (migration 20261129220000_study_read_indexes) with the four.
DROP INDEX "studies_filter_columns_idx";

-- CreateIndex
CREATE INDEX "studies_filter_columns_idx" ON "studies"("id", "trial_id", "enrollment", "facet_key", "disease_code", "routes", "tissues", "donors", "arm_count", "per_kg_min", "per_kg_max", "total_min", "total_max", "doses_per_kg", "doses_total");
