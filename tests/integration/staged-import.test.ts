// The staged import (the embedded database's, which has one connection): other statements run
// between its chunks instead of waiting for one long transaction, the health check says "busy"
// meanwhile, the result is the same as the one-transaction import's, and a failure leaves
// nothing behind (no staging tables, trials or source).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { checkHealth } from "../../lib/server/platform/health";
import { importEvidence, type ImportOptions } from "../../lib/server/sql/import-evidence";
import { createPrismaClient, type Db } from "../../lib/server/sql/client";
import { createFreshDatabase, dropDatabase } from "../support/databases";

const NAME = `${process.env.TEST_DB_NAME}_staged`;
let db: Db;

function table(n: number, from = 0): string {
  const rows = ["Disease,Route,Source,Enrollment,Dose,Frequency,NCT number,Reference"];
  for (let i = from; i < from + n; i++)
    rows.push(
      [
        ["RA", "SLE", "MS"][i % 3],
        "I.V",
        "hUC-MSC",
        20 + (i % 50),
        i % 4 === 0 ? '"1, 2 × 10^6/kg"' : "2 × 10^6/kg",
        1 + (i % 3),
        `NCT${String(20_000_000 + (i % 501)).padStart(8, "0")}`,
        `[S${i}]`,
      ].join(","),
    );
  return rows.join("\n");
}
const request = (text: string, sourceName: string) => {
  const t = readEvidenceTable(text, "csv");
  return { sourceName, format: "csv" as const, studies: t.studies, problems: t.problems, actorId: null };
};

/** Pings the database every few milliseconds while `work` runs; when each ping came back. */
async function pingWhile(work: () => Promise<unknown>) {
  const answered: number[] = [];
  let running = true;
  const pinger = (async () => {
    while (running) {
      await db.$queryRaw`SELECT 1`;
      answered.push(performance.now());
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  // Let the pinger start before the work takes the connection.
  await new Promise((r) => setTimeout(r, 30));
  const started = performance.now();
  let health: Awaited<ReturnType<typeof checkHealth>> | null = null;
  const probe = setTimeout(() => void checkHealth(db).then((h) => (health = h)), 200);
  await work();
  const ended = performance.now();
  running = false;
  clearTimeout(probe);
  await pinger;
  return { during: answered.filter((t) => t > started && t < ended).length, health };
}

const count = async (sql: string) => (await db.$queryRawUnsafe<{ n: number }[]>(sql))[0]!.n;

beforeAll(async () => {
  // One connection, as the embedded database has.
  db = createPrismaClient(await createFreshDatabase(NAME), 1, 60_000);
});
afterAll(async () => {
  await db.$disconnect();
  await dropDatabase(NAME);
});

describe("the staged import", () => {
  const staged: ImportOptions = { staged: true };

  it("lets other statements run between its chunks, and the health check says busy", async () => {
    const { during, health } = await pingWhile(() =>
      importEvidence(db, request(table(12_000), "Staged table"), () => {}, staged),
    );
    expect(during).toBeGreaterThanOrEqual(3);
    expect(health).toMatchObject({ ok: true, database: "busy" });
    expect(await count(`SELECT COUNT(*)::int AS n FROM studies`)).toBe(12_000);
  });

  it("whereas one long transaction holds the one connection until it commits", async () => {
    const { during } = await pingWhile(() =>
      importEvidence(db, request(table(12_000, 100_000), "One-transaction table"), () => {}, {
        staged: false,
      }),
    );
    expect(during).toBe(0);
  });

  it("writes what the one-transaction import writes, and leaves no staging table", async () => {
    const text = table(300, 500_000);
    const a = await importEvidence(db, request(text, "Compare staged"), () => {}, staged);
    const b = await importEvidence(db, request(text, "Compare direct"), () => {}, { staged: false });
    expect([a.added.length, a.unchanged]).toEqual([b.added.length, b.unchanged]);
    const shape = (source: string) =>
      db.$queryRawUnsafe<{ row_key: string; arm_count: number; doses: number[]; enrollment: number }[]>(
        `SELECT s.row_key, s.arm_count, s.doses_per_kg AS doses, s.enrollment FROM studies s
           JOIN evidence_sources e ON e.id = s.source_id WHERE e.name = '${source}' ORDER BY s.row_key`,
      );
    expect(await shape("Compare staged")).toEqual(await shape("Compare direct"));
    expect(
      await count(`SELECT COUNT(*)::int AS n FROM pg_tables WHERE tablename LIKE 'import_stage_%'`),
    ).toBe(0);
    // Re-importing it staged changes nothing.
    const again = await importEvidence(db, request(text, "Compare staged"), () => {}, staged);
    expect([again.added.length, again.unchanged]).toEqual([0, 300]);
  });

  it("leaves nothing behind when it fails: no rows, trials, source or staging tables", async () => {
    const before = {
      studies: await count(`SELECT COUNT(*)::int AS n FROM studies`),
      trials: await count(`SELECT COUNT(*)::int AS n FROM registered_trials`),
      sources: await count(`SELECT COUNT(*)::int AS n FROM evidence_sources`),
    };
    const failing = request(table(5000, 900_000).replace(/NCT2/g, "NCT3"), "Failing staged table");
    failing.studies.at(-1)!.enrollment = 2 ** 40;
    await expect(importEvidence(db, failing, () => {}, staged)).rejects.toThrow();
    expect({
      studies: await count(`SELECT COUNT(*)::int AS n FROM studies`),
      trials: await count(`SELECT COUNT(*)::int AS n FROM registered_trials`),
      sources: await count(`SELECT COUNT(*)::int AS n FROM evidence_sources`),
    }).toEqual(before);
    expect(
      await count(`SELECT COUNT(*)::int AS n FROM pg_tables WHERE tablename LIKE 'import_stage_%'`),
    ).toBe(0);
  });
});
