// Read access to the evidence table for the signed-in team: dashboard numbers, the studies
// table, one study, and the choices the filter offers.
import "server-only";
import type { AnalysisSettings, CohortFilter } from "../domain/cohort-filter";
import { EMPTY_FILTER } from "../domain/cohort-filter";
import { queryDashboard, type DashboardStats } from "./dashboard";
import { cachedDashboard } from "./dashboard-cache";
import type { ChartOptions } from "../domain/chart-options";
import { db } from "./db";
import { cachedDoseChart, type DoseChartData } from "./dose-chart";
import { assertRole, type SessionUser } from "./session-user";
import { queryStudyTable, type TableRequest } from "./study-table";

const DEFAULT_SETTINGS: AnalysisSettings = { referenceWeightKg: 70 };

export interface EvidenceSummary {
  studies: number;
  registeredTrials: number;
  unregisteredStudies: number;
  /** The largest enrollment per registered trial plus every unregistered study. */
  patientsDeduplicated: number;
  arms: number;
}

export async function evidenceSummary(actor: SessionUser | null): Promise<EvidenceSummary> {
  assertRole(actor, "viewer");
  const stats = await queryDashboard(db(), EMPTY_FILTER, DEFAULT_SETTINGS);
  const unregistered = await db().study.count({ where: { trialId: null } });
  return {
    studies: stats.studies,
    registeredTrials: stats.registeredTrials,
    unregisteredStudies: unregistered,
    patientsDeduplicated: stats.patients,
    arms: stats.arms,
  };
}

export async function dashboard(
  actor: SessionUser | null,
  filter: CohortFilter,
  settings: AnalysisSettings,
): Promise<DashboardStats> {
  assertRole(actor, "viewer");
  return cachedDashboard(db(), filter, settings);
}

export { SORTS, PAGE_SIZES, type StudySort, type TableRequest } from "./study-table";

/** One page of the filtered studies, ordered and paged in PostgreSQL. */
export async function studyTable(
  actor: SessionUser | null,
  filter: CohortFilter,
  settings: AnalysisSettings,
  request: TableRequest,
) {
  assertRole(actor, "viewer");
  return queryStudyTable(db(), filter, settings, request);
}

export async function studyDetail(actor: SessionUser | null, id: string) {
  assertRole(actor, "viewer");
  return db().study.findUnique({
    where: { id },
    include: {
      source: { select: { name: true, citation: true } },
      trial: {
        include: {
          studies: {
            select: { id: true, reference: true, diseaseCode: true, enrollment: true },
            orderBy: { sourceLine: "asc" },
          },
        },
      },
      products: { orderBy: { position: "asc" } },
      arms: { orderBy: { position: "asc" }, include: { product: { select: { rawText: true } } } },
      consensusTags: { include: { category: true } },
      editedBy: { select: { name: true } },
    },
  });
}

/** The values the filter form offers, with how many studies have each. */
export async function filterOptions(actor: SessionUser | null) {
  assertRole(actor, "viewer");
  const [diseases, routes, co, categories] = await Promise.all([
    db().$queryRaw<{ value: string; label: string; n: number }[]>`
      SELECT disease_code AS value, MIN(disease) AS label, COUNT(*)::int AS n FROM studies GROUP BY disease_code ORDER BY n DESC, value`,
    db().$queryRaw<{ value: string; n: number }[]>`
      SELECT r AS value, COUNT(*)::int AS n FROM studies, unnest(routes) r GROUP BY r ORDER BY n DESC, value`,
    db().$queryRaw<{ value: string; n: number }[]>`
      SELECT c AS value, COUNT(DISTINCT study_id)::int AS n FROM cell_products, unnest(co_interventions) c GROUP BY c ORDER BY n DESC, value`,
    db().outcomeCategory.findMany({
      select: { id: true, name: true, colour: true },
      orderBy: { position: "asc" },
    }),
  ]);
  return { diseases, routes, coInterventions: co, categories };
}

/** The dose chart data of the filtered studies. */
export async function doseChart(
  actor: SessionUser | null,
  filter: CohortFilter,
  settings: AnalysisSettings,
  options: Pick<ChartOptions, "groupBy">,
): Promise<DoseChartData> {
  assertRole(actor, "viewer");
  return cachedDoseChart(db(), filter, settings, options);
}
