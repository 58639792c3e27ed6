-- The cell sources and donors of each study's products, kept on the study so that filters and
-- dashboard breakdowns read one table.
ALTER TABLE "studies" ADD COLUMN "tissues" TEXT[],
ADD COLUMN "donors" TEXT[];

UPDATE "studies" s
   SET "tissues" = x.tissues, "donors" = x.donors
  FROM (SELECT "study_id", array_agg(DISTINCT "tissue" ORDER BY "tissue") AS tissues,
               array_agg(DISTINCT "donor"::text ORDER BY "donor"::text) AS donors
          FROM "cell_products" GROUP BY "study_id") x
 WHERE x."study_id" = s."id";

-- CreateIndex
CREATE INDEX "studies_tissues_idx" ON "studies" USING GIN ("tissues");

-- CreateIndex
CREATE INDEX "studies_donors_idx" ON "studies" USING GIN ("donors");

-- A counter that moves on with every change to the evidence, so that cached aggregates can
-- tell they are stale (read by lib/server/dashboard-cache.ts).
CREATE SEQUENCE "evidence_data_version";

CREATE FUNCTION "evidence_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('evidence_data_version');
  RETURN NULL;
END $$;

CREATE TRIGGER "studies_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "studies"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "dose_arms_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "dose_arms"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "cell_products_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cell_products"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "registered_trials_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "registered_trials"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "consensus_tags_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "consensus_tags"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "annotations_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "annotations"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
