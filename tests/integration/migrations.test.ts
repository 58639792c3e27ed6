// The migration runner against real PostgreSQL: applies in order, records in Prisma's table,
// is idempotent, refuses edited history, and rolls a failing migration back whole.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, migrationStatus, readMigrationFiles } from "../../lib/server/sql/migrations";
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

describe("the project's migrations on a database that already holds studies", () => {
  const UPGRADE = `${process.env.TEST_DB_NAME}_upgrade`;
  let upgrade: pg.Client;
  beforeAll(async () => {
    upgrade = new pg.Client({ connectionString: await createFreshDatabase(UPGRADE, { migrated: false }) });
    await upgrade.connect();
  });
  afterAll(async () => {
    await upgrade.end();
    await dropDatabase(UPGRADE);
  });

  it("fill each study's dose lists from the arms it already had (migration 20261129210000_study_doses)", async () => {
    // The migrations as they stood before the dose lists, then studies and arms written then.
    const before = await mkdtemp(path.join(os.tmpdir(), "upgrade-"));
    for (const f of (await readMigrationFiles()).filter((f) => f.name < "20261129210000")) {
      await mkdir(path.join(before, f.name));
      await writeFile(path.join(before, f.name, "migration.sql"), f.sql);
    }
    await migrate(upgrade, { dir: before });
    await upgrade.query(`
      INSERT INTO evidence_sources (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'Old table');
      INSERT INTO studies (id, source_id, row_key, disease_code, disease, route_text, outcome, source_line, source_text, content_hash, updated_at)
      VALUES ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 'a', 'RA', 'RA', 'I.V', '', 1, '', 'h1', now()),
             ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000001', 'b', 'MS', 'MS', 'I.T', '', 2, '', 'h2', now());
      INSERT INTO dose_arms (id, study_id, position, dose_text, basis, dose_mid) VALUES
        (gen_random_uuid(), '00000000-0000-4000-8000-0000000000a1', 0, '4 × 10^6/kg', 'per_kg', 4e6),
        (gen_random_uuid(), '00000000-0000-4000-8000-0000000000a1', 1, '1 × 10^6/kg', 'per_kg', 1e6),
        (gen_random_uuid(), '00000000-0000-4000-8000-0000000000a1', 2, '1 × 10^8 cells', 'total', 1e8),
        (gen_random_uuid(), '00000000-0000-4000-8000-0000000000a1', 3, 'Unknown', 'unknown', NULL);`);
    expect((await migrate(upgrade)).length).toBeGreaterThan(0);
    const rows = await upgrade.query(
      `SELECT row_key, arm_count, doses_per_kg, doses_total FROM studies ORDER BY row_key`,
    );
    expect(rows.rows).toEqual([
      { row_key: "a", arm_count: 4, doses_per_kg: [1e6, 4e6], doses_total: [1e8] },
      { row_key: "b", arm_count: 0, doses_per_kg: null, doses_total: null },
    ]);
  });

  it("give the same facet key as before with one expression (migration 20261202170000_facet_key_expression)", async () => {
    // The key as the three-subquery function built it, for the values the app can store and the
    // edge cases (no routes, NULL arrays, the separators themselves inside a value).
    const previous = `translate(d, E'\\x1e\\x1f', '  ')
      || E'\\x1f' || COALESCE((SELECT string_agg(translate(v, E'\\x1e\\x1f', '  '), E'\\x1e' ORDER BY i) FROM unnest(r) WITH ORDINALITY AS x(v, i)), '')
      || E'\\x1f' || COALESCE((SELECT string_agg(translate(v, E'\\x1e\\x1f', '  '), E'\\x1e' ORDER BY i) FROM unnest(t) WITH ORDINALITY AS x(v, i)), '')
      || E'\\x1f' || COALESCE((SELECT string_agg(translate(v, E'\\x1e\\x1f', '  '), E'\\x1e' ORDER BY i) FROM unnest(o) WITH ORDINALITY AS x(v, i)), '')`;
    const rows = await upgrade.query<{ same: boolean; n: number }>(`
      SELECT bool_and(${previous} IS NOT DISTINCT FROM study_facet_key(d, r, t, o)) AS same, COUNT(*)::int AS n
        FROM (VALUES
          ('RA', ARRAY['I.V', 'I.A'], ARRAY['BM', 'UC'], ARRAY['autologous']),
          ('MS', '{}'::text[], '{}'::text[], '{}'::text[]),
          ('SLE', NULL::text[], ARRAY['AD'], NULL::text[]),
          ('T1DM', ARRAY['Intra' || chr(30) || 'venous', 'I' || chr(31) || 'T'], ARRAY['OTHER'], ARRAY['not_stated']),
          ('Crohn' || chr(31) || 's', ARRAY['I.L'], ARRAY['WJ'], ARRAY['allogeneic', 'autologous']),
          ('IBD', ARRAY['', 'I.V'], ARRAY['PL'], ARRAY[NULL, 'autologous'])
        ) AS v(d, r, t, o)`);
    expect(rows.rows[0]).toEqual({ same: true, n: 6 });
  });
});

describe("npm run db:synth", () => {
  it("on a database without the app's tables says to migrate first, with no stack trace", async () => {
    const name = `${process.env.TEST_DB_NAME}_synth`;
    const url = await createFreshDatabase(name, { migrated: false });
    try {
      const r = spawnSync(
        process.execPath,
        ["node_modules/tsx/dist/cli.mjs", "scripts/synth.ts", "--studies", "10"],
        {
          encoding: "utf8",
          env: { ...process.env, DATABASE_URL: url },
          timeout: 60_000,
        },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/Run `npm run db:migrate` first/);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+|PrismaClient|Invalid `prisma/);
    } finally {
      await dropDatabase(name);
    }
  });
});
