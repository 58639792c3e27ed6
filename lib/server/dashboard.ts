// The dashboard's numbers for one filter, computed in PostgreSQL in one round trip:
// studies, registered trials, deduplicated patients, arms, breakdowns and a dose summary.
import { Prisma } from "../generated/prisma/client.ts";
import { isEmptyFilter, type AnalysisSettings, type CohortFilter } from "../domain/cohort-filter";
import type { Queryable } from "./prisma-client";
import { cohortSql } from "./study-query";

export interface Breakdown {
  key: string;
  studies: number;
  /** Largest enrollment per registered trial plus unregistered studies, within the group. */
  patients: number;
}

export interface DoseSummary {
  /** Arms with a dose in cells/kg (per kg, or total cells through the reference weight). */
  arms: number;
  estimated: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
  /** Arms whose dose is per joint, per ml, unknown or unreadable. */
  notConvertible: number;
  /** Arms left out of the summary because they are estimated and estimated doses are excluded. */
  excludedEstimated: number;
}

export interface DashboardStats {
  studies: number;
  registeredTrials: number;
  patients: number;
  arms: number;
  byDisease: Breakdown[];
  byRoute: Breakdown[];
  byTissue: Breakdown[];
  byDonor: Breakdown[];
  dose: DoseSummary;
}

/** SQL that adds up studies and deduplicated patients per key over rows (key, trial_id, enrollment). */
const grouped = (rows: Prisma.Sql) => Prisma.sql`
  COALESCE((SELECT json_agg(json_build_object('key', key, 'studies', studies, 'patients', patients) ORDER BY studies DESC, key)
     FROM (SELECT key, SUM(studies)::int AS studies, COALESCE(SUM(patients), 0)::int AS patients
             FROM (SELECT key, COUNT(*) AS studies, MAX(enrollment) AS patients FROM (${rows}) r
                    WHERE trial_id IS NOT NULL GROUP BY key, trial_id
                   UNION ALL
                   SELECT key, COUNT(*), SUM(enrollment) FROM (${rows}) r WHERE trial_id IS NULL GROUP BY key) x
            GROUP BY key) y), '[]'::json)`;

export function dashboardSql(filter: CohortFilter, settings: AnalysisSettings): Prisma.Sql {
  const where = cohortSql(filter, settings);
  const everything = isEmptyFilter(filter);
  const w = settings.referenceWeightKg;
  const estimatedCounts = filter.includeEstimated ? Prisma.sql`TRUE` : Prisma.sql`a.basis = 'per_kg'`;
  // With no filter every arm counts, and the join to the selected studies can be skipped.
  const armSource = everything
    ? Prisma.sql`dose_arms a`
    : Prisma.sql`dose_arms a JOIN f ON f.id = a.study_id`;
  return Prisma.sql`
    WITH f AS MATERIALIZED (
      SELECT s.id, s.disease_code, s.routes, s.tissues, s.donors, s.trial_id, s.enrollment FROM studies s WHERE ${where}
    ),
    arms AS MATERIALIZED (
      SELECT a.basis,
             CASE WHEN a.basis = 'per_kg' THEN a.dose_mid WHEN a.basis = 'total' THEN a.dose_mid / ${w}::float8 END AS ckg
        FROM ${armSource}
    ),
    per_trial AS (SELECT MAX(enrollment) AS n FROM f WHERE trial_id IS NOT NULL GROUP BY trial_id),
    dose AS (
      SELECT COUNT(*)::int AS arms,
             COUNT(*) FILTER (WHERE a.basis = 'total')::int AS estimated,
             percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY a.ckg) AS quartiles,
             MIN(a.ckg) AS min, MAX(a.ckg) AS max
        FROM arms a WHERE a.ckg IS NOT NULL AND ${estimatedCounts}
    )
    SELECT json_build_object(
      'studies', (SELECT COUNT(*) FROM f)::int,
      'registeredTrials', (SELECT COUNT(*) FROM per_trial)::int,
      'patients', ((SELECT COALESCE(SUM(n), 0) FROM per_trial) + (SELECT COALESCE(SUM(enrollment), 0) FROM f WHERE trial_id IS NULL))::int,
      'arms', (SELECT COUNT(*) FROM arms)::int,
      'byDisease', ${grouped(Prisma.sql`SELECT disease_code AS key, trial_id, enrollment FROM f`)},
      'byRoute', ${grouped(Prisma.sql`SELECT unnest(routes) AS key, trial_id, enrollment FROM f`)},
      'byTissue', ${grouped(Prisma.sql`SELECT unnest(tissues) AS key, trial_id, enrollment FROM f`)},
      'byDonor', ${grouped(Prisma.sql`SELECT unnest(donors) AS key, trial_id, enrollment FROM f`)},
      'dose', (SELECT json_build_object('arms', arms, 'estimated', estimated,
                                        'q1', quartiles[1], 'median', quartiles[2], 'q3', quartiles[3],
                                        'min', min, 'max', max,
                                        'notConvertible', (SELECT COUNT(*) FROM arms WHERE ckg IS NULL)::int,
                                        'excludedEstimated', ${filter.includeEstimated ? Prisma.sql`0` : Prisma.sql`(SELECT COUNT(*) FROM arms WHERE basis = 'total' AND ckg IS NOT NULL)::int`})
                 FROM dose)
    ) AS stats`;
}

export async function queryDashboard(
  db: Queryable,
  filter: CohortFilter,
  settings: AnalysisSettings,
): Promise<DashboardStats> {
  const [row] = await db.$queryRaw<{ stats: DashboardStats }[]>(dashboardSql(filter, settings));
  return row!.stats;
}
