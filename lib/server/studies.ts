// Read access to the evidence table for the signed-in team: dashboard numbers, the studies
// table, one study, and the choices the filter offers.
import "server-only";
import type { DashboardStats, EvidenceSummary } from "../contracts/dashboard";
import type { FilterOptions, StudyDetail, StudyTablePage } from "../contracts/studies";
import { EMPTY_FILTER, type CohortFilter } from "../domain/filter/filter";
import type { TableRequest } from "../domain/table-request";
import { db } from "./platform/db";
import { assertRole, type SessionUser } from "./platform/session-user";
import { cachedDashboard, queryDashboard } from "./sql/dashboard";
import { queryFilterOptions } from "./sql/filter-options";
import { queryStudyDetail } from "./sql/study-detail";
import { queryStudyTable } from "./sql/study-table";
import { scoped } from "./visibility";

export async function evidenceSummary(actor: SessionUser | null): Promise<EvidenceSummary> {
  assertRole(actor, "viewer");
  const stats = await queryDashboard(db(), EMPTY_FILTER);
  const unregistered = await db().study.count({ where: { trialId: null } });
  return {
    studies: stats.studies,
    registeredTrials: stats.registeredTrials,
    unregisteredStudies: unregistered,
    patientsDeduplicated: stats.patients,
    arms: stats.arms,
  };
}

export async function dashboard(actor: SessionUser | null, filter: CohortFilter): Promise<DashboardStats> {
  const user = assertRole(actor, "viewer");
  return cachedDashboard(db(), await scoped(user, filter));
}

/** One page of the filtered studies, ordered and paged in PostgreSQL. */
export async function studyTable(
  actor: SessionUser | null,
  filter: CohortFilter,
  request: TableRequest,
): Promise<StudyTablePage> {
  const user = assertRole(actor, "viewer");
  return queryStudyTable(db(), await scoped(user, filter), request);
}

export async function studyDetail(actor: SessionUser | null, id: string): Promise<StudyDetail | null> {
  assertRole(actor, "viewer");
  return queryStudyDetail(db(), id);
}

/** The values the filter form offers, with how many studies have each. */
export async function filterOptions(actor: SessionUser | null): Promise<FilterOptions> {
  assertRole(actor, "viewer");
  return queryFilterOptions(db());
}
