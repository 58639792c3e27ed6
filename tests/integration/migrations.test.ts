// The migration runner against real PostgreSQL: applies in order, records in Prisma's table,
// is idempotent, refuses edited history, and rolls a failing migration back whole.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, migrationStatus, readMigrationFiles } from "../../lib/server/migrations";
import { createFreshDatabase, dropDatabase } from "../support/databases";

const NAME = `${process.env.TEST_DB_NAME}_runner`;
let client: pg.Client;
let dir: string;

async function addMigration(name: string, sql: string) {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

beforeAll(async () => {
  const url = await createFreshDatabase(NAME, { migrated: false });
  client = new pg.Client({ connectionString: url });
  await client.connect();
  dir = await mkdtemp(path.join(os.tmpdir(), "runner-"));
});
afterAll(async () => {
  await client.end();
  await dropDatabase(NAME);
});

describe("migration runner", () => {
  it("applies pending migrations in order and records them as Prisma does", async () => {
    await addMigration("20250101000000_a", `CREATE TABLE a (id int PRIMARY KEY);`);
    await addMigration("20250102000000_b", `ALTER TABLE a ADD COLUMN b text;`);
    expect(await migrate(client, { dir })).toEqual(["20250101000000_a", "20250102000000_b"]);
    const rows = await client.query(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count, rolled_back_at
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    const files = await readMigrationFiles(dir);
    expect(rows.rows).toEqual(
      files.map((f) => ({
        migration_name: f.name,
        checksum: f.checksum,
        finished: true,
        applied_steps_count: 1,
        rolled_back_at: null,
      })),
    );
    expect(await migrate(client, { dir })).toEqual([]);
    expect(await migrationStatus(client, dir)).toEqual({
      applied: files.map((f) => f.name),
      pending: [],
      problems: [],
    });
  });

  it("rolls back a failing migration entirely and names it", async () => {
    await addMigration("20250103000000_bad", `CREATE TABLE c (id int); SELECT * FROM no_such_table;`);
    await expect(migrate(client, { dir })).rejects.toThrow(
      /20250103000000_bad failed and was rolled back: .*no_such_table/,
    );
    const c = await client.query(`SELECT to_regclass('c') AS t`);
    expect(c.rows[0].t).toBeNull();
    const recorded = await client.query(
      `SELECT 1 FROM _prisma_migrations WHERE migration_name = '20250103000000_bad'`,
    );
    expect(recorded.rowCount).toBe(0);
    expect((await migrationStatus(client, dir)).pending).toEqual(["20250103000000_bad"]);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    await addMigration("20250103000000_bad", `CREATE TABLE c (id int);`);
    await migrate(client, { dir });
    await addMigration("20250101000000_a", `CREATE TABLE a (id bigint PRIMARY KEY);`);
    await expect(migrate(client, { dir })).rejects.toThrow(
      /20250101000000_a was edited after it was applied/,
    );
    expect((await migrationStatus(client, dir)).problems).toEqual([
      "20250101000000_a was edited after it was applied",
    ]);
  });
});
