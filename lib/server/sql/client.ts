// Builds a Prisma client on the node-postgres driver adapter, with every connection set up for
// the app's read pattern (README, "How it gets there", says what each setting saved):
// - TimeZone=UTC: the adapter misreads timestamptz values in other time zones;
// - jit=off: the JIT compiler costs more than it saves on the dashboard's aggregates;
// - max_parallel_workers_per_gather=0: on two cores, starting workers cost more than they gained;
// - random_page_cost=1.1: the working set is in memory, where a random read costs little more
//   than the next page; the default of 4 made the planner read whole tables to fetch rows by key.
// The app gets its client through platform/db.ts; scripts and tests create their own.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../../generated/prisma/client.ts";

/** Settings for every connection (see above). */
export const CONNECTION_OPTIONS =
  "-c TimeZone=UTC -c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1";

/**
 * `waitMs`: how long a statement waits for a free connection before it fails. On the embedded
 * database (one connection) a statement may wait behind an import's chunk or its final switch:
 * slower, but it does not fail.
 */
export function createPrismaClient(connectionString: string, poolMax = 10, waitMs = 5000) {
  const adapter = new PrismaPg({
    connectionString,
    max: poolMax,
    options: CONNECTION_OPTIONS,
    connectionTimeoutMillis: waitMs,
  });
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true }, study: { outcomeLower: true } },
  });
}

export type Db = ReturnType<typeof createPrismaClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** Anything raw SQL can run on: the client or a transaction. */
export type Queryable = Pick<Tx, "$queryRaw">;

/** A plain object (a DTO of JSON values: numbers, strings, booleans, null, arrays, objects) as
 * Prisma's JSON input. Interfaces have no index signature, so TypeScript cannot see that on its own. */
export function jsonObject<T extends object>(value: T): Prisma.InputJsonObject {
  return value;
}
