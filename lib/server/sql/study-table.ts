// The studies table: the filtered studies ordered and paged in PostgreSQL, then loaded with
// their products, arms, tags and open-annotation counts.
import { Prisma } from "../../generated/prisma/client.ts";
import type { StudyTablePage, StudyTableRow } from "../../contracts/studies";
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
const loaded = versionedCache<StudyTableRow[]>();

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
  // The rows too, while the data stay the same (a blind reviewer's tags are their own).
  const blind = filter.blindReviewer ?? null;
  const rows = await loaded(client, JSON.stringify([blind, ids]), () => pageRows(client, ids, blind));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total, rows: ids.flatMap((id) => byId.get(id) ?? []) };
}

interface RawRow {
  id: string;
  disease_code: string;
  disease: string;
  route_text: string;
  enrollment: number | null;
  outcome: string;
  reference: string | null;
  first_author: string | null;
  publication_year: number | null;
  registry_id: string | null;
  registry: string | null;
  products: StudyTableRow["products"];
  arms: StudyTableRow["arms"];
  co_administered: StudyTableRow["coAdministered"];
  categories: StudyTableRow["categories"];
  open_annotations: number;
}

/** The page's studies with their products, arms, co-administered cells, consensus tags and open
 * threads, in one statement (the nested lists as JSON, in their positions' order). While the team
 * tags blind, a reviewer sees the consensus of the studies they tagged only. */
async function pageRows(client: Db, ids: string[], blindReviewer: string | null): Promise<StudyTableRow[]> {
  if (ids.length === 0) return [];
  const rows = await client.$queryRaw<RawRow[]>`
    SELECT s.id::text AS id, s.disease_code, s.disease, s.route_text, s.enrollment, s.outcome,
           s.reference, s.first_author, s.publication_year, t.registry_id, t.registry,
           COALESCE((SELECT json_agg(json_build_object('rawText', p.raw_text, 'tissue', p.tissue,
                                                       'donor', p.donor) ORDER BY p.position)
                       FROM cell_products p WHERE p.study_id = s.id), '[]') AS products,
           COALESCE((SELECT json_agg(json_build_object('doseText', a.dose_text, 'n', a.n, 'basis', a.basis,
                                                       'doseLow', a.dose_low, 'doseHigh', a.dose_high,
                                                       'doseMid', a.dose_mid,
                                                       'administrations', a.administrations,
                                                       'schedule', a.schedule) ORDER BY a.position)
                       FROM dose_arms a WHERE a.study_id = s.id), '[]') AS arms,
           COALESCE((SELECT json_agg(json_build_object('name', c.name) ORDER BY c.position)
                       FROM co_administered_products c WHERE c.study_id = s.id), '[]') AS co_administered,
           COALESCE((SELECT json_agg(json_build_object('name', oc.name, 'colour', oc.colour)
                                     ORDER BY oc.position, oc.name)
                       FROM consensus_tags ct JOIN outcome_categories oc ON oc.id = ct.category_id
                      WHERE ct.study_id = s.id
                        AND (${blindReviewer}::uuid IS NULL
                             OR EXISTS (SELECT 1 FROM tag_assessments ta
                                         WHERE ta.study_id = s.id AND ta.reviewer_id = ${blindReviewer}::uuid))),
                    '[]') AS categories,
           (SELECT count(*)::int FROM annotations n
             WHERE n.study_id = s.id AND n.status = 'open' AND n.parent_id IS NULL) AS open_annotations
      FROM studies s LEFT JOIN registered_trials t ON t.id = s.trial_id
     WHERE s.id = ANY(${ids}::uuid[])`;
  return rows.map((r) => ({
    id: r.id,
    diseaseCode: r.disease_code,
    disease: r.disease,
    routeText: r.route_text,
    enrollment: r.enrollment,
    outcome: r.outcome,
    reference: r.reference,
    firstAuthor: r.first_author,
    publicationYear: r.publication_year,
    registryId: r.registry_id,
    registry: r.registry,
    products: r.products,
    arms: r.arms,
    coAdministered: r.co_administered,
    categories: r.categories,
    openAnnotations: r.open_annotations,
  }));
}
