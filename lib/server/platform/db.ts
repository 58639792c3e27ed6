// The one Prisma client of the app, shared across hot reloads through globalThis.
import "server-only";
import { createPrismaClient, type Db } from "../sql/client";
import { serverEnv } from "./env";

const globalForDb = globalThis as unknown as { evidenceDb?: Db };

export function db(): Db {
  if (!globalForDb.evidenceDb) {
    const env = serverEnv();
    // The embedded database has one connection: a request waits its turn (up to a minute)
    // behind an import's chunks instead of failing after five seconds.
    const embedded = process.env.EVIDENCE_EMBEDDED_DB === "1";
    globalForDb.evidenceDb = createPrismaClient(
      env.DATABASE_URL,
      env.DATABASE_POOL_MAX,
      embedded ? 60_000 : 5000,
    );
  }
  return globalForDb.evidenceDb;
}
