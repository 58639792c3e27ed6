// Dashboard aggregates cached per filter for as long as the evidence does not change. The
// version comes from a database sequence that triggers move on at every write, so every app
// instance sees a change at once and never serves numbers older than the data.
import type { AnalysisSettings, CohortFilter } from "../domain/cohort-filter";
import { queryDashboard, type DashboardStats } from "./dashboard";
import type { Db } from "./prisma-client";

const MAX_ENTRIES = 500;
const cache = new Map<string, { version: string; stats: DashboardStats }>();

export async function dataVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<
    { v: string }[]
  >`SELECT (last_value::text || ':' || is_called::text) AS v FROM evidence_data_version`;
  return row?.v ?? "0";
}

export async function cachedDashboard(
  db: Db,
  filter: CohortFilter,
  settings: AnalysisSettings,
): Promise<DashboardStats> {
  const key = JSON.stringify([filter, settings]);
  const version = await dataVersion(db);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit.stats;
  }
  const stats = await queryDashboard(db, filter, settings);
  // Only keep it if nothing changed while it was computed.
  if ((await dataVersion(db)) === version) {
    cache.set(key, { version, stats });
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return stats;
}
