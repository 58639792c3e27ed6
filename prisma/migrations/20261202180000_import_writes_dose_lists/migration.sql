-- An import writes each new study's arm count and dose lists with the study, and refreshes the
-- studies it changed once at its end; while it runs (a setting local to its transaction) the
-- arms' triggers leave the studies alone instead of recomputing every chunk's studies again.
-- Every other write of arms is still followed by the triggers.
CREATE OR REPLACE FUNCTION "dose_arms_refresh_studies"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('evidence.import_writes_dose_lists', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM "refresh_study_doses"(ARRAY(SELECT study_id FROM new_arms));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "refresh_study_doses"(ARRAY(SELECT study_id FROM old_arms));
  ELSE
    PERFORM "refresh_study_doses"(ARRAY(SELECT study_id FROM new_arms UNION SELECT study_id FROM old_arms));
  END IF;
  RETURN NULL;
END
$$;
