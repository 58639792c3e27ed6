-- What a blind reader may see depends on their own tag assessments and risk-of-bias assessments:
-- a new assessment changes which consensus they may filter by, so it moves the data version on
-- and no cached count or page made before it is served.
CREATE TRIGGER "tag_assessments_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tag_assessments"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "rob_assessments_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "rob_assessments"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
