// The dashboard's numbers on the seed table against counts worked out by hand from the table,
// and the Prisma `where` against the SQL predicate on many filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../lib/domain/filter/filter";
import { queryDashboard } from "../../lib/server/sql/dashboard";
import { db } from "../../lib/server/platform/db";
import { exportRows } from "../../lib/server/exports";
import { studyTable } from "../../lib/server/studies";
import { cohortSql, cohortWhere } from "../../lib/server/sql/filter-sql";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";
import type { SessionUser } from "../../lib/server/platform/session-user";

const f = (q: string) => parseFilter(new URLSearchParams(q));
const stats = (q: string) => {
  const { filter } = f(q);
  return queryDashboard(db(), filter);
};
let viewer: SessionUser;

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  viewer = await makeUser(db(), "viewer");
});
afterAll(() => db().$disconnect());

describe("dashboard numbers on the seed table", () => {
  it("whole table: 57 studies, 26 trials, 1,584 patients, 70 MSC dose arms", async () => {
    expect(await stats("")).toMatchObject({ studies: 57, registeredTrials: 26, patients: 1584, arms: 70 });
  });

  it("studies and deduplicated patients per disease", async () => {
    const s = await stats("");
    expect(Object.fromEntries(s.byDisease.map((b) => [b.key, [b.studies, b.patients]]))).toEqual({
      MS: [14, 226], // 10+10+15+48+19+20+20 (7 trials) + 10+10+25+23+16 (unregistered)
      RA: [11, 438], // 13+30+46+172+9 + 63+105
      SLE: [11, 443], // 178 (NCT00698191, six studies) + 79 + 18 + 81+87
      IBD: [11, 265], // 107+24+12+10+16+41+15 + 5+5+30
      T1DM: [9, 188], // 42+13+20 + 53+10+10+11+29
      SS: [1, 24],
    });
  });

  it("SLE only: 11 studies but 3 registered trials and 443 patients", async () => {
    expect(await stats("disease=SLE")).toMatchObject({
      studies: 11,
      registeredTrials: 3,
      patients: 443,
      arms: 11,
    });
  });

  it("SLE by cell source: a trial reported with different sources counts once in each", async () => {
    // NCT00698191's six publications: BM (58, 15, 4), UC (178, 16) and BM + UC (35).
    const sle = await stats("disease=SLE");
    const bySource = (s: typeof sle) =>
      Object.fromEntries(s.byTissue.map((b) => [b.key, [b.studies, b.patients]]));
    expect(bySource(sle)).toEqual({
      UC: [8, 443], // 178 (NCT00698191) + 79 (NCT01741857) + 18 + 81 + 87 (unregistered)
      BM: [6, 226], // 58 (NCT00698191: 58, 15, 4, 35) + 81 + 87
    });
    expect(sle.byDonor).toEqual([{ key: "not_stated", studies: 11, patients: 443 }]);
    expect(sle.byRoute).toEqual([{ key: "I.V", studies: 11, patients: 443 }]);

    const bm = await stats("disease=SLE&source=BM");
    expect(bm).toMatchObject({ studies: 6, registeredTrials: 1, patients: 226 });
    expect(bySource(bm)).toEqual({ BM: [6, 226], UC: [3, 203] }); // UC: 35 + 81 + 87
  });

  it("the facet key splits back into its values, even if a value holds a separator", async () => {
    const [row] = await db().$queryRaw<{ key: string }[]>`
      SELECT study_facet_key('SLE', ARRAY['I.V', 'I' || chr(30) || 'T'], ARRAY[]::text[], NULL) AS key`;
    expect(row!.key.split("\u001f")).toEqual(["SLE", "I.V\u001eI T", "", ""]);
  });

  it("unregistered studies: 17 and 573 patients", async () => {
    expect(await stats("registered=no")).toMatchObject({ studies: 17, registeredTrials: 0, patients: 573 });
  });

  it("intrathecal route: 8 studies (two also intravenous)", async () => {
    const s = await stats("route=I.T");
    expect(s.studies).toBe(8);
    expect(s.byRoute.find((r) => r.key === "I.V")?.studies).toBe(2);
  });

  it("dose summary: per-kg and estimated arms, and what cannot be converted", async () => {
    const s = await stats("");
    // Of 70 MSC arms: per joint 1 ([98]), per ml 2 ([60]), unknown 3 ([101], [80], [113]); total cells
    // 28 ([49] [51] [99], 3 of [52], [57] [61] [72] [102] [103] [104] [70] [65], 2 of [73], [66] [67]
    // [76] [112] [86] [114], 3 of [89], 3 of [90]); per kg the other 36. The BM-MNC dose of [58] and
    // the HSC dose of [100] are co-administered cells, not MSC doses.
    expect(s.dose.notConvertible).toBe(6);
    expect(s.dose.arms).toBe(64);
    expect(s.dose.estimated).toBe(28);
    expect(s.dose.median).toBeCloseTo(1e6);
    expect(s.dose.min).toBeCloseTo(2.7e4);
    // [115]'s 10 × 10⁶/kg; the largest total, [73]'s 6 × 10⁸ cells, is 8.6 × 10⁶/kg at 70 kg.
    expect(s.dose.max).toBeCloseTo(1e7);
    const perKgOnly = await stats("estimated=exclude");
    expect([perKgOnly.dose.arms, perKgOnly.dose.estimated, perKgOnly.dose.excludedEstimated]).toEqual([
      36, 0, 28,
    ]);
  });

  it("a dose range keeps studies with an arm in it, estimated doses through the reference weight", async () => {
    // Per kg from 3 to 5 × 10⁶: [46] 4, [71] 4, [105] 4, [115] 5, [117] 3.
    expect((await stats("doseMin=3e6&doseMax=5e6&estimated=exclude")).studies).toBe(5);
    // Totals at 70 kg between 2.1 and 3.5 × 10⁸ cells: [76] 2.8 × 10⁸ only.
    expect((await stats("doseMin=3e6&doseMax=5e6")).studies).toBe(6);
    // At 50 kg, 1.5 to 2.5 × 10⁸ cells: [73] 1.5 × 10⁸ comes in, [76] 2.8 × 10⁸ drops out.
    expect((await stats("doseMin=3e6&doseMax=5e6&weight=50")).studies).toBe(6);
  });
});

describe("the Prisma where and the SQL predicate select the same studies", () => {
  const filters = [
    "",
    "disease=SLE",
    "disease=RA&disease=MS",
    "route=I.T",
    "source=UC",
    "donor=autologous",
    "co=vitamin D",
    "basis=per_ml",
    "doseMin=1e6&doseMax=2e6",
    "doseMin=1e6&doseMax=2e6&estimated=exclude",
    "doseMin=3e6&weight=40",
    "doseMin=1e6&doseMax=2e6&scale=cumulative",
    "coadmin=BM-MNC",
    "rob=high",
    "rob=none",
    "rob=low,none&disease=RA",
    "coadmin=BM-MNC,BM-HSC&disease=T1DM",
    "nMin=20&nMax=60",
    "registered=yes",
    "registered=no&source=BM",
    "annotated=none",
    "q=relapse",
    "q=RELAPSE",
    "q=WJ",
    "q=50%",
  ];
  it.each(filters)("%j", async (q) => {
    const { filter } = f(q);
    const viaPrisma = (await db().study.findMany({ where: cohortWhere(filter), select: { id: true } }))
      .map((s) => s.id)
      .sort();
    const viaSql = (
      await db().$queryRaw<{ id: string }[]>`SELECT s.id FROM studies s WHERE ${cohortSql(filter)}`
    )
      .map((r) => r.id)
      .sort();
    expect(viaPrisma).toEqual(viaSql);
    expect((await stats(q)).studies).toBe(viaSql.length);
  });

  it.each(["%", "_", "\\", "5%", "a_b"])(
    "a search for %j matches it literally, not as a wildcard",
    async (q) => {
      const all = await db().study.findMany({
        select: { id: true, outcome: true, products: { select: { rawText: true } } },
      });
      const expected = all
        .filter((s) =>
          [s.outcome, ...s.products.map((p) => p.rawText)].some((t) => t.toLowerCase().includes(q)),
        )
        .map((s) => s.id)
        .sort();
      const { filter } = f(`q=${encodeURIComponent(q)}`);

      const viaPrisma = (await db().study.findMany({ where: cohortWhere(filter), select: { id: true } }))
        .map((s) => s.id)
        .sort();
      const viaSql = (
        await db().$queryRaw<{ id: string }[]>`SELECT s.id FROM studies s WHERE ${cohortSql(filter)}`
      )
        .map((r) => r.id)
        .sort();
      expect(viaSql).toEqual(expected);
      expect(viaPrisma).toEqual(expected);
      expect(expected.length).toBeLessThan(all.length);
    },
  );

  it("free text ignores case beyond ASCII, as ILIKE does, in both", async () => {
    const study = await db().study.findFirstOrThrow({
      orderBy: { sourceLine: "asc" },
      select: { id: true, outcome: true },
    });
    await db().study.update({
      where: { id: study.id },
      data: { outcome: "Rémission in Sjögren-like ÉTATS" },
    });
    try {
      for (const q of ["q=SJÖGREN", "q=rÉmission", "q=états", "q=Sjogren"]) {
        const { filter } = f(q);
        const viaPrisma = await db().study.findMany({
          where: cohortWhere(filter),
          select: { id: true },
        });
        const viaSql = await db().$queryRaw<
          { id: string }[]
        >`SELECT s.id FROM studies s WHERE ${cohortSql(filter)}`;
        expect(viaSql.map((r) => r.id)).toEqual(viaPrisma.map((r) => r.id));
        expect(viaSql.map((r) => r.id)).toEqual(q === "q=Sjogren" ? [] : [study.id]);
      }
    } finally {
      await db().study.update({ where: { id: study.id }, data: { outcome: study.outcome } });
    }
  });
});

describe("studies table and export", () => {
  it("sorts by normalised dose and pages", async () => {
    const { filter } = f("estimated=exclude&disease=IBD");
    const page = await studyTable(viewer, filter, {
      sort: "enrollment",
      direction: "desc",
      page: 1,
      pageSize: 5,
    });
    expect(page.total).toBe(11);
    expect(page.rows.map((r) => r.enrollment)).toEqual([107, 41, 30, 24, 16]);
    const page3 = await studyTable(viewer, filter, {
      sort: "enrollment",
      direction: "desc",
      page: 3,
      pageSize: 5,
    });
    expect(page3.rows).toHaveLength(1);
    const byDose = await studyTable(viewer, f("disease=IBD").filter, {
      sort: "dose",
      direction: "asc",
      page: 1,
      pageSize: 3,
    });
    // Lowest arm per study: [89] and [90] 1 × 10⁷ cells / 70 kg; [112] 3–30 × 10⁶ cells, midpoint 1.65 × 10⁷ / 70.
    expect(byDose.rows.map((r) => r.reference)).toEqual(["[89]", "[90]", "[112]"]);
  });

  it("exports the filtered studies, refusing anonymous callers", async () => {
    const { filter } = f("disease=SLE");
    const rows = [];
    for await (const row of exportRows(viewer, filter)) rows.push(row);
    expect(rows).toHaveLength(11);
    expect(rows.filter((r) => r.registry_id === "NCT00698191")).toHaveLength(6);
    await expect(exportRows(null, filter).next()).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});

describe("the dashboard cache", () => {
  it("serves cached numbers until the evidence changes, then recomputes", async () => {
    const { dataVersion } = await import("../../lib/server/sql/data-version");
    const { cachedDashboard } = await import("../../lib/server/sql/dashboard");
    const { filter } = f("disease=SS");
    const before = await cachedDashboard(db(), filter);
    expect(before.studies).toBe(1);
    const version = await dataVersion(db());
    expect(await cachedDashboard(db(), filter)).toBe(before); // the same object: a cache hit
    const ss = await db().study.findFirstOrThrow({ where: { diseaseCode: "SS" } });
    await db().study.update({ where: { id: ss.id }, data: { enrollment: 25 } });
    expect(await dataVersion(db())).not.toBe(version);
    const after = await cachedDashboard(db(), filter);
    expect(after.patients).toBe(25);
    await db().study.update({ where: { id: ss.id }, data: { enrollment: 24 } });
  });
});
