// The studies table: the filtered studies ordered and paged in PostgreSQL, then loaded with
// their products, arms, tags and open-annotation counts.
import { Prisma } from "../../generated/prisma/client.ts";
import type { StudyTablePage } from "../../contracts/studies";
import { selectionScope, type CohortFilter, type ScopedFilter } from "../../domain/filter/filter";
import type { StudySort, TableRequest } from "../../domain/table-request";
import type { Db } from "./client";
import { versionedCache } from "./data-version";
import { cellsPerKgSql, cohortSql, lowestCellsPerKgSql } from "./filter-sql";

function orderSql(sort: StudySort, direction: "asc" | "desc", filter: CohortFilter): Prisma.Sql {
  const dir = direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const key = {
    disease: Prisma.sql`s.disease_code`,
    route: Prisma.sql`s.route_text`,
    enrollment: Prisma.sql`s.enrollment`,
    dose:
      filter.doseScale === "cumulative"
        ? Prisma.sql`(SELECT MIN(${cellsPerKgSql(filter)}) FROM dose_arms a WHERE a.study_id = s.id)`
        : lowestCellsPerKgSql(filter.referenceWeightKg),
    registry: Prisma.sql`(SELECT t.registry_id FROM registered_trials t WHERE t.id = s.trial_id)`,
    reference: Prisma.sql`s.reference`,
    table: Prisma.sql`s.source_line`,
  }[sort];
  return Prisma.sql`ORDER BY ${key} ${dir} NULLS LAST, s.source_id, s.source_line, s.id`;
}

const totals = versionedCache<number>();
const pages = versionedCache<string[]>();

/** One page of the filtered studies, ordered and paged in PostgreSQL. */
export async function queryStudyTable(
  client: Db,
  filter: ScopedFilter,
  request: TableRequest,
): Promise<StudyTablePage> {
  // Which studies are on the page depends on the selection alone, not on who reads it: the count
  // and the page's ids are shared by every reader while the data stay the same.
  const selection = selectionScope(filter);
  const where = cohortSql(selection);
  const key = JSON.stringify(selection);
  const offset = (request.page - 1) * request.pageSize;
  const [total, ids] = await Promise.all([
    totals(client, key, async () => {
      const [row] = await client.$queryRaw<
        { n: number }[]
      >`SELECT COUNT(*)::int AS n FROM studies s WHERE ${where}`;
      return row?.n ?? 0;
    }),
    pages(
      client,
      JSON.stringify([key, request.sort, request.direction, request.page, request.pageSize]),
      async () =>
        (
          await client.$queryRaw<{ id: string }[]>`SELECT s.id FROM studies s WHERE ${where}
          ${orderSql(request.sort, request.direction, selection)} LIMIT ${request.pageSize} OFFSET ${offset}`
        ).map((r) => r.id),
    ),
  ]);
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
      firstAuthor: true,
      publicationYear: true,
      trial: { select: { registryId: true, registry: true } },
      products: { select: { rawText: true, tissue: true, donor: true }, orderBy: { position: "asc" } },
      arms: {
        select: {
          doseText: true,
          n: true,
          basis: true,
          doseLow: true,
          doseHigh: true,
          doseMid: true,
          administrations: true,
          schedule: true,
        },
        orderBy: { position: "asc" },
      },
      coAdministered: { select: { name: true }, orderBy: { position: "asc" } },
      // While the team tags blind, a reviewer sees the consensus of the studies they tagged only.
      consensusTags: {
        where: filter.blindReviewer
          ? { study: { tagAssessments: { some: { reviewerId: filter.blindReviewer } } } }
          : {},
        select: { category: { select: { name: true, colour: true } } },
      },
      _count: { select: { annotations: { where: { status: "open", parentId: null } } } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total,
    rows: ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const { trial, consensusTags, _count, ...rest } = r;
      return [
        {
          ...rest,
          registryId: trial?.registryId ?? null,
          registry: trial?.registry ?? null,
          categories: consensusTags.map((t) => t.category),
          openAnnotations: _count.annotations,
        },
      ];
    }),
  };
}
