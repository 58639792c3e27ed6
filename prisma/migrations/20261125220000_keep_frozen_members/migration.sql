-- A frozen cohort keeps its members (as their snapshots) when a study is later deleted.
ALTER TABLE "cohort_studies" DROP CONSTRAINT "cohort_studies_study_id_fkey";
