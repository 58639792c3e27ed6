// The outcome data of the studies a filter (or a frozen cohort's member list) selects, with what
// a meta-analysis needs to know of each study.
import { Prisma } from "../../generated/prisma/client.ts";
import type { AnalysisRow } from "../../domain/analysis/run";
import type { CohortFilter } from "../../domain/filter/filter";
import { ROUTE_JOINER, ROUTE_NOT_STATED } from "../../domain/vocabulary";
import type { Queryable } from "./client";
import { cellsPerKgSql, cohortSql, onCellsPerKgAxisSql } from "./filter-sql";

export function queryAnalysisRows(
  db: Queryable,
  filter: CohortFilter,
  outcome: string,
  memberOf: string | null,
): Promise<AnalysisRow[]> {
  const members = memberOf
    ? Prisma.sql`s.id IN (SELECT study_id FROM cohort_studies WHERE cohort_id = ${memberOf}::uuid)`
    : cohortSql(filter);
  return db.$queryRaw<AnalysisRow[]>`
    SELECT s.id AS "studyId", s.reference, s.disease_code AS disease,
           COALESCE(s.tissues[1], 'OTHER') AS tissue,
           COALESCE(NULLIF(array_to_string(s.routes, ${ROUTE_JOINER}), ''), ${ROUTE_NOT_STATED}) AS route,
           COALESCE(s.donors[1], 'not_stated') AS donor,
           s.trial_id AS "trialId", t.registry_id AS "registryId", o.design::text AS design,
           o.xi, o.ni, o.ai, o.bi, o.ci, o.di, o.n1i, o.n2i, o.m1i, o.sd1i, o.m2i, o.sd2i,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${cellsPerKgSql(filter)})
              FROM dose_arms a WHERE a.study_id = s.id AND ${onCellsPerKgAxisSql(filter)}) AS dose
      FROM outcome_data o
      JOIN studies s ON s.id = o.study_id
      LEFT JOIN registered_trials t ON t.id = s.trial_id
     WHERE o.outcome = ${outcome} AND ${members}
     ORDER BY s.disease_code, s.source_line, s.id`;
}
