-- Each study's arm doses on the study itself, kept by PostgreSQL from dose_arms: how many arms
-- it has, and its per kg and total-cell doses (dose_mid), each list sorted. A dose-range filter
-- then reads one row per study instead of joining the arms: "an arm in [lo, hi]" is a binary
-- search in the sorted list (width_bucket), and the dashboard's dose summary unnests the lists
-- of the selected studies. The app never writes these columns.
ALTER TABLE "studies"
  ADD COLUMN "arm_count" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "doses_per_kg" DOUBLE PRECISION[],
  ADD COLUMN "doses_total" DOUBLE PRECISION[];

-- Recomputes the columns of the given studies from their arms (rows that already agree are left
-- alone).
CREATE FUNCTION "refresh_study_doses"(ids UUID[]) RETURNS VOID
  LANGUAGE sql AS $$
  UPDATE "studies" s
     SET "arm_count" = d.n, "doses_per_kg" = d.per_kg, "doses_total" = d.total
    FROM (
      SELECT i.id,
             COUNT(a.id)::int AS n,
             COALESCE(array_agg(a.dose_mid ORDER BY a.dose_mid)
                        FILTER (WHERE a.basis = 'per_kg' AND a.dose_mid IS NOT NULL), '{}') AS per_kg,
             COALESCE(array_agg(a.dose_mid ORDER BY a.dose_mid)
                        FILTER (WHERE a.basis = 'total' AND a.dose_mid IS NOT NULL), '{}') AS total
        FROM (SELECT DISTINCT unnest(ids) AS id) i
        LEFT JOIN "dose_arms" a ON a.study_id = i.id
       GROUP BY i.id
    ) d
   WHERE s.id = d.id
     AND (s.arm_count, s.doses_per_kg, s.doses_total) IS DISTINCT FROM (d.n, d.per_kg, d.total)
$$;

-- After each statement that writes arms, the studies it touched are recomputed once.
CREATE FUNCTION "dose_arms_refresh_studies"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
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

CREATE TRIGGER "dose_arms_study_doses_insert" AFTER INSERT ON "dose_arms"
  REFERENCING NEW TABLE AS new_arms
  FOR EACH STATEMENT EXECUTE FUNCTION "dose_arms_refresh_studies"();
CREATE TRIGGER "dose_arms_study_doses_update" AFTER UPDATE ON "dose_arms"
  REFERENCING OLD TABLE AS old_arms NEW TABLE AS new_arms
  FOR EACH STATEMENT EXECUTE FUNCTION "dose_arms_refresh_studies"();
CREATE TRIGGER "dose_arms_study_doses_delete" AFTER DELETE ON "dose_arms"
  REFERENCING OLD TABLE AS old_arms
  FOR EACH STATEMENT EXECUTE FUNCTION "dose_arms_refresh_studies"();

-- Emptying the arms table empties every study's lists.
CREATE FUNCTION "dose_arms_truncated"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "studies" SET "arm_count" = 0, "doses_per_kg" = '{}', "doses_total" = '{}'
   WHERE "arm_count" <> 0 OR "doses_per_kg" <> '{}' OR "doses_total" <> '{}';
  RETURN NULL;
END
$$;
CREATE TRIGGER "dose_arms_study_doses_truncate" AFTER TRUNCATE ON "dose_arms"
  FOR EACH STATEMENT EXECUTE FUNCTION "dose_arms_truncated"();

-- Studies imported before this migration.
SELECT "refresh_study_doses"(ARRAY(SELECT DISTINCT study_id FROM "dose_arms"));
