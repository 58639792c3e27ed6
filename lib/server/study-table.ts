// The studies table: the filtered studies ordered and paged in PostgreSQL, then loaded with
// their products, arms, tags and open-annotation counts. Not "server-only": benchmarks use it.
import { Prisma } from "../generated/prisma/client.ts";
import type { AnalysisSettings, CohortFilter } from "../domain/cohort-filter";
import type { Db } from "./prisma-client";
import { cohortSql, lowestCellsPerKgSql } from "./study-query";

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
    dose: lowestCellsPerKgSql(weight),
    registry: Prisma.sql`(SELECT t.registry_id FROM registered_trials t WHERE t.id = s.trial_id)`,
    reference: Prisma.sql`s.reference`,
    table: Prisma.sql`s.source_line`,
  }[sort];
  return Prisma.sql`ORDER BY ${key} ${dir} NULLS LAST, s.source_id, s.source_line, s.id`;
}

/** One page of the filtered studies, ordered and paged in PostgreSQL. */
export async function queryStudyTable(
  client: Db,
  filter: CohortFilter,
  settings: AnalysisSettings,
  request: TableRequest,
) {
  const where = cohortSql(filter, settings);
  const offset = (request.page - 1) * request.pageSize;
  const [countRows, idRows] = await Promise.all([
    client.$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM studies s WHERE ${where}`,
    client.$queryRaw<{ id: string }[]>`SELECT s.id FROM studies s WHERE ${where}
      ${orderSql(request.sort, request.direction, settings.referenceWeightKg)} LIMIT ${request.pageSize} OFFSET ${offset}`,
  ]);
  const ids = idRows.map((r) => r.id);
  const rows = await client.study.findMany({
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
      _count: { select: { annotations: { where: { status: "open", parentId: null } } } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total: countRows[0]?.n ?? 0, rows: ids.map((id) => byId.get(id)!).filter(Boolean) };
}
