-- Risk of bias and certainty of evidence: each study's design (which picks the tool), reviewers'
-- independent assessments per study and outcome, their consensus, and the team's GRADE ratings
-- per outcome.
CREATE TYPE "StudyDesign" AS ENUM ('randomised', 'non_randomised', 'single_arm');
CREATE TYPE "RobJudgment" AS ENUM ('low', 'some_concerns', 'moderate', 'high', 'serious', 'critical', 'no_information', 'not_applicable');

ALTER TABLE "studies" ADD COLUMN "design" "StudyDesign";

-- The design as lib/domain/rob/design.ts reads it from a table's Design and Phase cells; the same
-- rules in SQL, so that studies imported before this migration get theirs (a test checks that the
-- two agree on every phrasing of the domain's tests).
CREATE FUNCTION "read_study_design"("design_text" TEXT, "phase" TEXT) RETURNS "StudyDesign"
LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE
    WHEN t ~ '\y(non|not|un)[- ]?randomi[sz]ed\y|\yquasi[- ]?randomi[sz]ed\y' THEN
      CASE WHEN t ~ '\y(single|one)[- ](arm|group)\y|\yun-?controlled\y|\ynon-?controlled\y|\ywithout (a )?control\y|\yno control\y|\ycase series\y|\ycase reports?\y|\yself[- ]controlled\y|\ybefore[- ]and[- ]after\y|\ypre[- ]post\y'
           THEN 'single_arm' ELSE 'non_randomised' END
    WHEN t ~ '\yrandomi[sz](ed|ation)\y|\yrcts?\y' THEN 'randomised'
    WHEN t ~ '\y(single|one)[- ](arm|group)\y|\yun-?controlled\y|\ynon-?controlled\y|\ywithout (a )?control\y|\yno control\y|\ycase series\y|\ycase reports?\y|\yself[- ]controlled\y|\ybefore[- ]and[- ]after\y|\ypre[- ]post\y' THEN 'single_arm'
    WHEN t ~ '\yplacebo|\ydouble[- ]blind|\ysham\y' THEN NULL
    WHEN t ~ '\ycontrolled\y|\ycontrol (group|arm)s?\y|\ycohort\y|\ycase[- ]control\y|\ycomparative\y|\yhistorical controls?\y|\ymatched\y' THEN 'non_randomised'
  END)::"StudyDesign"
  FROM (SELECT lower(concat_ws('; ', NULLIF(btrim("design_text"), ''), NULLIF(btrim("phase"), ''))) AS t) x
$$;

UPDATE "studies" SET "design" = read_study_design("design_text", "phase")
 WHERE "design_text" IS NOT NULL OR "phase" IS NOT NULL;

-- One reviewer's assessment of one study for one outcome ('' = the study as a whole), with the
-- tool's answers, the reviewer's overrides and the resulting judgements; blind to the others
-- until submitted.
CREATE TABLE "rob_assessments" (
    "id" UUID NOT NULL,
    "study_id" UUID NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT '',
    "reviewer_id" UUID NOT NULL,
    "tool" TEXT NOT NULL,
    "variant" TEXT,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "overrides" JSONB NOT NULL DEFAULT '{}',
    "judgments" JSONB NOT NULL DEFAULT '{}',
    "overall" "RobJudgment",
    "submitted_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rob_assessments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rob_assessments_tool_check" CHECK ("tool" IN ('rob2', 'robins-i', 'jbi-case-series')),
    CONSTRAINT "rob_assessments_variant_check" CHECK ("variant" IS NULL OR "variant" IN ('assignment', 'adhering'))
);

CREATE UNIQUE INDEX "rob_assessments_study_id_outcome_reviewer_id_key" ON "rob_assessments"("study_id", "outcome", "reviewer_id");
CREATE INDEX "rob_assessments_reviewer_id_idx" ON "rob_assessments"("reviewer_id");
CREATE INDEX "rob_assessments_tool_submitted_at_idx" ON "rob_assessments"("tool", "submitted_at");

ALTER TABLE "rob_assessments" ADD CONSTRAINT "rob_assessments_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rob_assessments" ADD CONSTRAINT "rob_assessments_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The judgements a study–outcome is counted under: what every reviewer who submitted agrees on
-- (set_by_id NULL), or what an admin decided (or imported from a robvis file).
CREATE TABLE "rob_consensus" (
    "study_id" UUID NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT '',
    "tool" TEXT NOT NULL,
    "judgments" JSONB NOT NULL,
    "overall" "RobJudgment" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "set_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rob_consensus_pkey" PRIMARY KEY ("study_id", "outcome"),
    CONSTRAINT "rob_consensus_tool_check" CHECK ("tool" IN ('rob2', 'robins-i', 'jbi-case-series'))
);

CREATE INDEX "rob_consensus_overall_idx" ON "rob_consensus"("overall");
CREATE INDEX "rob_consensus_tool_outcome_idx" ON "rob_consensus"("tool", "outcome");

ALTER TABLE "rob_consensus" ADD CONSTRAINT "rob_consensus_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rob_consensus" ADD CONSTRAINT "rob_consensus_set_by_id_fkey" FOREIGN KEY ("set_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The filter selects studies by their consensus: cached aggregates must see it change.
CREATE TRIGGER "rob_consensus_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "rob_consensus"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_bump_data_version"();

-- The team's GRADE rating of one outcome: the imprecision threshold and optimal information size
-- it set, and its decision (accept or override, with a footnote) on each suggested rating.
CREATE TABLE "grade_ratings" (
    "outcome" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION,
    "threshold_measure" TEXT,
    "ois_size" DOUBLE PRECISION,
    "ois_unit" TEXT,
    "decisions" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "grade_ratings_pkey" PRIMARY KEY ("outcome"),
    CONSTRAINT "grade_ratings_ois_unit_check" CHECK ("ois_unit" IS NULL OR "ois_unit" IN ('participants', 'events'))
);

ALTER TABLE "grade_ratings" ADD CONSTRAINT "grade_ratings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
