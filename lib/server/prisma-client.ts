// Builds a Prisma client on the node-postgres driver adapter. Every connection is set up for
// the app's read pattern (each setting measured with `npm run bench` at 100,000 studies on a
// 2-core machine):
// - TimeZone=UTC: the adapter misreads timestamptz values in other time zones.
// - jit=off: PostgreSQL's JIT compiler costs more than it saves on the dashboard's aggregates
//   (440 → 390 ms and 200 → 135 ms before the aggregates were rewritten).
// - max_parallel_workers_per_gather=0: a parallel plan starts worker processes for each query,
//   and on two cores that start-up cost more than the workers gained (dose chart over the whole
//   table 218 → 127 ms).
// - random_page_cost=1.1: the working set is in memory, where reading a page at random costs
//   little more than reading the next one; with the default of 4 the planner read whole tables
//   to fetch a thousand rows by key (chart point details 73 → 28 ms).
// Used by the app (through db.ts) and by scripts and tests, which cannot import "server-only"
// modules.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";

/** Settings for every connection (see above). */
export const CONNECTION_OPTIONS =
  "-c TimeZone=UTC -c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1";

export function createPrismaClient(connectionString: string, poolMax = 10) {
  const adapter = new PrismaPg({
    connectionString,
    max: poolMax,
    options: CONNECTION_OPTIONS,
    connectionTimeoutMillis: 5000,
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
