// The evidence's data version, and computed values cached for as long as it stays the same. The
// version comes from a database sequence that triggers move on at every write, so every app
// instance sees a change at once and never serves numbers older than the data.
import { cache } from "react";
import type { Db } from "./client";

const MAX_ENTRIES = 500;

export async function dataVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<
    { v: string }[]
  >`SELECT (last_value::text || ':' || is_called::text) AS v FROM evidence_data_version`;
  return row?.v ?? "0";
}

/** The data version as one server render sees it: read once per render however many cached views
 * the page holds (React's cache; outside a render, such as in a route handler or a test, every
 * call reads it). A value computed while the data moved on is still not kept (below). */
const renderVersion = cache((db: Db) => dataVersion(db));

/** A least-recently-used cache of computed values, valid while the data version stays the same.
 * Views that miss at the same moment wait for one computation instead of each running their own
 * (twenty clients opening a page after a change would otherwise run its queries twenty times). */
export function versionedCache<T>() {
  const cache = new Map<string, { version: string; value: T }>();
  const running = new Map<string, { version: string; value: Promise<T> }>();
  return async (db: Db, key: string, compute: () => Promise<T>): Promise<T> => {
    const version = await renderVersion(db);
    const hit = cache.get(key);
    if (hit && hit.version === version) {
      cache.delete(key);
      cache.set(key, hit); // most recently used last
      return hit.value;
    }
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
