// The dose lists PostgreSQL keeps on each study from its arms (migration 20261129210000_study_doses),
// and the dose-range filter that reads them: checked against the arms themselves, at the edges of
// a range, through imports, corrections and deletions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../lib/domain/cohort-filter";
import { readEvidenceTable } from "../../lib/domain/evidence-table";
import { db } from "../../lib/server/db";
import { importEvidence } from "../../lib/server/evidence-import";
import { cohortSql, cohortWhere } from "../../lib/server/study-query";
import { importSeed } from "../../prisma/seed";

const SOURCE = "Dose list test table";
const TABLE = [
  "Disease,Route,Enrollment,Dose,Outcome,Reference",
  'RA,I.V,10,"4, 1, 2 × 10^6/kg",Better,[L]', // a ladder, written out of order
  "MS,I.T,12,7 × 10^7 cells,Same,[T]", // total cells: 1 × 10⁶/kg at 70 kg, 2 × 10⁶/kg at 35 kg
  "RA,Intra-articular,8,40 × 10^6/joint,Same,[J]",
  "SLE,I.V,9,Unknown,Same,[U]",
  'SLE,I.V,9,"0.5, 6 × 10^6/kg",Same,[S]', // arms on both sides of 1–5 × 10⁶/kg, none inside
].join("\n");

async function importTable(text: string) {
  await importEvidence(db(), {
    sourceName: SOURCE,
    citation: null,
    fileName: "doses.csv",
    format: "csv",
    studies: readEvidenceTable(text, "csv").studies,
    problems: [],
    actorId: null,
  });
}

const lists = async () =>
  Object.fromEntries(
    (
      await db().study.findMany({
        where: { source: { name: SOURCE } },
        select: { reference: true, armCount: true, dosesPerKg: true, dosesTotal: true },
      })
    ).map((s) => [s.reference, [s.armCount, s.dosesPerKg, s.dosesTotal]]),
  );

/** Studies whose kept lists differ from their arms, recomputed here from dose_arms. */
const disagreeing = async () => {
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT COUNT(*)::int AS n FROM studies s
     CROSS JOIN LATERAL (
       SELECT COUNT(*)::int AS n,
              COALESCE(array_agg(a.dose_mid ORDER BY a.dose_mid) FILTER (WHERE a.basis = 'per_kg' AND a.dose_mid IS NOT NULL), '{}') AS per_kg,
              COALESCE(array_agg(a.dose_mid ORDER BY a.dose_mid) FILTER (WHERE a.basis = 'total' AND a.dose_mid IS NOT NULL), '{}') AS total
         FROM dose_arms a WHERE a.study_id = s.id) d
     WHERE (s.arm_count, COALESCE(s.doses_per_kg, '{}'), COALESCE(s.doses_total, '{}')) IS DISTINCT FROM (d.n, d.per_kg, d.total)`;
  return row!.n;
};

/** References of the test table's studies selected by the SQL predicate, after checking that
 * Prisma's `where` (which goes through the arms) selects the very same studies. */
async function selected(q: string): Promise<string[]> {
  const { filter, settings } = parseFilter(new URLSearchParams(q));
  const viaPrisma = await db().study.findMany({
    where: { AND: [cohortWhere(filter, settings), { source: { name: SOURCE } }] },
    select: { reference: true },
  });
  const viaSql = await db().$queryRaw<{ reference: string }[]>`
    SELECT s.reference FROM studies s JOIN evidence_sources e ON e.id = s.source_id
     WHERE e.name = ${SOURCE} AND ${cohortSql(filter, settings)}`;
  const refs = (rows: { reference: string | null }[]) => rows.map((r) => r.reference ?? "").sort();
  expect(refs(viaSql)).toEqual(refs(viaPrisma));
  return refs(viaSql);
}

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  await importTable(TABLE);
});
afterAll(() => db().$disconnect());

describe("each study's dose lists", () => {
  it("are filled on import: arm count, per kg and total doses, each sorted", async () => {
    expect(await lists()).toEqual({
      "[L]": [3, [1e6, 2e6, 4e6], []],
      "[T]": [1, [], [7e7]],
      "[J]": [1, [], []],
      "[U]": [1, [], []],
      "[S]": [2, [5e5, 6e6], []],
    });
  });

  it("agree with the arms for every study of the seed table", async () => {
    expect(await db().study.count()).toBeGreaterThan(57);
    expect(await disagreeing()).toBe(0);
  });

  it("follow every later change to the arms: update, insert, delete", async () => {
    const ladder = await db().study.findFirstOrThrow({
      where: { reference: "[L]", source: { name: SOURCE } },
      include: { arms: { orderBy: { position: "asc" } } },
    });
    // The 4 × 10⁶ arm becomes 0.5 × 10⁶: the list is sorted again.
    await db().doseArm.update({ where: { id: ladder.arms[0]!.id }, data: { doseMid: 5e5 } });
    expect((await lists())["[L]"]).toEqual([3, [5e5, 1e6, 2e6], []]);
    // An arm in total cells and one per ml.
    await db().doseArm.createMany({
      data: [
        { studyId: ladder.id, position: 3, doseText: "1 × 10^8 cells", basis: "total", doseMid: 1e8 },
        { studyId: ladder.id, position: 4, doseText: "1 × 10^6/ml", basis: "per_ml", doseMid: 1e6 },
      ],
    });
    expect((await lists())["[L]"]).toEqual([5, [5e5, 1e6, 2e6], [1e8]]);
    // One statement touching two studies.
    await db().doseArm.deleteMany({
      where: { study: { source: { name: SOURCE } }, basis: { in: ["total", "per_ml"] } },
    });
    expect((await lists())["[L]"]).toEqual([3, [5e5, 1e6, 2e6], []]);
    expect((await lists())["[T]"]).toEqual([0, [], []]);
    expect(await disagreeing()).toBe(0);
  });

  it("are rebuilt when a re-import replaces a row, and go with a deleted study", async () => {
    await importTable(
      TABLE.replace('"4, 1, 2 × 10^6/kg"', "3 × 10^6/kg").replace("7 × 10^7 cells", "1.4 × 10^8 cells"),
    );
    const after = await lists();
    expect(after["[L]"]).toEqual([1, [3e6], []]);
    expect(after["[T]"]).toEqual([1, [], [1.4e8]]);
    await db().study.deleteMany({ where: { reference: "[U]", source: { name: SOURCE } } });
    expect(await disagreeing()).toBe(0);
    await importTable(TABLE); // back to the table the filter tests below read
    expect((await lists())["[L]"]).toEqual([3, [1e6, 2e6, 4e6], []]);
    expect((await lists())["[T]"]).toEqual([1, [], [7e7]]);
    expect(await disagreeing()).toBe(0);
  });
});

describe("the dose-range filter on the lists selects what the arms say", () => {
  it.each([
    // A range that holds a dose exactly at one end, or both.
    ["doseMin=1e6&doseMax=1e6", ["[L]", "[T]"]],
    ["doseMin=4e6&doseMax=4e6", ["[L]"]],
    ["doseMin=1e6&doseMax=5e6", ["[L]", "[T]"]],
    // [S] has arms at 0.5 and 6 × 10⁶, none in between.
    ["doseMin=6e5&doseMax=5.9e6", ["[L]", "[T]"]],
    ["doseMin=5e5&doseMax=5e5", ["[S]"]],
    ["doseMin=6e6&doseMax=6e6", ["[S]"]],
    ["doseMin=4.1e6&doseMax=5.9e6", []],
    // Open at one end.
    ["doseMin=4e6", ["[L]", "[S]"]],
    ["doseMin=6.1e6", []],
    ["doseMax=5e5", ["[S]"]],
    ["doseMax=4.9e5", []],
    // Estimated doses: through the reference weight, or left out.
    ["doseMin=1e6&doseMax=1e6&estimated=exclude", ["[L]"]],
    ["doseMin=2e6&doseMax=2e6&weight=35", ["[L]", "[T]"]],
    ["doseMin=2e6&doseMax=2e6&weight=35&estimated=exclude", ["[L]"]],
    ["doseMax=1.5e6&estimated=exclude", ["[L]", "[S]"]],
  ])("%s", async (q, refs) => {
    expect(await selected(q)).toEqual([...refs].sort());
  });
});
