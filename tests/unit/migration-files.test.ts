import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readMigrationFiles } from "../../lib/server/sql/migrations";

describe("migration files", () => {
  it("are read in timestamp order with Prisma's checksum (SHA-256 of the SQL)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
    for (const name of ["20240102000000_second", "20240101000000_first", "not_a_migration"]) {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, "migration.sql"), `-- ${name}\n`);
    }
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    const files = await readMigrationFiles(dir);
    expect(files.map((f) => f.name)).toEqual(["20240101000000_first", "20240102000000_second"]);
    expect(files[0]!.checksum).toBe(createHash("sha256").update("-- 20240101000000_first\n").digest("hex"));
  });

  it("the project's own migrations are in Prisma's layout", async () => {
    const files = await readMigrationFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f.sql.trim().length).toBeGreaterThan(0);
  });
});
