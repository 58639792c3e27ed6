-- One text key per study for its disease, routes, cell sources and donors, kept by PostgreSQL
-- itself (a stored generated column), so that the dashboard can add up studies and deduplicated
-- patients per combination of these (a few hundred at most) before breaking them down, instead
-- of unnesting arrays row by row. Fields are separated by U+001F and list items by U+001E;
-- those two characters are replaced by spaces inside values so that the key always splits back
-- into what it was made from (read in lib/server/dashboard.ts).
CREATE FUNCTION "study_facet_key"(disease TEXT, routes TEXT[], tissues TEXT[], donors TEXT[]) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(disease, E'\x1e\x1f', '  ')
         || E'\x1f' || COALESCE((SELECT string_agg(translate(v, E'\x1e\x1f', '  '), E'\x1e' ORDER BY i) FROM unnest(routes) WITH ORDINALITY AS r(v, i)), '')
         || E'\x1f' || COALESCE((SELECT string_agg(translate(v, E'\x1e\x1f', '  '), E'\x1e' ORDER BY i) FROM unnest(tissues) WITH ORDINALITY AS t(v, i)), '')
         || E'\x1f' || COALESCE((SELECT string_agg(translate(v, E'\x1e\x1f', '  '), E'\x1e' ORDER BY i) FROM unnest(donors) WITH ORDINALITY AS d(v, i)), '')
$$;

ALTER TABLE "studies" ADD COLUMN "facet_key" TEXT
  GENERATED ALWAYS AS ("study_facet_key"("disease_code", "routes", "tissues", "donors")) STORED;

-- Registered trials with their studies' enrollments and keys in one index: the whole-table
-- dashboard reads it alone (index-only scan, already in trial order). It also serves every
-- lookup the index on trial_id alone did.
DROP INDEX "studies_trial_id_idx";

-- CreateIndex
CREATE INDEX "studies_trial_id_enrollment_facet_key_idx" ON "studies"("trial_id", "enrollment", "facet_key");
