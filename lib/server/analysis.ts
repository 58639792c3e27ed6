// Meta-analysis of one outcome over the studies a filter or a cohort selects, and what the
// analysis page needs around it.
import "server-only";
import type { CohortDetail } from "../contracts/cohorts";
import type { SofTableView } from "../contracts/risk-of-bias";
import {
  ANALYSIS_PARAMS,
  parseAnalysisOptions,
  runAnalysis,
  type AnalysisOptions,
  type AnalysisResult,
  type AnalysisRow,
} from "../domain/analysis";
import { leaveOutHighRisk, type RobSensitivity } from "../domain/analysis/sensitivity";
import {
  DOSE_RESPONSE_PARAMS,
  parseDoseResponseChoices,
  type DoseResponseChoices,
} from "../domain/stats/dose-response/choices";
import { describeFilter, filterToParams, parseFilter, type CohortFilter } from "../domain/filter";
import { firstParam, paramValues, type Params } from "../domain/url-params";
import { findCohort } from "./cohorts";
import { summaryOfFindings } from "./grade";
import { outcomeNames } from "./outcome-data";
import { db } from "./platform/db";
import { assertRole, type SessionUser } from "./platform/session-user";
import { robReader } from "./risk-of-bias";
import { queryAnalysisRows } from "./sql/analysis-rows";
import { scoped } from "./visibility";

export async function analyse(
  actor: SessionUser | null,
  filter: CohortFilter,
  options: AnalysisOptions,
  memberOf: string | null = null,
): Promise<{ rows: AnalysisRow[]; result: AnalysisResult }> {
  const user = assertRole(actor, "viewer");
  const rows = options.outcome
    ? await queryAnalysisRows(db(), await scoped(user, filter), options.outcome, memberOf, robReader(user))
    : [];
  return { rows, result: runAnalysis(rows, options) };
}

export interface AnalysisPage {
  cohort: CohortDetail | null;
  filter: CohortFilter;
  /** The choices in effect (the first outcome when none is chosen). */
  chosen: AnalysisOptions;
  ignored: string[];
  outcomes: { outcome: string; studies: number }[];
  result: AnalysisResult;
  /** Which studies, in words. */
  scope: string;
  /** The URL parameters that keep the same studies (a cohort, or the filter). */
  studyQuery: string;
  /** A frozen cohort's id (its members as frozen), else null. */
  memberOf: string | null;
  /** The dose–response view's choices (from the address, or saved with the cohort). */
  doseResponse: DoseResponseChoices;
  doseResponseProblems: string[];
  doseResponseTyped: { knotValues: string; reference: string };
  /** The same analysis without the studies at high risk of bias. */
  sensitivity: RobSensitivity | null;
  /** GRADE's summary of findings, one row per outcome. */
  sof: SofTableView;
}

/** The analysis page: over a cohort (`?cohort=`), whose link opens the choices saved with it
 * unless the address gives some, or over the filter in the address. */
export async function analysisPage(actor: SessionUser | null, params: Params): Promise<AnalysisPage> {
  const user = assertRole(actor, "viewer");
  const ref = firstParam(params, "cohort");
  const cohort = ref ? await findCohort(user, ref) : null;
  const hasChoices = [...ANALYSIS_PARAMS, ...DOSE_RESPONSE_PARAMS].some(
    (k) => paramValues(params, k).length > 0,
  );
  const choiceParams = cohort && !hasChoices ? new URLSearchParams(cohort.analysis) : params;
  const doseResponse = parseDoseResponseChoices(
    new URLSearchParams(
      DOSE_RESPONSE_PARAMS.flatMap((k) =>
        paramValues(choiceParams, k)
          .slice(0, 1)
          .map((v) => [k, v]),
      ),
    ),
  );
  const { options, ignored } = parseAnalysisOptions(choiceParams);
  const filter = cohort ? cohort.filter : parseFilter(params).filter;
  const outcomes = await outcomeNames(user);
  const chosen: AnalysisOptions = { ...options, outcome: options.outcome || outcomes[0]?.outcome || "" };
  const memberOf = cohort?.frozen ? cohort.id : null;
  const [{ rows, result }, sof] = await Promise.all([
    analyse(user, filter, chosen, memberOf),
    summaryOfFindings(user, filter, chosen, (o) => analyse(user, filter, o, memberOf)),
  ]);
  const sensitivity = result.model ? leaveOutHighRisk(rows, chosen) : null;
  const chips = describeFilter(filter);
  const scope = cohort
    ? `Cohort “${cohort.name}” (${cohort.frozenAt ? "frozen members" : "live"})`
    : chips.length
      ? chips.join("; ")
      : "all studies";
  const studyQuery = cohort ? new URLSearchParams({ cohort: cohort.slug }) : filterToParams(filter);
  return {
    cohort,
    filter,
    chosen,
    ignored,
    outcomes,
    result,
    scope,
    studyQuery: studyQuery.toString(),
    sensitivity,
    sof,
    memberOf,
    doseResponse: doseResponse.choices,
    doseResponseProblems: doseResponse.problems,
    doseResponseTyped: doseResponse.typed,
  };
}
