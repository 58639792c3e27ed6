-- More of what cached views show moves the evidence's data version on: a renamed or recoloured
-- outcome category (the studies table's tags, the dashboard's categories), the tags themselves
-- (each category's count), and outcome data (the outcome names a study page offers).
CREATE TRIGGER "outcome_categories_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "outcome_categories"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "tags_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tags"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "outcome_data_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "outcome_data"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "arm_outcomes_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "arm_outcomes"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
-- A person's name shows beside their notes and corrections: renaming an account moves the version
-- on too (signing in, which writes other columns of the row, does not).
CREATE TRIGGER "users_name_data_version" AFTER UPDATE OF "name" ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
-- The team's settings (blind tagging decides what each reader sees of cached reads).
CREATE TRIGGER "team_settings_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "team_settings"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
-- A cohort and its share links (its page is cached by the version; they change far less often
-- than it is opened).
CREATE TRIGGER "cohorts_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cohorts"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
CREATE TRIGGER "share_links_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "share_links"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();
