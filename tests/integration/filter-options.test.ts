// The filter panel's choices come from a cache kept by the data version: a repeated view reads no
// aggregate, yet any change to the studies (an import, a correction, a deletion) shows at once,
// and a new outcome category appears without any change to the studies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { createPrismaClient, type Db } from "../../lib/server/sql/client";
import { versionedCache } from "../../lib/server/sql/data-version";
import { queryFilterOptions } from "../../lib/server/sql/filter-options";
import { importEvidence } from "../../lib/server/sql/import-evidence";
import { createFreshDatabase, dropDatabase } from "../support/databases";

const NAME = `${process.env.TEST_DB_NAME}_filter_options`;
let db: Db;

async function load(rows: string[], sourceName: string) {
  const t = readEvidenceTable(["Disease,Route,Source,Enrollment,Dose,Reference", ...rows].join("\n"), "csv");
  await importEvidence(db, {
    sourceName,
    format: "csv",
    studies: t.studies,
    problems: t.problems,
    actorId: null,
  });
}

beforeAll(async () => {
  db = createPrismaClient(await createFreshDatabase(NAME), 2);
  await load(
    [
      "RA,I.V,hUC-MSC,20,2 × 10^6/kg,[1]",
      "RA,I.V,hUC-MSC,30,1 × 10^6/kg,[2]",
      "SLE,I.A,BM-MSC,10,5 × 10^6/kg,[3]",
    ],
    "first",
  );
});

afterAll(async () => {
  await db.$disconnect();
  await dropDatabase(NAME);
});

const count = (list: { value: string; n: number }[], value: string) =>
  list.find((d) => d.value === value)?.n ?? 0;

describe("filter options", () => {
  it("counts each disease and route", async () => {
    const options = await queryFilterOptions(db);
    expect(count(options.diseases, "RA")).toBe(2);
    expect(count(options.diseases, "SLE")).toBe(1);
    expect(count(options.routes, "I.V")).toBe(2);
    expect(count(options.routes, "I.A")).toBe(1);
  });

  it("serves a repeated view from the cache without recomputing the counts", async () => {
    await queryFilterOptions(db);
    // Written behind the app's back with the data version held still: a cached answer cannot see it.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE studies DISABLE TRIGGER studies_data_version`);
      await tx.$executeRawUnsafe(`UPDATE studies SET disease_code = 'MS' WHERE reference = '[3]'`);
      await tx.$executeRawUnsafe(`ALTER TABLE studies ENABLE TRIGGER studies_data_version`);
    });
    const cached = await queryFilterOptions(db);
    expect(count(cached.diseases, "SLE")).toBe(1);
    expect(count(cached.diseases, "MS")).toBe(0);
    await db.$executeRawUnsafe(`UPDATE studies SET disease_code = 'SLE' WHERE reference = '[3]'`);
  });

  it("shows a change to the studies at once", async () => {
    await queryFilterOptions(db);
    await load(["MS,I.T,AD-MSC,12,1 × 10^6/kg,[4]"], "second");
    const options = await queryFilterOptions(db);
    expect(count(options.diseases, "MS")).toBe(1);
    expect(count(options.routes, "I.T")).toBe(1);
    await db.study.deleteMany({ where: { diseaseCode: "MS" } });
    expect(count((await queryFilterOptions(db)).diseases, "MS")).toBe(0);
  });

  it("reads the outcome categories fresh", async () => {
    await queryFilterOptions(db);
    await db.outcomeCategory.create({ data: { name: "Remission", colour: "#336699", position: 1 } });
    const options = await queryFilterOptions(db);
    expect(options.categories.map((c) => c.name)).toContain("Remission");
  });

  it("computes once for views that miss at the same moment, and again after a change", async () => {
    const cache = versionedCache<number>();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return runs;
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => cache(db, "k", compute)));
    expect(runs).toBe(1);
    expect(new Set(answers)).toEqual(new Set([1]));
    await load(["RA,I.V,hUC-MSC,25,3 × 10^6/kg,[5]"], "third");
    expect(await cache(db, "k", compute)).toBe(2);
  });
});
