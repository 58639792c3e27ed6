// Whether this instance can serve: the database answers and its migrations are current.
// It goes through the app's own pool, so it sees what requests see (and, on the embedded
// database, never opens a second session beside a running transaction).
import "server-only";
import { db } from "./db";
import { importsRunning } from "../sql/import-evidence";
import { migrationStatus } from "../sql/migrations";
import type { Db } from "../sql/client";

export interface Health {
  ok: boolean;
  /** "busy": the embedded database is reading in a table; the app answers, more slowly. */
  database: "up" | "down" | "busy";
  migrations: "current" | "pending" | "unknown" | "inconsistent";
  reason?: string;
}

const TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS),
    ),
  ]);
}

export async function checkHealth(client: Db = db()): Promise<Health> {
  // While a staged import runs, the database's one session is busy: say so without queuing.
  if (importsRunning() > 0)
    return { ok: true, database: "busy", migrations: "current", reason: "importing a table" };
  try {
    await withTimeout(client.$queryRawUnsafe("SELECT 1"), "the database");
  } catch (error) {
    // The details (host, driver message) go to the server log, not to anonymous callers.
    console.error("health check: database unreachable", error);
    return { ok: false, database: "down", migrations: "unknown", reason: "database unreachable" };
  }
  const status = await migrationStatus(<T>(sql: string) => client.$queryRawUnsafe<T[]>(sql));
  if (status.problems.length > 0) {
    console.error("health check: migration history inconsistent:", status.problems.join("; "));
    return {
      ok: false,
      database: "up",
      migrations: "inconsistent",
      reason: "the migration history does not match prisma/migrations",
    };
  }
  if (status.pending.length > 0) {
    return {
      ok: false,
      database: "up",
      migrations: "pending",
      reason: `${status.pending.length} migration(s) not applied; run npm run db:migrate`,
    };
  }
  return { ok: true, database: "up", migrations: "current" };
}
