// The dashboard's numbers for one filter, computed in PostgreSQL in two statements: studies,
// registered trials, deduplicated patients and breakdowns; arms and a dose summary.
import { Prisma } from "../../generated/prisma/client.ts";
import type { DashboardStats } from "../../contracts/dashboard";
import {
  isEmptyFilter,
  selectionScope,
  type CohortFilter,
  type ScopedFilter,
} from "../../domain/filter/filter";
import type { Db, Queryable } from "./client";
import { versionedCache } from "./data-version";
import { basisCountsSql, cellsPerKgSql, cohortSql, withoutCountSql } from "./filter-sql";

/** The key a row's facet_key column splits into, one row per (dimension, value): its disease,
 * each route, each cell source and each donor. */
const facetValues = (k: Prisma.Sql) => Prisma.sql`
  CROSS JOIN LATERAL (VALUES
    ('disease', ARRAY[split_part(${k}, chr(31), 1)]),
    ('route', string_to_array(split_part(${k}, chr(31), 2), chr(30))),
    ('tissue', string_to_array(split_part(${k}, chr(31), 3), chr(30))),
    ('donor', string_to_array(split_part(${k}, chr(31), 4), chr(30)))) AS d(dim, keys)
  CROSS JOIN LATERAL unnest(d.keys) AS v(key)`;

/**
 * The dashboard's SQL: two statements, one for the counts and breakdowns, one for the arms and
 * the dose summary. On the app's pool they run at once on two connections (each sees the data
 * as of its own start, like the other panels of a page); inside a transaction, one after the
 * other in its snapshot.
 *
 * Patients are deduplicated per registered trial (its largest enrollment) within every group.
 * Rather than grouping each breakdown by (value, trial) over every study, studies are first added
 * up per combination of disease, routes, sources and donors (the generated facet_key column):
 * unregistered studies one by one, and registered trials once each when all their selected
 * studies share one combination; the per-trial rows are added up as they are made, never stored.
 * Only trials whose selected studies differ (rare: a trial reported under two routes, say) are
 * deduplicated per value and trial, from their ids. The few hundred combinations then split into
 * the breakdowns. With no filter, the trials are read in trial order from the
 * (trial_id, enrollment, facet_key) index alone.
 *
 * The dose summary reads dose_arms with no filter. With one, it unnests the selected studies'
 * dose lists, so that the arms need not be joined to the selection.
 */
export function dashboardSql(filter: CohortFilter): { facets: Prisma.Sql; doses: Prisma.Sql } {
  return { facets: facetsSql(filter), doses: dosesSql(filter) };
}

/** The selected studies' columns `cols` as the CTE `f`: stored once when filtered (it is read
 * several times), inlined when not (each read is then an index scan of its own). */
function selected(filter: CohortFilter, cols: Prisma.Sql): Prisma.Sql {
  const everything = isEmptyFilter(filter);
  return Prisma.sql`f AS ${everything ? Prisma.sql`NOT MATERIALIZED` : Prisma.sql`MATERIALIZED`} (
      SELECT ${cols} FROM studies s WHERE ${cohortSql(filter)}
    )`;
}

function facetsSql(filter: CohortFilter): Prisma.Sql {
  return Prisma.sql`
    WITH ${selected(filter, Prisma.sql`s.trial_id, s.enrollment, s.facet_key`)},
    groups AS MATERIALIZED (
      SELECT k, uniform, SUM(studies) AS studies, SUM(n) AS patients, COUNT(*) AS trials,
             array_agg(trial_id) FILTER (WHERE NOT uniform) AS mixed
        FROM (SELECT trial_id, COUNT(*) AS studies, MAX(enrollment) AS n, MIN(facet_key) AS k,
                     MIN(facet_key) = MAX(facet_key) AS uniform
                FROM f WHERE trial_id IS NOT NULL GROUP BY trial_id) t
       GROUP BY k, uniform
      UNION ALL
      SELECT facet_key, TRUE, COUNT(*), SUM(enrollment), 0, NULL FROM f WHERE trial_id IS NULL GROUP BY facet_key
    ),
    combos AS MATERIALIZED (
      SELECT k, SUM(studies) AS studies, SUM(patients) AS patients FROM groups WHERE uniform GROUP BY k
    ),
    mixed AS MATERIALIZED (
      SELECT f.trial_id, f.enrollment, f.facet_key AS k
        FROM (SELECT unnest(mixed) AS trial_id FROM groups WHERE NOT uniform) m JOIN f ON f.trial_id = m.trial_id
    ),
    parts AS (
      SELECT d.dim, v.key, c.studies, c.patients FROM combos c ${facetValues(Prisma.sql`c.k`)}
      UNION ALL
      SELECT d.dim, v.key, COUNT(*), MAX(m.enrollment) FROM mixed m ${facetValues(Prisma.sql`m.k`)}
       GROUP BY d.dim, v.key, m.trial_id
    ),
    breakdowns AS (
      SELECT dim, json_agg(json_build_object('key', key, 'studies', studies, 'patients', patients) ORDER BY studies DESC, key) AS list
        FROM (SELECT dim, key, SUM(studies)::int AS studies, COALESCE(SUM(patients), 0)::int AS patients
                FROM parts GROUP BY dim, key) g
       GROUP BY dim
    )
    SELECT json_build_object(
      'studies', ((SELECT COALESCE(SUM(studies), 0) FROM combos) + (SELECT COUNT(*) FROM mixed))::int,
      'registeredTrials', (SELECT COALESCE(SUM(trials), 0) FROM groups)::int,
      'patients', (SELECT COALESCE(SUM(patients), 0) FROM groups)::int,
      'byDisease', COALESCE((SELECT list FROM breakdowns WHERE dim = 'disease'), '[]'::json),
      'byRoute', COALESCE((SELECT list FROM breakdowns WHERE dim = 'route'), '[]'::json),
      'byTissue', COALESCE((SELECT list FROM breakdowns WHERE dim = 'tissue'), '[]'::json),
      'byDonor', COALESCE((SELECT list FROM breakdowns WHERE dim = 'donor'), '[]'::json)
    ) AS stats`;
}

function dosesSql(filter: CohortFilter): Prisma.Sql {
  const everything = isEmptyFilter(filter);
  const cumulative = filter.doseScale === "cumulative";
  const w = filter.referenceWeightKg;
  // Each dose in cells/kg with its basis (total cells are estimated through the weight). The
  // studies' dose lists are per administration: cumulative doses are read from the arms.
  const doses = everything
    ? Prisma.sql`SELECT a.basis, ${cellsPerKgSql(filter)} AS ckg${cumulative ? Prisma.sql`, ${withoutCountSql} AS no_count` : Prisma.empty} FROM dose_arms a OFFSET 0`
    : cumulative
      ? Prisma.sql`SELECT a.basis, ${cellsPerKgSql(filter)} AS ckg, ${withoutCountSql} AS no_count
                     FROM f CROSS JOIN LATERAL (SELECT * FROM dose_arms a WHERE a.study_id = f.id) a`
      : Prisma.sql`SELECT 'per_kg'::"DoseBasis" AS basis, unnest(doses_per_kg) AS ckg FROM f
                 UNION ALL
                 SELECT 'total'::"DoseBasis", unnest(doses_total) / ${w}::float8 FROM f`;
  // Which of them the summary counts (estimated ones only when the filter includes them).
  const counted = Prisma.sql`a.ckg IS NOT NULL AND ${basisCountsSql(filter)}`;
  // Arms in all: every arm (no filter), or the selected studies' arm counts.
  const allArms = everything ? Prisma.sql`COUNT(*)` : Prisma.sql`(SELECT COALESCE(SUM(arm_count), 0) FROM f)`;
  const withoutCount = cumulative ? Prisma.sql`COUNT(*) FILTER (WHERE a.no_count)::int` : Prisma.sql`0`;
  return Prisma.sql`
    WITH ${selected(filter, Prisma.sql`${cumulative ? Prisma.sql`s.id, ` : Prisma.empty}s.arm_count, s.doses_per_kg, s.doses_total`)},
    dose AS (
      SELECT ${allArms}::int AS all_arms,
             COUNT(*) FILTER (WHERE ${counted})::int AS arms,
             COUNT(*) FILTER (WHERE ${counted} AND a.basis = 'total')::int AS estimated,
             COUNT(*) FILTER (WHERE a.ckg IS NOT NULL AND NOT (${counted}))::int AS excluded_estimated,
             COUNT(a.ckg)::int AS convertible,
             ${withoutCount} AS without_count,
             percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY a.ckg) FILTER (WHERE ${counted}) AS quartiles,
             MIN(a.ckg) FILTER (WHERE ${counted}) AS min, MAX(a.ckg) FILTER (WHERE ${counted}) AS max
        FROM (${doses}) a
    )
    SELECT json_build_object(
      'arms', all_arms,
      'dose', json_build_object('arms', arms, 'estimated', estimated,
                                'q1', quartiles[1], 'median', quartiles[2], 'q3', quartiles[3],
                                'min', min, 'max', max,
                                'notConvertible', all_arms - convertible - without_count,
                                'withoutCount', without_count,
                                'excludedEstimated', excluded_estimated)
    ) AS stats FROM dose`;
}

export async function queryDashboard(db: Queryable, filter: CohortFilter): Promise<DashboardStats> {
  const { facets, doses } = dashboardSql(filter);
  const [[counts], [arms]] = await Promise.all([
    db.$queryRaw<{ stats: Omit<DashboardStats, "arms" | "dose"> }[]>(facets),
    db.$queryRaw<{ stats: { arms: number; dose: Omit<DashboardStats["dose"], "scale"> } }[]>(doses),
  ]);
  return { ...counts!.stats, arms: arms!.stats.arms, dose: { ...arms!.stats.dose, scale: filter.doseScale } };
}

const dashboards = versionedCache<DashboardStats>();

/** The dashboard of a filter, computed once per data version. */
export function cachedDashboard(db: Db, filter: ScopedFilter): Promise<DashboardStats> {
  // The numbers count a selection: readers whose scope changes nothing about it share them.
  const selection = selectionScope(filter);
  return dashboards(db, JSON.stringify(selection), () => queryDashboard(db, selection));
}
