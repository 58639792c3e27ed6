-- A renamed or recoloured outcome category changes what cached views show (the studies table's
-- tags, the dashboard's categories): it moves the evidence's data version on like other changes.
CREATE TRIGGER "outcome_categories_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "outcome_categories"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
