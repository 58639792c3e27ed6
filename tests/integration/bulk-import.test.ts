// A large first import (from BULK_LOAD_FROM new studies on, at least as many as the tables hold)
// loads without the tables' secondary indexes and foreign keys and builds them again at its end:
// afterwards the schema is exactly as before, every study's dose lists agree with its arms, a
// failing import leaves the indexes in place and writes nothing, and an import that cannot take
// the tables within two seconds (a reader holds them) loads row by row instead.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { BULK_LOAD_FROM, importEvidence } from "../../lib/server/sql/import-evidence";
import { createPrismaClient, type Db } from "../../lib/server/sql/client";
import { createFreshDatabase, dropDatabase } from "../support/databases";

const NAME = `${process.env.TEST_DB_NAME}_bulk`;
let url: string;
let db: Db;
let admin: pg.Client;

/** A CSV of `n` studies, some with two arms and a frequency, all with distinct references. */
function table(n: number, from = 0): string {
  const rows = ["Disease,Route,Source,Enrollment,Dose,Frequency,NCT number,Reference"];
  for (let i = from; i < from + n; i++)
    rows.push(
      [
        ["RA", "SLE", "MS"][i % 3],
        "I.V",
        i % 2 ? "hUC-MSC" : "Autologous BM-MSC",
        20 + (i % 50),
        i % 4 === 0 ? '"1, 2 × 10^6/kg"' : i % 4 === 1 ? "5 × 10^7 cells" : "2 × 10^6/kg",
        i % 5 === 0 ? "" : String(1 + (i % 3)),
        `NCT${String(10_000_000 + (i % 997)).padStart(8, "0")}`,
        `[B${i}]`,
      ].join(","),
    );
  return rows.join("\n");
}

const request = (text: string, sourceName = "Bulk table") => {
  const t = readEvidenceTable(text, "csv");
  return { sourceName, format: "csv" as const, studies: t.studies, problems: t.problems, actorId: null };
};

/** The schema of the evidence tables as the catalogue has it: every index and constraint. */
async function schema(): Promise<string[]> {
  const { rows } = await admin.query<{ d: string }>(`
    SELECT tablename || ': ' || indexdef AS d FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL
    SELECT conrelid::regclass::text || ': ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
     WHERE connamespace = 'public'::regnamespace
    ORDER BY 1`);
  return rows.map((r) => r.d);
}

const disagreeing = async () => {
  const { rows } = await admin.query<{ n: number }>(`
    SELECT COUNT(*)::int AS n FROM studies s
     CROSS JOIN LATERAL (
       SELECT COUNT(*)::int AS n,
              COALESCE(array_agg(a.dose_mid ORDER BY a.dose_mid) FILTER (WHERE a.basis = 'per_kg' AND a.dose_mid IS NOT NULL), '{}') AS per_kg,
              COALESCE(array_agg(a.dose_mid ORDER BY a.dose_mid) FILTER (WHERE a.basis = 'total' AND a.dose_mid IS NOT NULL), '{}') AS total
         FROM dose_arms a WHERE a.study_id = s.id) d
     WHERE (s.arm_count, COALESCE(s.doses_per_kg, '{}'), COALESCE(s.doses_total, '{}')) IS DISTINCT FROM (d.n, d.per_kg, d.total)`);
  return rows[0]!.n;
};

beforeAll(async () => {
  url = await createFreshDatabase(NAME);
  db = createPrismaClient(url, 2);
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
});
afterAll(async () => {
  await db.$disconnect();
  await admin.end();
  await dropDatabase(NAME);
});

describe("a large first import", () => {
  it("builds the indexes and foreign keys again, exactly, with every dose list right", async () => {
    const before = await schema();
    // Dropped while loading: the schema's secondary indexes and foreign keys are there to drop.
    expect(before.filter((d) => /FOREIGN KEY/.test(d)).length).toBeGreaterThan(3);
    const outcome = await importEvidence(db, request(table(BULK_LOAD_FROM)));
    expect(outcome.added).toHaveLength(BULK_LOAD_FROM);
    expect(await schema()).toEqual(before);
    expect(await disagreeing()).toBe(0);
    const { rows } = await admin.query<{ arms: number; cumulative: number }>(
      `SELECT COUNT(*)::int AS arms, COUNT(dose_cumulative)::int AS cumulative FROM dose_arms`,
    );
    // One in four studies has two arms; one in five gives no frequency.
    expect(rows[0]).toEqual({ arms: BULK_LOAD_FROM * 1.25, cumulative: BULK_LOAD_FROM * 1.25 * 0.8 });
    // Planned with the indexes again: the arms of one study are found through (study_id, …).
    const plan = await admin.query<{ "QUERY PLAN": string }>(
      `EXPLAIN SELECT * FROM dose_arms WHERE study_id = (SELECT id FROM studies LIMIT 1)`,
    );
    expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Index/);
    // Studies get time-ordered ids (UUID version 7), so they go to the end of their indexes;
    // arms keep random ones (version 4), which the dose charts sample by.
    const ids = await admin.query<{ study: string; arm: string }>(
      `SELECT s.id::text AS study, a.id::text AS arm FROM studies s JOIN dose_arms a ON a.study_id = s.id ORDER BY s.source_line`,
    );
    expect(ids.rows.every((r) => r.study[14] === "7" && r.arm[14] === "4")).toBe(true);
    const times = ids.rows.map((r) => r.study.slice(0, 13));
    expect(times).toEqual([...times].sort());
  });

  it("leaves the indexes in place and writes nothing when it fails", async () => {
    const before = await schema();
    const studies = await db.study.count();
    const failing = request(table(2 * BULK_LOAD_FROM, 100_000), "Failing bulk table");
    // A study whose enrollment the database refuses, at the very end of the load.
    failing.studies.at(-1)!.enrollment = 2 ** 40;
    await expect(importEvidence(db, failing)).rejects.toThrow();
    expect(await db.study.count()).toBe(studies);
    expect(await schema()).toEqual(before);
  });

  it("loads row by row when a reader holds the tables, after waiting two seconds at most", async () => {
    const before = await schema();
    const reader = new pg.Client({ connectionString: url });
    await reader.connect();
    try {
      await reader.query("BEGIN");
      await reader.query("SELECT COUNT(*) FROM studies");
      const outcome = await importEvidence(db, request(table(2 * BULK_LOAD_FROM, 200_000), "Held table"));
      expect(outcome.added).toHaveLength(2 * BULK_LOAD_FROM);
    } finally {
      await reader.query("COMMIT");
      await reader.end();
    }
    expect(await schema()).toEqual(before);
    expect(await disagreeing()).toBe(0);
  });

  it("changes of an existing table keep their indexes and refresh the changed studies' lists", async () => {
    const text = table(50, 0).replace(/"1, 2 × 10\^6\/kg"/g, '"3, 4 × 10^6/kg"');
    const outcome = await importEvidence(db, request(text));
    expect(outcome.updated.length).toBeGreaterThan(0);
    expect(await disagreeing()).toBe(0);
    const { rows } = await admin.query<{ lists: number[] }>(
      `SELECT doses_per_kg AS lists FROM studies WHERE reference = '[B0]'`,
    );
    expect(rows[0]!.lists).toEqual([3e6, 4e6]);
  });
});
