// Read access to the evidence table for the signed-in team: dashboard numbers, the studies
// table, one study, and the choices the filter offers.
import "server-only";
import { Prisma } from "../generated/prisma/client.ts";
import type { AnalysisSettings, CohortFilter } from "../domain/cohort-filter";
import { EMPTY_FILTER } from "../domain/cohort-filter";
import { queryDashboard, type DashboardStats } from "./dashboard";
import { db } from "./db";
import { assertRole, type SessionUser } from "./session-user";
import { cohortSql } from "./study-query";

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
  return queryDashboard(db(), filter, settings);
}

export const SORTS = ["disease", "route", "enrollment", "dose", "registry", "reference", "table"] as const;
export type StudySort = (typeof SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

export interface TableRequest {
  sort: StudySort;
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
}

function orderSql(sort: StudySort, direction: "asc" | "desc", weight: number): Prisma.Sql {
  const dir = direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const key = {
    disease: Prisma.sql`s.disease_code`,
    route: Prisma.sql`s.route_text`,
    enrollment: Prisma.sql`s.enrollment`,
    dose: Prisma.sql`(SELECT MIN(CASE WHEN a.basis = 'per_kg' THEN a.dose_mid WHEN a.basis = 'total' THEN a.dose_mid / ${weight}::float8 END)
                        FROM dose_arms a WHERE a.study_id = s.id)`,
    registry: Prisma.sql`(SELECT t.registry_id FROM registered_trials t WHERE t.id = s.trial_id)`,
    reference: Prisma.sql`s.reference`,
    table: Prisma.sql`s.source_line`,
  }[sort];
  return Prisma.sql`ORDER BY ${key} ${dir} NULLS LAST, s.source_id, s.source_line, s.id`;
}

/** One page of the filtered studies, ordered and paged in PostgreSQL. */
export async function studyTable(
  actor: SessionUser | null,
  filter: CohortFilter,
  settings: AnalysisSettings,
  request: TableRequest,
) {
  assertRole(actor, "viewer");
  const where = cohortSql(filter, settings);
  const offset = (request.page - 1) * request.pageSize;
  const [countRows, idRows] = await Promise.all([
    db().$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM studies s WHERE ${where}`,
    db().$queryRaw<{ id: string }[]>`SELECT s.id FROM studies s WHERE ${where}
      ${orderSql(request.sort, request.direction, settings.referenceWeightKg)} LIMIT ${request.pageSize} OFFSET ${offset}`,
  ]);
  const ids = idRows.map((r) => r.id);
  const rows = await db().study.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      diseaseCode: true,
      disease: true,
      routeText: true,
      enrollment: true,
      outcome: true,
      reference: true,
      trial: { select: { registryId: true, registry: true } },
      products: { select: { rawText: true, tissue: true, donor: true }, orderBy: { position: "asc" } },
      arms: {
        select: { doseText: true, n: true, basis: true, doseLow: true, doseHigh: true, doseMid: true },
        orderBy: { position: "asc" },
      },
      consensusTags: { select: { category: { select: { name: true, colour: true } } } },
      _count: { select: { annotations: { where: { status: "open" } } } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total: countRows[0]?.n ?? 0, rows: ids.map((id) => byId.get(id)!).filter(Boolean) };
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
      annotations: {
        where: { parentId: null },
        orderBy: { createdAt: "asc" },
        include: { author: { select: { name: true } } },
      },
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
