// The dose lists PostgreSQL keeps on each study from its arms (migration 20261129210000_study_doses),
// and the dose-range filter that reads them: checked against the arms themselves, at the edges of
// a range, through imports, corrections and deletions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../lib/domain/filter/filter";
import { readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { db } from "../../lib/server/platform/db";
import { doseLists, importEvidence } from "../../lib/server/sql/import-evidence";
import { queryDashboard } from "../../lib/server/sql/dashboard";
import { basisCountsSql, cellsPerKgSql, cohortSql, cohortWhere } from "../../lib/server/sql/filter-sql";
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
  const { filter } = parseFilter(new URLSearchParams(q));
  const viaPrisma = await db().study.findMany({
    where: { AND: [cohortWhere(filter), { source: { name: SOURCE } }] },
    select: { reference: true },
  });
  const viaSql = await db().$queryRaw<{ reference: string }[]>`
    SELECT s.reference FROM studies s JOIN evidence_sources e ON e.id = s.source_id
     WHERE e.name = ${SOURCE} AND ${cohortSql(filter)}`;
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

  it("are what the importer writes with each new study, so the triggers find nothing to correct", async () => {
    const studies = await db().study.findMany({
      select: {
        armCount: true,
        dosesPerKg: true,
        dosesTotal: true,
        arms: { select: { basis: true, doseMid: true } },
      },
    });
    expect(studies.length).toBeGreaterThan(57);
    for (const s of studies)
      expect(doseLists(s.arms.map((a) => ({ basis: a.basis, dose_mid: a.doseMid })))).toEqual({
        arm_count: s.armCount,
        doses_per_kg: s.dosesPerKg,
        doses_total: s.dosesTotal,
      });
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

  it("follow an arm moved to another study, and an emptied arms table", async () => {
    const [ladder, total] = await Promise.all(
      ["[L]", "[T]"].map((reference) =>
        db().study.findFirstOrThrow({
          where: { reference, source: { name: SOURCE } },
          include: { arms: { orderBy: { position: "asc" } } },
        }),
      ),
    );
    // Its 5 × 10⁵ arm moves from [L] to [T]: both studies change.
    await db().doseArm.update({
      where: { id: ladder!.arms[0]!.id },
      data: { studyId: total!.id, position: 9 },
    });
    expect((await lists())["[L]"]).toEqual([2, [1e6, 2e6], []]);
    expect((await lists())["[T]"]).toEqual([1, [5e5], []]);
    expect(await disagreeing()).toBe(0);
    // TRUNCATE fires no row triggers; the lists are emptied all the same (then rolled back). The
    // co-administered products reference the arms, so they go with them.
    const rollback = new Error("rollback");
    await expect(
      db().$transaction(async (tx) => {
        await tx.$executeRaw`TRUNCATE dose_arms CASCADE`;
        const [row] = await tx.$queryRaw<{ n: number }[]>`
          SELECT COUNT(*)::int AS n FROM studies
           WHERE arm_count <> 0 OR cardinality(doses_per_kg) > 0 OR cardinality(doses_total) > 0`;
        expect(row!.n).toBe(0);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await lists())["[L]"]).toEqual([2, [1e6, 2e6], []]);
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

describe("the dashboard's dose summary of a filtered selection, read from the lists", () => {
  it.each([
    "disease=SLE",
    "registered=no",
    "doseMin=1e6&doseMax=5e6",
    "doseMin=1e6&estimated=exclude",
    "route=I.V&weight=50",
    "disease=RA&disease=MS&estimated=exclude&weight=90",
  ])("%s: equals the summary computed from the arms themselves", async (q) => {
    const { filter } = parseFilter(new URLSearchParams(q));
    const [expected] = await db().$queryRaw<
      {
        all: number;
        arms: number;
        estimated: number;
        notConvertible: number;
        excludedEstimated: number;
        q: number[] | null;
        min: number | null;
        max: number | null;
      }[]
    >`
      SELECT COUNT(*)::int AS all,
             COUNT(*) FILTER (WHERE ckg IS NOT NULL AND counted)::int AS arms,
             COUNT(*) FILTER (WHERE ckg IS NOT NULL AND counted AND basis = 'total')::int AS estimated,
             COUNT(*) FILTER (WHERE ckg IS NULL)::int AS "notConvertible",
             COUNT(*) FILTER (WHERE ckg IS NOT NULL AND NOT counted)::int AS "excludedEstimated",
             percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY ckg) FILTER (WHERE ckg IS NOT NULL AND counted) AS q,
             MIN(ckg) FILTER (WHERE counted) AS min, MAX(ckg) FILTER (WHERE counted) AS max
        FROM (SELECT a.basis, ${basisCountsSql(filter)} AS counted, ${cellsPerKgSql(filter)} AS ckg
                FROM dose_arms a
               WHERE a.study_id IN (SELECT s.id FROM studies s WHERE ${cohortSql(filter)})) x`;
    const got = await queryDashboard(db(), filter);
    expect(expected!.arms).toBeGreaterThan(0);
    expect(got.arms).toBe(expected!.all);
    expect(got.dose).toMatchObject({
      arms: expected!.arms,
      estimated: expected!.estimated,
      notConvertible: expected!.notConvertible,
      excludedEstimated: expected!.excludedEstimated,
    });
    const close = (a: number | null, b: number | null | undefined) =>
      a === null || b == null ? expect(a).toBe(b ?? null) : expect(a).toBeCloseTo(b, 6);
    close(got.dose.q1, expected!.q?.[0]);
    close(got.dose.median, expected!.q?.[1]);
    close(got.dose.q3, expected!.q?.[2]);
    close(got.dose.min, expected!.min);
    close(got.dose.max, expected!.max);
  });
});
