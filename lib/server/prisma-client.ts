// Builds a Prisma client on the node-postgres driver adapter, with the session in UTC
// (the adapter misreads timestamptz values in other time zones) and without PostgreSQL's JIT
// compiler, which costs more than it saves on the dashboard's aggregates (measured with
// `npm run bench`: 440 → 390 ms and 200 → 135 ms at 100,000 studies). Used by the app
// (through db.ts) and by scripts and tests, which cannot import "server-only" modules.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";

export function createPrismaClient(connectionString: string, poolMax = 10) {
  const adapter = new PrismaPg({
    connectionString,
    max: poolMax,
    options: "-c TimeZone=UTC -c jit=off",
    connectionTimeoutMillis: 5000,
  });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createPrismaClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** Anything raw SQL can run on: the client or a transaction. */
export type Queryable = Pick<Tx, "$queryRaw">;
