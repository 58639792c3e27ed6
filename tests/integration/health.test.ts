// The health check against real PostgreSQL: up and migrated, pending migrations, and down.
import { afterAll, describe, expect, it } from "vitest";
import { checkHealth } from "../../lib/server/platform/health";
import { readMigrationFiles } from "../../lib/server/sql/migrations";
import { createPrismaClient } from "../../lib/server/sql/client";
import { createFreshDatabase, dropDatabase } from "../support/databases";

const name = `${process.env.TEST_DB_NAME}_health`;
afterAll(() => dropDatabase(name));

describe("checkHealth", () => {
  it("is ok on a migrated database", async () => {
    const client = createPrismaClient(process.env.DATABASE_URL!, 1);
    expect(await checkHealth(client)).toEqual({ ok: true, database: "up", migrations: "current" });
    await client.$disconnect();
  });

  it("names the migrations a database still lacks", async () => {
    const client = createPrismaClient(await createFreshDatabase(name, { migrated: false }), 1);
    const health = await checkHealth(client);
    expect(health).toMatchObject({ ok: false, database: "up", migrations: "pending" });
    const files = await readMigrationFiles();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(health.reason).toBe(`${files.length} migration(s) not applied; run npm run db:migrate`);
    await client.$disconnect();
  });

  it("says the database is unreachable when it is down", async () => {
    const client = createPrismaClient("postgresql://postgres@127.0.0.1:1/nothing", 1);
    const health = await checkHealth(client);
    expect(health).toEqual({
      ok: false,
      database: "down",
      migrations: "unknown",
      reason: "database unreachable",
    });
    await client.$disconnect();
  });
});
