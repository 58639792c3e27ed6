// The outcome data of the studies a filter (or a frozen cohort's member list) selects, with what
// a meta-analysis needs to know of each study: its attributes, dose, design and the consensus risk
// of bias for the outcome (else for the study as a whole).
import { Prisma } from "../../generated/prisma/client.ts";
import type { AnalysisRow } from "../../domain/analysis/run";
import { judgmentLabel } from "../../domain/rob/consensus";
import type { CohortFilter } from "../../domain/filter/filter";
import { ROUTE_JOINER, ROUTE_NOT_STATED } from "../../domain/vocabulary";
import type { Queryable } from "./client";
import { cellsPerKgSql, cohortSql, onCellsPerKgAxisSql } from "./filter-sql";
import { consensusVisibleSql, readJudgments, toolOf } from "./rob";

type Row = Omit<AnalysisRow, "robTool" | "robJudgments"> & { robTool: string | null; robJudgments: unknown };

export async function queryAnalysisRows(
  db: Queryable,
  filter: CohortFilter,
  outcome: string,
  memberOf: string | null,
  /** A reviewer sees only the risk-of-bias consensus of what they assessed (see consensusVisibleSql). */
  robReader: string | null = null,
): Promise<AnalysisRow[]> {
  const members = memberOf
    ? Prisma.sql`s.id IN (SELECT study_id FROM cohort_studies WHERE cohort_id = ${memberOf}::uuid)`
    : cohortSql(filter);
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.id AS "studyId", s.reference, s.disease_code AS disease,
           COALESCE(s.tissues[1], 'OTHER') AS tissue,
           COALESCE(NULLIF(array_to_string(s.routes, ${ROUTE_JOINER}), ''), ${ROUTE_NOT_STATED}) AS route,
           COALESCE(s.donors[1], 'not_stated') AS donor,
           s.trial_id AS "trialId", t.registry_id AS "registryId", o.design::text AS design,
           o.xi, o.ni, o.ai, o.bi, o.ci, o.di, o.n1i, o.n2i, o.m1i, o.sd1i, o.m2i, o.sd2i,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${cellsPerKgSql(filter)})
              FROM dose_arms a WHERE a.study_id = s.id AND ${onCellsPerKgAxisSql(filter)}) AS dose,
           s.design::text AS "studyDesign", rc.tool AS "robTool", rc.judgments AS "robJudgments",
           rc.overall::text AS "robOverall"
      FROM outcome_data o
      JOIN studies s ON s.id = o.study_id
      LEFT JOIN registered_trials t ON t.id = s.trial_id
      LEFT JOIN LATERAL (
        SELECT c.tool, c.judgments, c.overall FROM rob_consensus c
         WHERE c.study_id = s.id AND c.outcome IN (${outcome}, '') AND ${consensusVisibleSql("c", robReader)}
         ORDER BY c.outcome = '' LIMIT 1) rc ON TRUE
     WHERE o.outcome = ${outcome} AND ${members}
     ORDER BY s.disease_code, s.source_line, s.id`;
  return rows.map((r) => ({
    ...r,
    rob: judgmentLabel(r.robOverall),
    robTool: r.robTool === null ? null : toolOf(r.robTool),
    robJudgments: r.robTool === null ? null : readJudgments(r.robJudgments),
  }));
}
