-- The arms in id order with what decides whether each is drawn on the cells/kg axis: the dose
-- chart's even random sample (the first arms by id, which are random UUIDs) walks this index
-- alone until it has enough, looking each arm's study up in the selection, instead of reading
-- each arm's row from the table.

-- CreateIndex
CREATE INDEX "dose_arms_id_study_id_basis_dose_mid_idx" ON "dose_arms"("id", "study_id", "basis", "dose_mid");
