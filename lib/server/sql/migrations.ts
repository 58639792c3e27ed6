// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records each in
// Prisma's own _prisma_migrations table, so `prisma migrate deploy` remains a drop-in.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** The advisory lock key Prisma Migrate takes, so the two never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since, or that have no file here. */
  problems: string[];
}

export async function readMigrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/** Runs one read-only query; a pg client and the app's Prisma client both provide one. */
export type ReadQuery = <T>(sql: string) => Promise<T[]>;

export const pgQuery =
  (client: pg.ClientBase): ReadQuery =>
  async <T>(sql: string) =>
    (await client.query(sql)).rows as T[];

async function appliedRows(query: ReadQuery): Promise<AppliedRow[]> {
  const exists = await query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
  if (!exists[0]?.t) return [];
  return query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
      WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
  );
}

function compare(files: MigrationFile[], rows: AppliedRow[]): MigrationStatus {
  const byName = new Map(files.map((f) => [f.name, f]));
  const problems: string[] = [];
  const applied: string[] = [];
  for (const row of rows) {
    const file = byName.get(row.migration_name);
    if (!row.finished_at) problems.push(`${row.migration_name} started but did not finish`);
    else if (!file) problems.push(`${row.migration_name} is applied but has no folder in prisma/migrations`);
    else if (file.checksum !== row.checksum)
      problems.push(`${row.migration_name} was edited after it was applied`);
    else applied.push(row.migration_name);
  }
  const done = new Set(rows.map((r) => r.migration_name));
  const pending = files.filter((f) => !done.has(f.name)).map((f) => f.name);
  return { applied, pending, problems };
}

export async function migrationStatus(
  client: pg.ClientBase | ReadQuery,
  dir = MIGRATIONS_DIR,
): Promise<MigrationStatus> {
  const query = typeof client === "function" ? client : pgQuery(client);
  const [files, rows] = await Promise.all([readMigrationFiles(dir), appliedRows(query)]);
  return compare(files, rows);
}

/**
 * Applies every pending migration, each in its own transaction, under Prisma's advisory lock.
 * Refuses to run when an applied migration was edited or failed half way (as Prisma does).
 */
export async function migrate(
  client: pg.ClientBase,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const files = await readMigrationFiles(options.dir);
  await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
  try {
    await client.query(CREATE_TABLE);
    const status = compare(files, await appliedRows(pgQuery(client)));
    if (status.problems.length > 0) {
      throw new Error(`Cannot migrate:\n  - ${status.problems.join("\n  - ")}`);
    }
    const done: string[] = [];
    for (const file of files.filter((f) => status.pending.includes(f.name))) {
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 0)`,
          [id, file.checksum, file.name],
        );
        await client.query(file.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${file.name} failed and was rolled back: ${message}`);
      }
      log(`applied ${file.name}`);
      done.push(file.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
  }
}
