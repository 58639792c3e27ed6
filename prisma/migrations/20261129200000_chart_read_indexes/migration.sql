-- Two narrow indexes for the dose chart over the whole table. With both, PostgreSQL joins every
-- arm to its study by walking the two indexes side by side (a merge join of index-only scans),
-- instead of reading the wide studies table into a hash table: each study's disease and routes
-- come from its facet_key, each arm's dose and product from the arms index, which also lists
-- the arms study by study for the dose ladders.

-- CreateIndex
CREATE INDEX "studies_id_facet_key_idx" ON "studies"("id", "facet_key");

-- CreateIndex
CREATE INDEX "dose_arms_study_id_basis_dose_mid_product_id_idx" ON "dose_arms"("study_id", "basis", "dose_mid", "product_id");
