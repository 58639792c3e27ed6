// Whether this instance can serve: the database answers and its migrations are current.
import "server-only";
import pg from "pg";
import { serverEnv } from "./env";
import { migrationStatus } from "./migrations";

export interface Health {
  ok: boolean;
  database: "up" | "down";
  migrations: "current" | "pending" | "unknown" | "inconsistent";
  reason?: string;
  pending?: string[];
}

export async function checkHealth(): Promise<Health> {
  // A separate short-lived connection, so a wedged pool cannot make the check lie.
  const client = new pg.Client({ connectionString: serverEnv().DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    await client.end().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, database: "down", migrations: "unknown", reason: `database unreachable: ${message}` };
  }
  try {
    const status = await migrationStatus(client);
    if (status.problems.length > 0) {
      return { ok: false, database: "up", migrations: "inconsistent", reason: status.problems.join("; ") };
    }
    if (status.pending.length > 0) {
      return {
        ok: false,
        database: "up",
        migrations: "pending",
        pending: status.pending,
        reason: `${status.pending.length} migration(s) not applied; run npm run db:migrate`,
      };
    }
    return { ok: true, database: "up", migrations: "current" };
  } finally {
    await client.end().catch(() => {});
  }
}
