// Data for the dose charts, shaped in PostgreSQL: every arm of the filtered studies with a dose
// in cells/kg (or, apart, per joint / per ml), a median and IQR per group over all of them, the
// multi-arm studies for dose ladders, and counts of what cannot be drawn. When there are more
// arms than a person can tell apart, an even random sample is drawn (arm ids are random UUIDs,
// so the first N by id are a uniform sample) and the caption says so; group medians and IQRs
// always come from every arm.
import { Prisma } from "../../generated/prisma/client.ts";
import type { ChartOptions, GroupBy } from "../../domain/charts/options";
import {
  isEmptyFilter,
  selectionScope,
  type CohortFilter,
  type ScopedFilter,
} from "../../domain/filter/filter";
import { toCellsPerKg, type DoseBasis } from "../../domain/dose/dose";
import type { ChartArm, DoseChartData, GroupStat, LadderStudy } from "../../contracts/charts";
import { doseSpread } from "../../domain/charts/dose-chart";
import { citationLabel } from "../../domain/import/citation";
import { readRegistryId } from "../../domain/registry";
import type { Db, Queryable } from "./client";
import { versionedCache } from "./data-version";
import { cellsPerKgSql, cohortSql, onCellsPerKgAxisSql } from "./filter-sql";

/** Most points drawn on one chart; beyond this a uniform random sample is drawn. */
export const MAX_POINTS = 1000;
/** From this many drawn arms on, the sample of a filtered chart walks the arms in id order (about
 * MAX_POINTS × all arms / drawn arms are read); below it, the selection's arms are read by study. */
export const WALK_FROM = 2 * MAX_POINTS;
/** Most points in the per joint / per ml panel. */
export const MAX_OTHER_POINTS = 300;
/** Most studies drawn as dose ladders. */
export const MAX_LADDERS = 40;

/** The group of an arm, as SQL over `a` (dose_arms), `s` (studies) and `p` (the arm's product).
 * The arms' details use the same keys, so a point is always drawn in its own group. Tissue and
 * donor come from the arm's own product where it names one, else from the study's first.
 * Disease and route are read from the study's facet_key, so that with no filter the studies side is read from the (id, facet_key) index alone, already
 * in the order of the arms' (study_id, …) index. */
function groupKey(by: GroupBy): { key: Prisma.Sql; product: boolean } {
  return {
    disease: { key: Prisma.sql`split_part(s.facet_key, chr(31), 1)`, product: false },
    tissue: { key: Prisma.sql`COALESCE(p.tissue, s.tissues[1], 'OTHER')`, product: true },
    route: {
      key: Prisma.sql`COALESCE(NULLIF(replace(split_part(s.facet_key, chr(31), 2), chr(30), ' + '), ''), 'Not stated')`,
      product: false,
    },
    donor: { key: Prisma.sql`COALESCE(p.donor::text, s.donors[1], 'not_stated')`, product: true },
  }[by];
}

type Counts = Pick<
  DoseChartData,
  "convertible" | "estimated" | "excludedEstimated" | "perJoint" | "perMl" | "unknown" | "withoutCount"
>;

/**
 * The chart data in two queries that run at once on two connections: one for each group's median
 * and IQR (with a filter, also the counts), one for the arms to draw (the sample, the per joint /
 * per ml arms and the dose ladders; with no filter, also the counts), followed by the drawn arms'
 * details. Each query reads what it needs in the cheapest way: the studies' dose lists where they
 * hold the answer, the arms' indexes where they do not.
 */
export async function queryDoseChart(
  db: Queryable,
  filter: ScopedFilter,
  options: Pick<ChartOptions, "groupBy">,
): Promise<DoseChartData> {
  const [stats, drawn] = await Promise.all([
    groupStats(db, filter, options.groupBy),
    drawnArms(db, filter).then(async (ids) => ({
      ...ids,
      details: await armDetails(
        db,
        [...new Set([...ids.pointIds, ...ids.otherIds, ...ids.ladderIds])],
        filter,
        filter.categories,
        filter.blindReviewer ?? null,
      ),
    })),
  ]);
  const pick = (list: string[]) => list.map((id) => drawn.details.get(id)!).filter(Boolean);
  const ladders = new Map<string, LadderStudy>();
  for (const arm of pick(drawn.ladderIds)) {
    let l = ladders.get(arm.studyId);
    if (!l) {
      l = { studyId: arm.studyId, label: ladderLabel(arm), arms: [] };
      ladders.set(arm.studyId, l);
    }
    l.arms.push(arm);
  }
  for (const l of ladders.values())
    l.arms.sort((a, b) => a.value - b.value || a.armId.localeCompare(b.armId));
  const { withoutCount = 0, ...counts } = stats.counts ?? drawn.counts!;
  return {
    scale: filter.doseScale,
    withoutCount,
    ...counts,
    points: pick(drawn.pointIds),
    otherPoints: pick(drawn.otherIds),
    groups: stats.groups,
    ladders: [...ladders.values()].sort(
      (a, b) => a.label.localeCompare(b.label) || a.studyId.localeCompare(b.studyId),
    ),
    ladderStudies: drawn.ladderStudies,
    sampled: counts.convertible > drawn.pointIds.length,
  };
}

/** Counts, and each group's arms, median and IQR. Each group's doses are collected into an array
 * (a handful of groups, so a small hash table instead of sorting every arm by group); the
 * quartiles are then taken over each array. */
async function groupStats(
  db: Queryable,
  filter: CohortFilter,
  groupBy: GroupBy,
): Promise<{ counts: Counts | null; groups: GroupStat[] }> {
  const group = groupKey(groupBy);
  const everything = isEmptyFilter(filter);
  // The studies' dose lists are per administration; cumulative doses are read from the arms, and
  // their counts come with the arms to draw (cumulativeDrawnArmsSql).
  const cumulative = filter.doseScale === "cumulative";
  const [row] = await db.$queryRaw<{ data: { counts: Counts | null; groups: GroupStat[] } }[]>(
    !everything && !group.product && !cumulative
      ? groupStatsFromListsSql(filter, group.key)
      : groupStatsFromArmsSql(filter, group, !everything && !cumulative),
  );
  return row!.data;
}

/** The quartiles of each group's doses (`g`: key, doses) and the chart's counts, as one JSON value.
 * The doses are unnested in a select list, which hands them on one by one; unnest in FROM would
 * first copy each group's array into a temporary store. */
const statsJson = (counts: Prisma.Sql) => Prisma.sql`
    quartiles AS MATERIALIZED (
      SELECT key, cardinality(doses) AS arms,
             (SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY d) FROM (SELECT unnest(doses) AS d) u) AS q,
             (SELECT json_agg(json_build_object('lo', b / 4.0, 'n', n) ORDER BY b)
                FROM (SELECT floor(log(d) * 4)::int AS b, COUNT(*)::int AS n
                        FROM (SELECT unnest(doses) AS d) u WHERE d > 0 GROUP BY 1) h) AS bins
        FROM g WHERE doses IS NOT NULL
    )
    SELECT json_build_object(
      'counts', (${counts}),
      'groups', COALESCE((SELECT json_agg(json_build_object('key', key, 'arms', arms, 'q1', q[1], 'median', q[2], 'q3', q[3], 'bins', COALESCE(bins, '[]'::json))
                                          ORDER BY q[2], key) FROM quartiles), '[]'::json)
    ) AS data`;

/** The chart's counts over arms with their `basis`, `dose_mid`, `ckg` and `drawn`, as aggregates. */
const countColumns = Prisma.sql`
             COUNT(*) FILTER (WHERE drawn AND basis = 'total') AS estimated,
             COUNT(*) FILTER (WHERE basis = 'total' AND ckg IS NOT NULL AND NOT drawn) AS excluded,
             COUNT(*) FILTER (WHERE basis = 'per_joint' AND dose_mid IS NOT NULL) AS per_joint,
             COUNT(*) FILTER (WHERE basis = 'per_ml' AND dose_mid IS NOT NULL) AS per_ml,
             COUNT(*) FILTER (WHERE basis = 'unknown' OR dose_mid IS NULL) AS unknown`;

/** The counts as JSON, added up over `rows` (with the columns of countColumns, and `convertible`
 * computed as given). */
const countsJson = (rows: Prisma.Sql, convertible: Prisma.Sql) => Prisma.sql`
    SELECT json_build_object(
      'convertible', COALESCE(${convertible}, 0), 'estimated', COALESCE(SUM(estimated), 0),
      'excludedEstimated', COALESCE(SUM(excluded), 0), 'perJoint', COALESCE(SUM(per_joint), 0),
      'perMl', COALESCE(SUM(per_ml), 0), 'unknown', COALESCE(SUM(unknown), 0)) FROM ${rows}`;

/** One pass over the selected studies' arms. Used with no filter (the arms and studies are then
 * joined along two indexes) and when the group is the arm's own product's source or donor. With
 * no filter the counts are left to the chart's other query (allDrawnArmsSql), the shorter one. */
function groupStatsFromArmsSql(
  filter: CohortFilter,
  group: { key: Prisma.Sql; product: boolean },
  withCounts: boolean,
): Prisma.Sql {
  return Prisma.sql`
    WITH g AS MATERIALIZED (
      SELECT key, array_agg(ckg) FILTER (WHERE drawn) AS doses${withCounts ? Prisma.sql`,${countColumns}` : Prisma.empty}
        FROM (SELECT a.basis, a.dose_mid, ${cellsPerKgSql(filter)} AS ckg,
                     ${onCellsPerKgAxisSql(filter)} AS drawn, ${group.key} AS key
                FROM dose_arms a
                JOIN studies s ON s.id = a.study_id
                ${group.product ? Prisma.sql`LEFT JOIN cell_products p ON p.id = a.product_id` : Prisma.empty}
               WHERE ${cohortSql(filter)}) x
       GROUP BY key
    ),
    ${statsJson(withCounts ? countsJson(Prisma.sql`g`, Prisma.sql`SUM(cardinality(doses))`) : Prisma.sql`SELECT NULL::json`)}`;
}

/**
 * With a filter and a group that belongs to the study (disease, route), the arms need not be read:
 * the selected studies' sorted dose lists hold every arm on
 * the cells/kg axis. Only studies with arms beyond their lists (per joint, per ml, or no readable
 * dose) have their arms read, to count those.
 */
function groupStatsFromListsSql(filter: CohortFilter, key: Prisma.Sql): Prisma.Sql {
  const w = filter.referenceWeightKg;
  const estimated = filter.includeEstimated
    ? Prisma.sql`UNION ALL SELECT key, unnest(tot) / ${w}::float8 FROM sf`
    : Prisma.empty;
  return Prisma.sql`
    WITH sf AS MATERIALIZED (
      SELECT ${key} AS key, s.id, s.arm_count, s.doses_per_kg AS kg, s.doses_total AS tot FROM studies s WHERE ${cohortSql(filter)}
    ),
    g AS MATERIALIZED (
      SELECT key, array_agg(d) AS doses FROM (SELECT key, unnest(kg) AS d FROM sf ${estimated}) x GROUP BY key
    ),
    lists AS MATERIALIZED (
      SELECT COALESCE(SUM(arm_count), 0) AS arms, COALESCE(SUM(cardinality(kg)), 0) AS kg,
             COALESCE(SUM(cardinality(tot)), 0) AS tot FROM sf
    ),
    other AS MATERIALIZED (
      SELECT COUNT(*) FILTER (WHERE a.basis = 'per_joint' AND a.dose_mid IS NOT NULL) AS per_joint,
             COUNT(*) FILTER (WHERE a.basis = 'per_ml' AND a.dose_mid IS NOT NULL) AS per_ml
        FROM sf CROSS JOIN LATERAL (SELECT a.basis, a.dose_mid FROM dose_arms a WHERE a.study_id = sf.id) a
       WHERE sf.arm_count > cardinality(sf.kg) + cardinality(sf.tot)
    ),
    ${statsJson(Prisma.sql`SELECT json_build_object(
                   'convertible', kg + ${filter.includeEstimated ? Prisma.sql`tot` : Prisma.sql`0`},
                   'estimated', ${filter.includeEstimated ? Prisma.sql`tot` : Prisma.sql`0`},
                   'excludedEstimated', ${filter.includeEstimated ? Prisma.sql`0` : Prisma.sql`tot`},
                   'perJoint', per_joint, 'perMl', per_ml,
                   'unknown', arms - kg - tot - per_joint - per_ml) FROM lists, other`)}`;
}

interface Drawn {
  pointIds: string[];
  otherIds: string[];
  ladderIds: string[];
  ladderStudies: number;
  /** With no filter, the chart's counts come from here (see groupStatsFromArmsSql). */
  counts?: Counts;
}

/** Ids of the arms to draw: the sample on the cells/kg axis, the per joint / per ml arms and the
 * arms of the dose ladders (studies with two or more different doses, most arms first). */
async function drawnArms(db: Queryable, filter: CohortFilter): Promise<Drawn> {
  const [row] = await db.$queryRaw<{ data: Drawn }[]>(
    filter.doseScale === "cumulative"
      ? cumulativeDrawnArmsSql(filter)
      : isEmptyFilter(filter)
        ? allDrawnArmsSql(filter)
        : filteredDrawnArmsSql(filter),
  );
  return row!.data;
}

/** A study's total-cell doses `tot` when estimated doses count on the cells/kg axis, else none. */
const drawnTotals = (filter: CohortFilter, tot: Prisma.Sql) =>
  filter.includeEstimated ? tot : Prisma.sql`'{}'::float8[]`;

/** The arms of the studies `studies` (a relation with their `id` as sf.id) that meet `cond`,
 * read study by study. */
const armsByStudy = (studies: Prisma.Sql, cond: Prisma.Sql) =>
  Prisma.sql`${studies} CROSS JOIN LATERAL (SELECT a.id FROM dose_arms a WHERE a.study_id = sf.id AND ${cond}) a`;

/**
 * The dose ladders from sorted dose lists `kg` and `tot` over the studies `from` (with `id` and `arm_count`): a study's drawn doses in cells/kg are its
 * per kg list and, when estimated doses are included, its total-cell list through the reference
 * weight; it is a ladder when the lowest and highest differ, which takes two arms at least.
 */
function laddersFromLists(
  filter: CohortFilter,
  w: number,
  from: Prisma.Sql,
  kg: Prisma.Sql,
  tot: Prisma.Sql,
) {
  const total = drawnTotals(filter, tot);
  return Prisma.sql`
      SELECT id AS study_id, cardinality(${kg}) + cardinality(${total}) AS arms FROM ${from}
       WHERE arm_count > 1
         AND LEAST(${kg}[1], (${total})[1] / ${w}::float8)
           < GREATEST(${kg}[cardinality(${kg})], (${total})[cardinality(${total})] / ${w}::float8)`;
}

/** With no filter the studies are read only for the ladders (from their dose lists), and the arms
 * through their indexes: the sample in id order (it stops after MAX_POINTS), and the chart's
 * counts from (basis, dose_mid). */
function allDrawnArmsSql(filter: CohortFilter): Prisma.Sql {
  const w = filter.referenceWeightKg;
  const drawn = onCellsPerKgAxisSql(filter);
  return Prisma.sql`
    WITH x AS NOT MATERIALIZED (
      SELECT a.id, a.basis, a.dose_mid, ${cellsPerKgSql(filter)} AS ckg, ${drawn} AS drawn FROM dose_arms a
    ),
    counts AS MATERIALIZED (
      SELECT COUNT(*) FILTER (WHERE drawn) AS convertible, ${countColumns}
        FROM (SELECT basis, dose_mid, ckg, drawn FROM x OFFSET 0) a
    ),
    ladder AS MATERIALIZED (
      ${laddersFromLists(filter, w, Prisma.sql`studies s`, Prisma.sql`s.doses_per_kg`, Prisma.sql`s.doses_total`)}
    ),
    top AS (SELECT study_id FROM ladder ORDER BY arms DESC, study_id LIMIT ${MAX_LADDERS})
    SELECT json_build_object(
      'pointIds', COALESCE((SELECT json_agg(id) FROM (SELECT id FROM x WHERE drawn ORDER BY id LIMIT ${MAX_POINTS}) p), '[]'::json),
      'otherIds', COALESCE((SELECT json_agg(id) FROM (
          SELECT id FROM x WHERE basis IN ('per_joint', 'per_ml') AND dose_mid IS NOT NULL ORDER BY id LIMIT ${MAX_OTHER_POINTS}) o), '[]'::json),
      'ladderStudies', (SELECT COUNT(*) FROM ladder)::int,
      'ladderIds', COALESCE((SELECT json_agg(a.id) FROM ${armsByStudy(Prisma.sql`(SELECT study_id AS id FROM top) sf`, drawn)}), '[]'::json),
      'counts', (${countsJson(Prisma.sql`counts`, Prisma.sql`SUM(convertible)`)})
    ) AS data`;
}

/**
 * With a filter, the selected studies are read once, with their sorted dose lists, and their
 * arms are never all joined to them:
 * - the ladders are read from the lists;
 * - the sample: when the selection has at least WALK_FROM drawn arms, the arms are walked in id
 *   order along the (id, study_id, basis, dose_mid) index until MAX_POINTS are found, each arm's
 *   study looked up in a hash of the selection (the IS TRUE keeps PostgreSQL from turning the
 *   lookup into a join, which would read every arm); with fewer, they are read study by study;
 * - per joint and per ml arms are looked for only in the studies with arms beyond their lists;
 * - the ladders' arms are read by study.
 */
function filteredDrawnArmsSql(filter: CohortFilter): Prisma.Sql {
  const w = filter.referenceWeightKg;
  const drawn = onCellsPerKgAxisSql(filter);
  const total = drawnTotals(filter, Prisma.sql`tot`);
  return Prisma.sql`
    WITH sf AS MATERIALIZED (
      SELECT s.id, s.arm_count, s.doses_per_kg AS kg, s.doses_total AS tot FROM studies s WHERE ${cohortSql(filter)}
    ),
    ladder AS MATERIALIZED (${laddersFromLists(filter, w, Prisma.sql`sf`, Prisma.sql`kg`, Prisma.sql`tot`)}),
    top AS (SELECT study_id FROM ladder ORDER BY arms DESC, study_id LIMIT ${MAX_LADDERS})
    SELECT json_build_object(
      'pointIds', COALESCE(CASE WHEN (SELECT SUM(cardinality(kg) + cardinality(${total})) FROM sf) >= ${WALK_FROM}
        THEN (SELECT json_agg(id) FROM (
          SELECT a.id FROM dose_arms a WHERE (a.study_id IN (SELECT id FROM sf)) IS TRUE AND ${drawn}
           ORDER BY a.id LIMIT ${MAX_POINTS}) p)
        ELSE (SELECT json_agg(id) FROM (
          SELECT a.id FROM ${armsByStudy(Prisma.sql`sf`, drawn)} ORDER BY a.id LIMIT ${MAX_POINTS}) p) END, '[]'::json),
      'otherIds', COALESCE((SELECT json_agg(id) FROM (
          SELECT a.id FROM ${armsByStudy(
            Prisma.sql`(SELECT id FROM sf WHERE arm_count > cardinality(kg) + cardinality(tot)) sf`,
            Prisma.sql`a.basis IN ('per_joint', 'per_ml') AND a.dose_mid IS NOT NULL`,
          )}
           ORDER BY a.id LIMIT ${MAX_OTHER_POINTS}) o), '[]'::json),
      'ladderStudies', (SELECT COUNT(*) FROM ladder)::int,
      'ladderIds', COALESCE((SELECT json_agg(a.id) FROM ${armsByStudy(Prisma.sql`(SELECT study_id AS id FROM top) sf`, drawn)}), '[]'::json)
    ) AS data`;
}

/**
 * On the cumulative scale (per administration × their number) the studies' dose lists do not
 * hold the answer: the selected studies' arms are read once, with each arm's cumulative value,
 * and the sample, the per joint / per ml arms, the ladders and the counts all come from them.
 * Arms with a dose but no stated number of administrations are on no axis and counted apart.
 */
function cumulativeDrawnArmsSql(filter: CohortFilter): Prisma.Sql {
  const ckg = cellsPerKgSql(filter);
  const drawn = onCellsPerKgAxisSql(filter);
  return Prisma.sql`
    WITH sf AS MATERIALIZED (SELECT s.id FROM studies s WHERE ${cohortSql(filter)}),
    x AS MATERIALIZED (
      SELECT a.id, a.study_id, a.basis, a.dose_mid, a.dose_cumulative AS v, ${ckg} AS ckg, ${drawn} AS drawn,
             (a.basis <> 'unknown' AND a.dose_mid IS NOT NULL AND a.administrations IS NULL) AS no_count
        FROM sf CROSS JOIN LATERAL (SELECT * FROM dose_arms a WHERE a.study_id = sf.id) a
    ),
    counts AS MATERIALIZED (
      SELECT COUNT(*) FILTER (WHERE drawn) AS convertible,
             COUNT(*) FILTER (WHERE drawn AND basis = 'total') AS estimated,
             COUNT(*) FILTER (WHERE basis = 'total' AND ckg IS NOT NULL AND NOT drawn) AS excluded,
             COUNT(*) FILTER (WHERE basis = 'per_joint' AND v IS NOT NULL) AS per_joint,
             COUNT(*) FILTER (WHERE basis = 'per_ml' AND v IS NOT NULL) AS per_ml,
             COUNT(*) FILTER (WHERE basis = 'unknown' OR dose_mid IS NULL) AS unknown,
             COUNT(*) FILTER (WHERE no_count) AS without_count
        FROM x
    ),
    ladder AS MATERIALIZED (
      SELECT study_id, COUNT(*) AS arms FROM x WHERE drawn GROUP BY study_id HAVING MIN(ckg) < MAX(ckg)
    ),
    top AS (SELECT study_id FROM ladder ORDER BY arms DESC, study_id LIMIT ${MAX_LADDERS})
    SELECT json_build_object(
      'pointIds', COALESCE((SELECT json_agg(id) FROM (SELECT id FROM x WHERE drawn ORDER BY id LIMIT ${MAX_POINTS}) p), '[]'::json),
      'otherIds', COALESCE((SELECT json_agg(id) FROM (
          SELECT id FROM x WHERE basis IN ('per_joint', 'per_ml') AND v IS NOT NULL ORDER BY id LIMIT ${MAX_OTHER_POINTS}) o), '[]'::json),
      'ladderStudies', (SELECT COUNT(*) FROM ladder)::int,
      'ladderIds', COALESCE((SELECT json_agg(id) FROM x WHERE drawn AND study_id IN (SELECT study_id FROM top)), '[]'::json),
      'counts', (SELECT json_build_object(
        'convertible', convertible, 'estimated', estimated, 'excludedEstimated', excluded,
        'perJoint', per_joint, 'perMl', per_ml, 'unknown', unknown, 'withoutCount', without_count) FROM counts)
    ) AS data`;
}

function ladderLabel(arm: ChartArm): string {
  return [arm.disease, arm.reference, arm.registryId].filter(Boolean).join(" · ");
}

function registryUrl(id: string | null): string | null {
  if (!id) return null;
  const reading = readRegistryId(id);
  return reading.kind === "id" ? reading.value.url : null;
}

/** The drawn arms' details. A study tagged with several outcome categories is shown under the
 * first of `categories` (the filter's) that it has, else under its first category. */
async function armDetails(
  db: Queryable,
  ids: string[],
  settings: Pick<CohortFilter, "referenceWeightKg" | "doseScale">,
  categories: string[],
  blindReviewer: string | null,
): Promise<Map<string, ChartArm>> {
  const weight = settings.referenceWeightKg;
  const cumulative = settings.doseScale === "cumulative";
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
      doseLow: number | null;
      doseHigh: number | null;
      doseSd: number | null;
      lowerBound: boolean;
      administrations: number | null;
      schedule: string | null;
      firstAuthor: string | null;
      coAdministered: string[] | null;
    }[]
  >`
    SELECT a.id AS "armId", s.id AS "studyId", ${groupKey("disease").key} AS disease,
           ${groupKey("tissue").key} AS tissue, ${groupKey("donor").key} AS donor,
           ${groupKey("route").key} AS route,
           c.name AS category, c.colour AS "categoryColour",
           s.reference, t.registry_id AS "registryId",
           a.n, s.enrollment, s.publication_year AS year,
           COALESCE(p.raw_text, (SELECT string_agg(p2.raw_text, '; ' ORDER BY p2.position) FROM cell_products p2 WHERE p2.study_id = s.id)) AS product,
           a.dose_text AS "doseText", a.basis::text AS basis, a.dose_mid AS "doseMid",
           a.dose_low AS "doseLow", a.dose_high AS "doseHigh", a.dose_sd AS "doseSd", a.lower_bound AS "lowerBound",
           a.administrations, a.schedule, s.first_author AS "firstAuthor",
           (SELECT array_agg(c.raw_text ORDER BY c.position) FROM co_administered_products c
             WHERE c.study_id = s.id AND (c.arm_id = a.id OR c.arm_id IS NULL)) AS "coAdministered"
      FROM dose_arms a
      JOIN studies s ON s.id = a.study_id
      LEFT JOIN cell_products p ON p.id = a.product_id
      LEFT JOIN registered_trials t ON t.id = s.trial_id
      LEFT JOIN LATERAL (
        SELECT oc.name, oc.colour FROM consensus_tags ct JOIN outcome_categories oc ON oc.id = ct.category_id
         WHERE ct.study_id = s.id
           -- While the team tags blind, a reviewer sees the consensus of the studies they tagged only.
           AND (${blindReviewer}::uuid IS NULL OR EXISTS (
                 SELECT 1 FROM tag_assessments ta WHERE ta.study_id = s.id AND ta.reviewer_id = ${blindReviewer}::uuid))
         ORDER BY oc.id = ANY(${categories}::uuid[]) DESC, oc.position, oc.name LIMIT 1) c ON TRUE
     WHERE a.id = ANY(${ids}::uuid[])`;
  return new Map(
    rows.map((r) => {
      // Per joint and per ml arms keep their own unit (they are drawn in their own panel). On the
      // cumulative scale every value is times the number of administrations (only arms with one
      // are drawn).
      const times = cumulative ? (r.administrations ?? 1) : 1;
      const drawnAt = (v: number) => (toCellsPerKg(r.basis, v, weight) ?? v) * times;
      const spread = doseSpread({ low: r.doseLow, high: r.doseHigh, mid: r.doseMid, sd: r.doseSd }, drawnAt);
      const arm: ChartArm = {
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
        value: drawnAt(r.doseMid),
        estimated: r.basis === "total",
        ...(spread ? { spread } : {}),
        ...(r.lowerBound ? { atLeast: true } : {}),
        ...(r.firstAuthor
          ? { citation: citationLabel({ firstAuthor: r.firstAuthor, year: r.year }, r.reference) }
          : {}),
        administrations: r.administrations,
        schedule: r.schedule,
        ...(r.coAdministered?.length ? { coAdministered: r.coAdministered } : {}),
      };
      return [r.armId, arm];
    }),
  );
}

const charts = versionedCache<DoseChartData>();

/**
 * The chart data, computed once per selection and grouping while the data stays the same, and
 * shared by every reader: a blind reviewer's view of it differs only in the outcome categories
 * the arms are shown under, which are then taken away from the studies they have not tagged.
 */
export async function cachedDoseChart(
  db: Db,
  filter: ScopedFilter,
  options: Pick<ChartOptions, "groupBy">,
): Promise<DoseChartData> {
  // The reviewer stays in the selection when it filters by category (then the chart is theirs).
  const selection = selectionScope(filter);
  const data = await charts(db, JSON.stringify([selection, options.groupBy]), () =>
    queryDoseChart(db, selection, options),
  );
  return filter.blindReviewer && !selection.blindReviewer ? blindView(db, data, filter.blindReviewer) : data;
}

/** The chart as a blind reviewer may see it: no category on the arms of studies they have not
 * tagged (as queryDoseChart with their scope shows them). */
async function blindView(db: Db, data: DoseChartData, reviewer: string): Promise<DoseChartData> {
  const all = [...data.points, ...data.otherPoints, ...data.ladders.flatMap((l) => l.arms)];
  const studies = [...new Set(all.filter((a) => a.category !== null).map((a) => a.studyId))];
  if (studies.length === 0) return data;
  const tagged = new Set(
    (
      await db.$queryRaw<{ id: string }[]>`
        SELECT DISTINCT study_id::text AS id FROM tag_assessments
         WHERE reviewer_id = ${reviewer}::uuid AND study_id = ANY(${studies}::uuid[])`
    ).map((r) => r.id),
  );
  const seen = (a: ChartArm): ChartArm =>
    a.category === null || tagged.has(a.studyId) ? a : { ...a, category: null, categoryColour: null };
  return {
    ...data,
    points: data.points.map(seen),
    otherPoints: data.otherPoints.map(seen),
    ladders: data.ladders.map((l) => ({ ...l, arms: l.arms.map(seen) })),
  };
}
