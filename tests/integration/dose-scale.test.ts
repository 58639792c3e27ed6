// Per administration or cumulative doses, and co-administered (non-MSC) cells, against real
// PostgreSQL: the dashboard's dose summary, the dose filter, the dose charts, the studies table,
// the exports and the meta-regression's doses. Expected values are worked out by hand from
// Table 2 of PMC8375136 (tests/fixtures/pmc8375136-table2-ibd.csv) and from the seed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../lib/domain/filter/filter";
import { readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { exportRows, type ExportRow } from "../../lib/server/exports";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { studyTable } from "../../lib/server/studies";
import { queryAnalysisRows } from "../../lib/server/sql/analysis-rows";
import { queryDashboard } from "../../lib/server/sql/dashboard";
import { queryDoseChart } from "../../lib/server/sql/dose-chart";
import { cohortSql, cohortWhere } from "../../lib/server/sql/filter-sql";
import { importEvidence } from "../../lib/server/sql/import-evidence";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

const filterOf = (q: string) => parseFilter(new URLSearchParams(q)).filter;
const dashboard = (q: string) => queryDashboard(db(), filterOf(q));
const chart = (q: string) => queryDoseChart(db(), filterOf(q), { groupBy: "disease" });
const selected = async (q: string) => {
  const filter = filterOf(q);
  const viaSql = (
    await db().$queryRaw<{ id: string }[]>`SELECT s.id FROM studies s WHERE ${cohortSql(filter)}`
  )
    .map((r) => r.id)
    .sort();
  const viaPrisma = (await db().study.findMany({ where: cohortWhere(filter), select: { id: true } }))
    .map((s) => s.id)
    .sort();
  expect(viaPrisma).toEqual(viaSql);
  const authors = await db().study.findMany({ where: { id: { in: viaSql } }, select: { firstAuthor: true } });
  return authors.map((s) => s.firstAuthor).sort();
};

let viewer: SessionUser;
afterAll(() => db().$disconnect());

describe("a table that says how often each dose was given (PMC8375136 Table 2)", () => {
  beforeAll(async () => {
    await db().evidenceSource.deleteMany();
    await db().registeredTrial.deleteMany();
    const text = readFileSync(path.join(process.cwd(), "tests/fixtures/pmc8375136-table2-ibd.csv"), "utf8");
    const table = readEvidenceTable(text, "csv", { disease: "IBD" });
    await importEvidence(db(), {
      sourceName: "PMC8375136 Table 2",
      citation: "Stem Cell Res Ther 2021;12:463",
      fileName: "pmc8375136-table2-ibd.csv",
      format: "csv",
      studies: table.studies,
      problems: table.problems,
      actorId: null,
    });
    viewer = await makeUser(db(), "viewer");
  });

  // The 10 MSC arms in cells/kg at 70 kg, per administration and times their number:
  //   Liang 1e6 ×1 · Dhere 2e6, 5e6, 1e7 ×1 · Duijvestein 1.5e6 (range 1–2e6) ×2 · Zhang 1e6 ×4 ·
  //   Melmed 1.5e8, 6e8, 1.2e9 cells /70 = 2.142857e6, 8.571429e6, 1.714286e7 ×2 · Forbes 2e6 ×4.
  it("summarises doses per administration by default", async () => {
    const { dose, arms } = await dashboard("");
    expect(arms).toBe(10);
    expect(dose).toMatchObject({ scale: "per_administration", arms: 10, estimated: 3, withoutCount: 0 });
    expect(dose.min).toBe(1e6);
    expect(dose.max).toBeCloseTo(1.2e9 / 70, 0);
    // Sorted: 1, 1, 1.5, 2, 2, 2.142857, 5, 8.571429, 10, 17.142857 (× 10⁶): median between the 5th and 6th.
    expect(dose.median).toBeCloseTo((2e6 + 1.5e8 / 70) / 2, 0);
  });

  it("summarises cumulative doses: per administration times their number", async () => {
    const { dose } = await dashboard("scale=cumulative");
    expect(dose).toMatchObject({ scale: "cumulative", arms: 10, estimated: 3, withoutCount: 0 });
    expect(dose.min).toBe(1e6);
    expect(dose.max).toBeCloseTo((2 * 1.2e9) / 70, 0);
    // Sorted: 1, 2, 3, 4, 4.285714, 5, 8, 10, 17.142857, 34.285714 (× 10⁶).
    expect(dose.median).toBeCloseTo((3e8 / 70 + 5e6) / 2, 0);
  });

  it("selects by the dose range on the chosen scale, the same through Prisma and SQL", async () => {
    expect(await selected("doseMin=5e6&doseMax=1e7")).toEqual(["Dhere", "Melmed"]);
    expect(await selected("doseMin=5e6&doseMax=1e7&scale=cumulative")).toEqual(["Dhere", "Forbes"]);
    expect(await selected("doseMin=3e6&doseMax=3e6&scale=cumulative")).toEqual(["Duijvestein"]);
    expect(await selected("doseMin=2e7&scale=cumulative&estimated=exclude")).toEqual([]);
    expect(await selected("doseMax=1e6&scale=cumulative")).toEqual(["Liang"]);
  });

  it("keeps the HSC transplant rows' doses off the MSC numbers, and selects them by their cells", async () => {
    const { studies } = await dashboard("");
    expect(studies).toBe(11);
    expect(await selected("coadmin=HSC")).toEqual([
      "Burt",
      "Hasselblatt",
      "Hawkey",
      "Jauregui-Amezaga",
      "Lopez-Garcia",
    ]);
    expect((await dashboard("coadmin=HSC")).dose.arms).toBe(0);
  });

  it("draws cumulative doses, with whiskers and ladders on the same scale", async () => {
    const perAdmin = await chart("");
    const cumulative = await chart("scale=cumulative");
    expect(cumulative).toMatchObject({ scale: "cumulative", convertible: 10, withoutCount: 0, unknown: 0 });
    const value = (d: typeof perAdmin, author: string) =>
      d.points.filter((p) => p.citation?.startsWith(author)).map((p) => p.value);
    expect(value(perAdmin, "Forbes")).toEqual([2e6]);
    expect(value(cumulative, "Forbes")).toEqual([8e6]);
    expect(value(cumulative, "Zhang")).toEqual([4e6]);
    const duijvestein = cumulative.points.find((p) => p.citation === "Duijvestein 2010 [47]")!;
    expect(duijvestein).toMatchObject({
      value: 3e6,
      administrations: 2,
      spread: { kind: "range", low: 2e6, high: 4e6 },
    });
    // Melmed's three doses, each given twice: a ladder from 4.29 to 34.3 × 10⁶ cells/kg.
    const melmed = cumulative.ladders.find((l) => l.arms.some((a) => a.citation === "Melmed 2015 [51]"))!;
    expect(melmed.arms.map((a) => a.value)).toEqual([3e8 / 70, 1.2e9 / 70, 2.4e9 / 70]);
    expect(cumulative.groups).toEqual([
      expect.objectContaining({ key: "IBD", arms: 10, median: expect.closeTo((3e8 / 70 + 5e6) / 2, 0) }),
    ]);
  });

  it("orders the studies table by the cumulative dose and exports the administrations and citations", async () => {
    const table = await studyTable(viewer, filterOf("scale=cumulative"), {
      sort: "dose",
      direction: "desc",
      page: 1,
      pageSize: 3,
    });
    // Highest lowest-cumulative-dose first: Dhere 2e6, Melmed 4.29e6, Forbes 8e6 → Forbes, Melmed, Zhang (4e6).
    expect(table.rows.map((r) => r.firstAuthor)).toEqual(["Forbes", "Melmed", "Zhang"]);
    const rows: ExportRow[] = [];
    for await (const row of exportRows(viewer, filterOf("scale=cumulative&doseMin=8e6&doseMax=8e6")))
      rows.push(row);
    expect(rows).toEqual([
      expect.objectContaining({
        first_author: "Forbes",
        publication_year: 2014,
        reference: "[53]",
        administrations: "4",
        dose_scale: "cumulative",
        dose_min_cells_per_kg: 8e6,
        dose_max_cells_per_kg: 8e6,
      }),
    ]);
    const hsc: ExportRow[] = [];
    for await (const row of exportRows(viewer, filterOf("coadmin=HSC"))) hsc.push(row);
    expect(hsc.map((r) => r.co_administered)).toEqual(Array(5).fill("Autologous HSC"));
    expect(hsc.every((r) => r.doses_as_written === "")).toBe(true);
  });

  it("gives the meta-regression each study's median cumulative dose", async () => {
    const studies = await db().study.findMany({ where: { firstAuthor: { in: ["Zhang", "Dhere"] } } });
    for (const s of studies)
      await db().outcomeData.create({
        data: { studyId: s.id, outcome: "Remission", design: "single_arm", xi: 3, ni: 10 },
      });
    const rows = await queryAnalysisRows(db(), filterOf("scale=cumulative"), "Remission", null);
    const dose = Object.fromEntries(
      await Promise.all(
        rows.map(async (r) => [
          (await db().study.findUniqueOrThrow({ where: { id: r.studyId } })).firstAuthor,
          r.dose,
        ]),
      ),
    );
    expect(dose).toEqual({ Zhang: 4e6, Dhere: 5e6 });
    const perAdmin = await queryAnalysisRows(db(), filterOf(""), "Remission", null);
    expect(perAdmin.map((r) => r.dose).sort()).toEqual([1e6, 5e6]);
  });
});

describe("a table that does not say how often (the seed)", () => {
  beforeAll(async () => {
    await db().evidenceSource.deleteMany();
    await db().registeredTrial.deleteMany();
    await importSeed(db());
  });

  it("leaves every arm off the cumulative axis and counts them, never taking one administration", async () => {
    const { dose } = await dashboard("scale=cumulative");
    // 70 MSC arms: 64 in cells/kg (none with a count), 1 per joint, 2 per ml, 3 without a dose.
    expect(dose).toMatchObject({ arms: 0, withoutCount: 64, notConvertible: 6, median: null });
    const c = await chart("scale=cumulative");
    expect(c).toMatchObject({ convertible: 0, perJoint: 0, perMl: 0, unknown: 3, withoutCount: 67 });
    expect(c.points).toEqual([]);
    expect(await selected("scale=cumulative&doseMin=1")).toEqual([]);
  });

  it("selects the studies given BM-MNC or HSC with their MSCs", async () => {
    const refs = async (q: string) =>
      (await db().study.findMany({ where: cohortWhere(filterOf(q)), select: { reference: true } }))
        .map((s) => s.reference)
        .sort();
    expect(await refs("coadmin=BM-MNC")).toEqual(["[58]"]);
    expect(await refs("coadmin=BM-HSC")).toEqual(["[100]"]);
    expect(await refs("coadmin=BM-MNC,BM-HSC")).toEqual(["[100]", "[58]"]);
    // Their MSC arms are counted; the co-administered doses are not.
    expect((await dashboard("coadmin=BM-MNC,BM-HSC")).dose.arms).toBe(2);
  });
});
