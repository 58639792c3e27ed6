// The one Prisma client of the app, shared across hot reloads through globalThis.
import "server-only";
import { createPrismaClient, type Db } from "../sql/client";
import { serverEnv } from "./env";

const globalForDb = globalThis as unknown as { evidenceDb?: Db };

export function db(): Db {
  if (!globalForDb.evidenceDb) {
    const env = serverEnv();
    globalForDb.evidenceDb = createPrismaClient(env.DATABASE_URL, env.DATABASE_POOL_MAX);
  }
  return globalForDb.evidenceDb;
}
