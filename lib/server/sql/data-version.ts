// The evidence's data version, and computed values cached for as long as it stays the same. The
// version comes from a database sequence that triggers move on at every write, so every app
// instance sees a change at once and never serves numbers older than the data.
import { cache } from "react";
import type { Db } from "./client";

const MAX_ENTRIES = 500;
/** The advisory lock every write that moves the version holds (shared) until it ends. */
const OPEN_WRITES_LOCK = 7_316_842_551;

type Version = { version: string; quiet: boolean };

/** The version, and whether no write that moved it is still open. The sequence moves on when a
 * write happens, before it commits: while such a write is open, a reader sees the new version but
 * the old rows, so nothing read then may be kept under it.
 * - The sequence's row is read before the select list is worked out, so the version is never
 *   newer than the check: a write that moves it after the check is seen by the check after the
 *   computation (versionedCache).
 * - A session's own locks never conflict with each other: a reader inside a transaction that has
 *   written (it holds an id) would find the lock free and keep its own uncommitted rows, so it is
 *   never quiet.
 * - The exclusive lock is taken and given back in this one statement (session-level, so that it is
 *   not held on until a surrounding transaction ends); CASE, unlike AND, runs its tests in order,
 *   so it is never taken without being given back. */
async function readVersion(db: Db): Promise<Version> {
  const [row] = await db.$queryRaw<{ v: string; quiet: boolean }[]>`
    SELECT (last_value::text || ':' || is_called::text) AS v,
      CASE WHEN pg_current_xact_id_if_assigned() IS NOT NULL THEN false
        WHEN pg_try_advisory_lock(${OPEN_WRITES_LOCK}::bigint) THEN pg_advisory_unlock(${OPEN_WRITES_LOCK}::bigint)
        ELSE false END AS quiet
    FROM evidence_data_version`;
  return { version: row?.v ?? "0", quiet: row?.quiet ?? false };
}

export async function dataVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<
    { v: string }[]
  >`SELECT (last_value::text || ':' || is_called::text) AS v FROM evidence_data_version`;
  return row?.v ?? "0";
}

/** The data version as one server render sees it: read once per render however many cached views
 * the page holds (React's cache; outside a render, such as in a route handler or a test, every
 * call reads it). A value computed while the data moved on is still not kept (below). */
const renderVersion = cache((db: Db) => readVersion(db));

/** A least-recently-used cache of computed values, valid while the data version stays the same.
 * Views that miss at the same moment wait for one computation instead of each running their own
 * (twenty clients opening a page after a change would otherwise run its queries twenty times). */
export function versionedCache<T>() {
  const cache = new Map<string, { version: string; value: T }>();
  const running = new Map<string, { version: string; value: Promise<T> }>();
  return async (db: Db, key: string, compute: () => Promise<T>): Promise<T> => {
    const { version, quiet } = await renderVersion(db);
    const hit = cache.get(key);
    if (hit && hit.version === version) {
      cache.delete(key);
      cache.set(key, hit); // most recently used last
      return hit.value;
    }
    // A write is open: what is read now may miss it once it commits, so it is neither kept nor
    // handed to a reader who comes after the commit.
    if (!quiet) return compute();
    const pending = running.get(key);
    if (pending && pending.version === version) return pending.value;
    const value = compute().then(async (v) => {
      // Only keep it if nothing changed while it was computed.
      if ((await dataVersion(db)) === version) {
        cache.set(key, { version, value: v });
        if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      }
      return v;
    });
    running.set(key, { version, value });
    try {
      return await value;
    } finally {
      if (running.get(key)?.value === value) running.delete(key);
    }
  };
}
