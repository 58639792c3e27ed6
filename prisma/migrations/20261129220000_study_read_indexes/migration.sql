-- The columns that filters and aggregates read, as one narrow index (about half the size of the
-- studies table, whose rows also carry the source text, outcome and hashes): a filter on
-- disease, route, cell source, donor, enrollment, registration or dose, and the dashboard and
-- chart over its result, read this index alone (index-only scans) instead of the whole table,
-- already in id order for joining the arms.
-- CreateIndex
CREATE INDEX "studies_filter_columns_idx" ON "studies"("id", "trial_id", "enrollment", "facet_key", "disease_code", "routes", "tissues", "donors", "arm_count", "doses_per_kg", "doses_total");

-- The studies table in the order of its source lines: a page is read from the index, at any
-- offset, instead of sorting every study.
-- CreateIndex
CREATE INDEX "studies_source_line_source_id_id_idx" ON "studies"("source_line", "source_id", "id");
