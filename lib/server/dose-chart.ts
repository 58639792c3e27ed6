// Data for the dose charts, shaped in PostgreSQL: every arm of the filtered studies with a dose
// in cells/kg (or, apart, per joint / per ml), a median and IQR per group over all of them, the
// multi-arm studies for dose ladders, and counts of what cannot be drawn. When there are more
// arms than a person can tell apart, an even random sample is drawn (arm ids are random UUIDs,
// so the first N by id are a uniform sample) and the caption says so; group medians and IQRs
// always come from every arm. Not "server-only": benchmarks use it.
import { Prisma } from "../generated/prisma/client.ts";
import type { ChartOptions, GroupBy } from "../domain/chart-options";
import type { AnalysisSettings, CohortFilter } from "../domain/cohort-filter";
import type { DoseBasis } from "../domain/dose";
import type { ArmLike } from "../domain/dose-chart";
import { readRegistryId } from "../domain/registry";
import type { Db, Queryable } from "./prisma-client";
import { versionedCache } from "./dashboard-cache";
import { cohortSql } from "./study-query";

/** Most points drawn on one chart; beyond this a uniform random sample is drawn. */
export const MAX_POINTS = 1000;
/** Most points in the per joint / per ml panel. */
export const MAX_OTHER_POINTS = 300;
/** Most studies drawn as dose ladders. */
export const MAX_LADDERS = 40;

/** An arm as the charts draw it (the fields are described on ArmLike in lib/domain/dose-chart.ts). */
export interface ChartArm extends ArmLike {
  basis: DoseBasis;
  registryUrl: string | null;
}

export interface GroupStat {
  key: string;
  arms: number;
  q1: number;
  median: number;
  q3: number;
}

export interface LadderStudy {
  studyId: string;
  label: string;
  /** The study's arms in cells/kg, lowest dose first. */
  arms: ChartArm[];
}

export interface DoseChartData {
  /** Arms on the cells/kg axis (all of them, or the sample). */
  points: ChartArm[];
  /** How many arms the cells/kg axis stands for (drawn or not). */
  convertible: number;
  /** Arms per joint or per ml, for their own panel. */
  otherPoints: ChartArm[];
  perJoint: number;
  perMl: number;
  /** Arms with no dose, or one that could not be read. */
  unknown: number;
  estimated: number;
  /** Estimated arms left out because the filter excludes estimated doses. */
  excludedEstimated: number;
  groups: GroupStat[];
  ladders: LadderStudy[];
  /** Studies with two or more doses in cells/kg. */
  ladderStudies: number;
  sampled: boolean;
}

/** The group of an arm, as SQL over `a` (dose_arms) and `s` (studies); tissue and donor come
 * from the arm's own product where it names one, else from the study's first. */
function groupKey(by: GroupBy): { key: Prisma.Sql; product: boolean } {
  return {
    disease: { key: Prisma.sql`s.disease_code`, product: false },
    tissue: { key: Prisma.sql`COALESCE(p.tissue, s.tissues[1], 'OTHER')`, product: true },
    route: {
      key: Prisma.sql`COALESCE(NULLIF(array_to_string(s.routes, ' + '), ''), 'Not stated')`,
      product: false,
    },
    donor: { key: Prisma.sql`COALESCE(p.donor::text, s.donors[1], 'not_stated')`, product: true },
  }[by];
}

export async function queryDoseChart(
  db: Queryable,
  filter: CohortFilter,
  settings: AnalysisSettings,
  options: Pick<ChartOptions, "groupBy">,
): Promise<DoseChartData> {
  const where = cohortSql(filter, settings);
  const w = settings.referenceWeightKg;
  const group = groupKey(options.groupBy);
  const counted = filter.includeEstimated ? Prisma.sql`TRUE` : Prisma.sql`x.basis = 'per_kg'`;
  const [row] = await db.$queryRaw<
    {
      data: Omit<DoseChartData, "points" | "otherPoints" | "ladders"> & {
        pointIds: string[];
        otherIds: string[];
        ladderIds: string[];
      };
    }[]
  >`
    WITH x AS MATERIALIZED (
      SELECT a.id, a.study_id, a.basis::text AS basis,
             CASE WHEN a.basis = 'per_kg' THEN a.dose_mid WHEN a.basis = 'total' THEN a.dose_mid / ${w}::float8 END AS ckg,
             a.dose_mid, ${group.key} AS key
        FROM dose_arms a
        JOIN studies s ON s.id = a.study_id
        ${group.product ? Prisma.sql`LEFT JOIN cell_products p ON p.id = a.product_id` : Prisma.empty}
       WHERE ${where}
    ),
    drawn AS MATERIALIZED (SELECT * FROM x WHERE x.ckg IS NOT NULL AND ${counted}),
    ladder AS (
      SELECT study_id FROM drawn GROUP BY study_id HAVING COUNT(DISTINCT ckg) >= 2
    )
    SELECT json_build_object(
      'convertible', (SELECT COUNT(*) FROM drawn)::int,
      'estimated', (SELECT COUNT(*) FROM drawn WHERE basis = 'total')::int,
      'excludedEstimated', (SELECT COUNT(*) FROM x WHERE basis = 'total' AND ckg IS NOT NULL AND NOT ${counted})::int,
      'perJoint', (SELECT COUNT(*) FROM x WHERE basis = 'per_joint' AND dose_mid IS NOT NULL)::int,
      'perMl', (SELECT COUNT(*) FROM x WHERE basis = 'per_ml' AND dose_mid IS NOT NULL)::int,
      'unknown', (SELECT COUNT(*) FROM x WHERE basis = 'unknown' OR dose_mid IS NULL)::int,
      'groups', COALESCE((SELECT json_agg(g ORDER BY g.median, g.key) FROM (
          SELECT x.key, COUNT(*)::int AS arms,
                 percentile_cont(0.25) WITHIN GROUP (ORDER BY x.ckg) AS q1,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ckg) AS median,
                 percentile_cont(0.75) WITHIN GROUP (ORDER BY x.ckg) AS q3
            FROM drawn x GROUP BY 1) g), '[]'::json),
      'pointIds', COALESCE((SELECT json_agg(id) FROM (SELECT id FROM drawn ORDER BY id LIMIT ${MAX_POINTS}) p), '[]'::json),
      'otherIds', COALESCE((SELECT json_agg(id) FROM (
          SELECT id FROM x WHERE basis IN ('per_joint', 'per_ml') AND dose_mid IS NOT NULL ORDER BY id LIMIT ${MAX_OTHER_POINTS}) o), '[]'::json),
      'ladderStudies', (SELECT COUNT(*) FROM ladder)::int,
      'ladderIds', COALESCE((SELECT json_agg(id) FROM (
          SELECT d.id FROM drawn d JOIN (
            SELECT l.study_id FROM ladder l JOIN drawn d2 ON d2.study_id = l.study_id
             GROUP BY l.study_id ORDER BY COUNT(*) DESC, l.study_id LIMIT ${MAX_LADDERS}) top ON top.study_id = d.study_id) q), '[]'::json)
    ) AS data`;
  const data = row!.data;
  const ids = [...new Set([...data.pointIds, ...data.otherIds, ...data.ladderIds])];
  const details = await armDetails(db, ids, w);
  const pick = (list: string[]) => list.map((id) => details.get(id)!).filter(Boolean);
  const ladderArms = pick(data.ladderIds);
  const ladders = new Map<string, LadderStudy>();
  for (const arm of ladderArms) {
    let l = ladders.get(arm.studyId);
    if (!l) {
      l = { studyId: arm.studyId, label: ladderLabel(arm), arms: [] };
      ladders.set(arm.studyId, l);
    }
    l.arms.push(arm);
  }
  for (const l of ladders.values()) l.arms.sort((a, b) => a.value - b.value);
  return {
    points: pick(data.pointIds),
    otherPoints: pick(data.otherIds),
    convertible: data.convertible,
    perJoint: data.perJoint,
    perMl: data.perMl,
    unknown: data.unknown,
    estimated: data.estimated,
    excludedEstimated: data.excludedEstimated,
    groups: data.groups,
    ladders: [...ladders.values()].sort((a, b) => a.label.localeCompare(b.label)),
    ladderStudies: data.ladderStudies,
    sampled: data.convertible > data.pointIds.length,
  };
}

function ladderLabel(arm: ChartArm): string {
  return [arm.disease, arm.reference, arm.registryId].filter(Boolean).join(" · ");
}

function registryUrl(id: string | null): string | null {
  if (!id) return null;
  const reading = readRegistryId(id);
  return reading.kind === "id" ? reading.value.url : null;
}

async function armDetails(db: Queryable, ids: string[], weight: number): Promise<Map<string, ChartArm>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<
    {
      armId: string;
      studyId: string;
      disease: string;
      tissue: string;
      donor: string;
      route: string;
      category: string | null;
      categoryColour: string | null;
      reference: string | null;
      registryId: string | null;
      n: number | null;
      enrollment: number | null;
      year: number | null;
      product: string | null;
      doseText: string;
      basis: DoseBasis;
      doseMid: number;
    }[]
  >`
    SELECT a.id AS "armId", s.id AS "studyId", s.disease_code AS disease,
           COALESCE(p.tissue, s.tissues[1], 'OTHER') AS tissue,
           COALESCE(p.donor::text, s.donors[1], 'not_stated') AS donor,
           COALESCE(NULLIF(array_to_string(s.routes, ' + '), ''), 'Not stated') AS route,
           c.name AS category, c.colour AS "categoryColour",
           s.reference, t.registry_id AS "registryId",
           COALESCE(a.n, s.enrollment) AS n, s.enrollment, s.publication_year AS year,
           COALESCE(p.raw_text, (SELECT string_agg(p2.raw_text, '; ' ORDER BY p2.position) FROM cell_products p2 WHERE p2.study_id = s.id)) AS product,
           a.dose_text AS "doseText", a.basis::text AS basis, a.dose_mid AS "doseMid"
      FROM dose_arms a
      JOIN studies s ON s.id = a.study_id
      LEFT JOIN cell_products p ON p.id = a.product_id
      LEFT JOIN registered_trials t ON t.id = s.trial_id
      LEFT JOIN LATERAL (
        SELECT oc.name, oc.colour FROM consensus_tags ct JOIN outcome_categories oc ON oc.id = ct.category_id
         WHERE ct.study_id = s.id ORDER BY oc.position, oc.name LIMIT 1) c ON TRUE
     WHERE a.id = ANY(${ids}::uuid[])`;
  return new Map(
    rows.map((r) => [
      r.armId,
      {
        armId: r.armId,
        studyId: r.studyId,
        disease: r.disease,
        tissue: r.tissue,
        donor: r.donor,
        route: r.route,
        category: r.category,
        categoryColour: r.categoryColour,
        reference: r.reference,
        registryId: r.registryId,
        registryUrl: registryUrl(r.registryId),
        n: r.n,
        enrollment: r.enrollment,
        year: r.year,
        product: r.product ?? "",
        doseText: r.doseText,
        basis: r.basis,
        value: r.basis === "total" ? r.doseMid / weight : r.doseMid,
        estimated: r.basis === "total",
      },
    ]),
  );
}

const charts = versionedCache<DoseChartData>();

/** The chart data, computed once per filter, settings and grouping while the data stays the same. */
export function cachedDoseChart(
  db: Db,
  filter: CohortFilter,
  settings: AnalysisSettings,
  options: Pick<ChartOptions, "groupBy">,
): Promise<DoseChartData> {
  return charts(db, JSON.stringify([filter, settings, options.groupBy]), () =>
    queryDoseChart(db, filter, settings, options),
  );
}
