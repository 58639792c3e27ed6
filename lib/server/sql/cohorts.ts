// The SQL of saved cohorts: writing a frozen cohort's members, what changed since, its numbers
// and member pages (frozen from snapshots, live from the filter), and the annotations a share
// link may show. Unchecked: lib/server/cohorts.ts and shares.ts check who asks.
import { Prisma } from "../../generated/prisma/client.ts";
import type {
  CohortData,
  FrozenChanges,
  FrozenStats,
  MemberRow,
  SharedAnnotation,
  StudyRef,
} from "../../contracts/cohorts";
import type { CohortFilter } from "../../domain/filter/filter";
import type { Db, Queryable, Tx } from "./client";
import { MemberSnapshotSchema } from "./cohort-json";
import { cachedDashboard, queryDashboard } from "./dashboard";
import { cachedDoseChart } from "./dose-chart";
import { cohortSql } from "./filter-sql";
import { queryStudyTable } from "./study-table";

/** What the SQL needs of a cohort: its id, its filter and, when frozen, its numbers. */
export interface CohortRef {
  id: string;
  filter: CohortFilter;
  frozen: FrozenStats | null;
}

export const MEMBERS_PAGE_SIZE = 50;

/** Copies the studies a filter selects, each as it is now, into a cohort's members. */
export function insertMembers(tx: Tx, cohortId: string, filter: CohortFilter): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO cohort_studies (cohort_id, study_id, snapshot)
    SELECT ${cohortId}::uuid, s.id, jsonb_build_object(
             'version', s.version, 'contentHash', s.content_hash,
             'diseaseCode', s.disease_code, 'disease', s.disease, 'routeText', s.route_text,
             'enrollment', s.enrollment, 'outcome', s.outcome, 'reference', s.reference,
             'registryId', t.registry_id, 'publicationYear', s.publication_year, 'sourceLine', s.source_line,
             'products', COALESCE((SELECT jsonb_agg(p.raw_text ORDER BY p.position) FROM cell_products p WHERE p.study_id = s.id), '[]'::jsonb),
             'arms', COALESCE((SELECT jsonb_agg(jsonb_build_object('doseText', a.dose_text, 'basis', a.basis, 'doseMid', a.dose_mid, 'n', a.n) ORDER BY a.position)
                                 FROM dose_arms a WHERE a.study_id = s.id), '[]'::jsonb))
      FROM studies s LEFT JOIN registered_trials t ON t.id = s.trial_id
     WHERE ${cohortSql(filter)}`;
}

/** What has changed in the data since a cohort was frozen; null for a live cohort. */
export async function queryFrozenChanges(q: Queryable, cohort: CohortRef): Promise<FrozenChanges | null> {
  if (!cohort.frozen) return null;
  const where = cohortSql(cohort.filter);
  const [row] = await q.$queryRaw<
    {
      members: number;
      changed: StudyRef[] | null;
      changedCount: number;
      leftFilter: number;
      added: StudyRef[] | null;
      addedCount: number;
    }[]
  >`
    WITH m AS (
      SELECT cs.study_id, cs.snapshot, s.id AS sid, s.version, s.content_hash, s.reference, s.disease_code,
             COALESCE((${where}), false) AS matches
        FROM cohort_studies cs JOIN studies s ON s.id = cs.study_id
       WHERE cs.cohort_id = ${cohort.id}::uuid
    ),
    ch AS (
      SELECT sid, reference, disease_code FROM m
       WHERE version <> (snapshot->>'version')::int OR content_hash <> snapshot->>'contentHash'
    ),
    ad AS (
      SELECT s.id, s.reference, s.disease_code FROM studies s
       WHERE ${where} AND NOT EXISTS (SELECT 1 FROM cohort_studies cs WHERE cs.cohort_id = ${cohort.id}::uuid AND cs.study_id = s.id)
    )
    SELECT (SELECT COUNT(*) FROM m)::int AS members,
           (SELECT json_agg(json_build_object('id', sid, 'reference', reference, 'diseaseCode', disease_code))
              FROM (SELECT * FROM ch ORDER BY disease_code, reference LIMIT 10) x) AS changed,
           (SELECT COUNT(*) FROM ch)::int AS "changedCount",
           (SELECT COUNT(*) FROM m WHERE NOT matches)::int AS "leftFilter",
           (SELECT json_agg(json_build_object('id', id, 'reference', reference, 'diseaseCode', disease_code))
              FROM (SELECT * FROM ad ORDER BY disease_code, reference LIMIT 10) y) AS added,
           (SELECT COUNT(*) FROM ad)::int AS "addedCount"`;
  if (!row) return null;
  return {
    // Deleting a study removes its membership row; the frozen count still has it.
    removed: Math.max(0, cohort.frozen.dashboard.studies - row.members),
    changed: row.changed ?? [],
    changedCount: row.changedCount,
    leftFilter: row.leftFilter,
    added: row.added ?? [],
    addedCount: row.addedCount,
    now: await queryDashboard(q, cohort.filter),
  };
}

async function snapshotRows(q: Queryable, cohortId: string, page: number): Promise<MemberRow[]> {
  const rows = await q.$queryRaw<{ studyId: string; snapshot: unknown }[]>`
    SELECT study_id AS "studyId", snapshot FROM cohort_studies WHERE cohort_id = ${cohortId}::uuid
     ORDER BY snapshot->>'diseaseCode', (snapshot->>'sourceLine')::int, study_id
     LIMIT ${MEMBERS_PAGE_SIZE} OFFSET ${(page - 1) * MEMBERS_PAGE_SIZE}`;
  return rows.flatMap(({ studyId, snapshot }) => {
    const s = MemberSnapshotSchema.safeParse(snapshot);
    if (!s.success) return [];
    const { arms, ...rest } = s.data;
    return [{ id: studyId, ...rest, doses: arms.map((a) => a.doseText) }];
  });
}

async function liveRows(db: Db, filter: CohortFilter, page: number) {
  const table = await queryStudyTable(db, filter, {
    sort: "table",
    direction: "asc",
    page,
    pageSize: MEMBERS_PAGE_SIZE,
  });
  return {
    total: table.total,
    rows: table.rows.map((r): MemberRow => ({
      id: r.id,
      reference: r.reference,
      diseaseCode: r.diseaseCode,
      disease: r.disease,
      routeText: r.routeText,
      enrollment: r.enrollment,
      registryId: r.registryId,
      products: r.products.map((p) => p.rawText),
      doses: r.arms.map((a) => a.doseText),
      outcome: r.outcome,
    })),
  };
}

/** A cohort's numbers, chart data and one page of members: frozen ones as they were, live ones
 * from the data now. */
export async function queryCohortData(db: Db, cohort: CohortRef, page: number): Promise<CohortData> {
  const pageSize = MEMBERS_PAGE_SIZE;
  if (cohort.frozen) {
    return {
      stats: cohort.frozen.dashboard,
      chart: cohort.frozen.chart,
      table: {
        total: cohort.frozen.dashboard.studies,
        rows: await snapshotRows(db, cohort.id, page),
        page,
        pageSize,
      },
    };
  }
  const [stats, chart, table] = await Promise.all([
    cachedDashboard(db, cohort.filter),
    cachedDoseChart(db, cohort.filter, { groupBy: "disease" }),
    liveRows(db, cohort.filter, page),
  ]);
  return { stats, chart, table: { ...table, page, pageSize } };
}

/** The first-level annotations on a cohort's studies (no authors), for a share link. */
export function querySharedAnnotations(db: Db, cohort: CohortRef): Promise<SharedAnnotation[]> {
  const members = cohort.frozen
    ? Prisma.sql`n.study_id IN (SELECT study_id FROM cohort_studies WHERE cohort_id = ${cohort.id}::uuid)`
    : Prisma.sql`n.study_id IN (SELECT s.id FROM studies s WHERE ${cohortSql(cohort.filter)})`;
  return db.$queryRaw<SharedAnnotation[]>`
    SELECT n.study_id AS "studyId", s.reference, n.field, n.body, n.status::text AS status
      FROM annotations n JOIN studies s ON s.id = n.study_id
     WHERE ${members} AND n.parent_id IS NULL
     ORDER BY s.disease_code, s.source_line, n.created_at
     LIMIT 200`;
}
