// While the team tags blind, a reviewer who has not tagged a study learns neither the others'
// tags nor its consensus, through any way in: the outcome-category filter of the dashboard, the
// studies table, the charts, the exports and the analysis, the categories shown with results,
// saved and frozen cohorts, share links and the agreement page. Admins and viewers (who do not
// tag), the reviewers who tagged the study, and everyone once blind tagging is off see it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAnalysisOptions } from "../../lib/domain/analysis";
import { parseFilter } from "../../lib/domain/filter/filter";
import { analyse } from "../../lib/server/analysis";
import { listCategories, setBlindTagging } from "../../lib/server/categories";
import { doseChart } from "../../lib/server/charts";
import { cohortView, createCohort, findCohort, freezeCohort } from "../../lib/server/cohorts";
import { exportRows, type ExportRow } from "../../lib/server/exports";
import { saveOutcomeData } from "../../lib/server/outcome-data";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { createShareLink, sharedCohort } from "../../lib/server/shares";
import { dashboard, studyTable } from "../../lib/server/studies";
import { agreement, saveAssessment, setConsensus } from "../../lib/server/tags";
import { scoped } from "../../lib/server/visibility";
import { OutcomeDataSchema } from "../../lib/validation/outcome-data";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

let ann: SessionUser; // tagged the study
let ben: SessionUser; // has not
let admin: SessionUser;
let viewer: SessionUser;
let study: string;
let other: string;
let category: string;
let query: string;

const filter = () => parseFilter(new URLSearchParams(query)).filter;
const PAGE = { sort: "table" as const, direction: "asc" as const, page: 1, pageSize: 100 };

async function sees(user: SessionUser) {
  const table = await studyTable(user, filter(), PAGE);
  const all = await studyTable(user, parseFilter({}).filter, { ...PAGE, pageSize: 200 });
  const chart = await doseChart(user, parseFilter({}).filter, { groupBy: "disease" });
  const exported: ExportRow[] = [];
  for await (const row of exportRows(user, filter())) exported.push(row);
  const analysis = await analyse(user, filter(), parseAnalysisOptions({ outcome: "Remission" }).options);
  return {
    table: table.rows.map((r) => r.id),
    count: (await dashboard(user, filter())).studies,
    categoriesShown: all.rows.find((r) => r.id === study)!.categories.map((c) => c.name),
    chartCategory: chart.points.filter((p) => p.studyId === study).map((p) => p.category),
    exported: exported.map((r) => r.id),
    analysed: analysis.rows.map((r) => r.studyId),
  };
}

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  [ann, ben, admin, viewer] = await Promise.all([
    makeUser(db(), "reviewer"),
    makeUser(db(), "reviewer"),
    makeUser(db(), "admin"),
    makeUser(db(), "viewer"),
  ]);
  await setBlindTagging(admin, { blindTagging: true });
  const [s, o] = await db().study.findMany({
    where: { diseaseCode: "SLE", arms: { some: { basis: "per_kg" } } },
    orderBy: { sourceLine: "asc" },
    take: 2,
  });
  study = s!.id;
  other = o!.id;
  category = (await listCategories(viewer)).find((c) => c.name === "Relapse")!.id;
  query = `category=${category}`;
  // Only these two studies are "Relapse": Ann tagged the first, an admin set both.
  await db().consensusTag.deleteMany({ where: { categoryId: category } });
  await saveAssessment(ann, { studyId: study, version: 0, categoryIds: [category] });
  await saveAssessment(admin, { studyId: other, version: 0, categoryIds: [category] }).catch(() => {});
  await setConsensus(admin, { studyId: study, categoryIds: [category], automatic: false });
  await setConsensus(admin, { studyId: other, categoryIds: [category], automatic: false });
  for (const id of [study, other])
    await saveOutcomeData(
      ann,
      OutcomeDataSchema.parse({ studyId: id, outcome: "Remission", design: "single_arm", xi: "4", ni: "10" }),
    );
});
afterAll(() => db().$disconnect());

describe("while the team tags blind", () => {
  it("a reviewer who has not tagged a study cannot find it by its consensus, nor see it", async () => {
    const b = await sees(ben);
    expect(b.table).toEqual([]);
    expect(b.count).toBe(0);
    expect(b.exported).toEqual([]);
    expect(b.analysed).toEqual([]);
    expect(b.categoriesShown).toEqual([]);
    expect(b.chartCategory.every((c) => c === null)).toBe(true);
    expect(b.chartCategory.length).toBeGreaterThan(0);
  });

  it("the reviewer who tagged it sees its consensus; the study they did not tag stays hidden", async () => {
    const a = await sees(ann);
    expect(a.table).toEqual([study]);
    expect(a.count).toBe(1);
    expect(a.exported).toEqual([study]);
    expect(a.analysed).toEqual([study]);
    expect(a.categoriesShown).toEqual(["Relapse"]);
    expect(a.chartCategory.every((c) => c === "Relapse")).toBe(true);
  });

  it("admins and viewers, who do not tag, see every consensus", async () => {
    for (const user of [admin, viewer]) {
      const s = await sees(user);
      expect(s.table.sort()).toEqual([study, other].sort());
      expect(s.count).toBe(2);
      expect(s.exported.sort()).toEqual([study, other].sort());
    }
  });

  it("a cohort frozen by the consensus, and its share link, tell the blind reviewer nothing", async () => {
    const { slug } = await createCohort(admin, {
      name: "Relapse cohort",
      description: "",
      filterQuery: query,
    });
    const live = (await findCohort(ben, slug))!;
    expect((await cohortView(ben, live)).table.total).toBe(0);
    await freezeCohort(admin, { id: live.id, version: live.version });
    const frozen = (await findCohort(ben, slug))!;
    const seenByBen = await cohortView(ben, frozen);
    expect(seenByBen.blindNotice).toBe(true);
    expect(seenByBen.table.total).toBe(0);
    expect(seenByBen.stats.studies).toBe(0);
    const seenByAdmin = await cohortView(admin, frozen);
    expect(seenByAdmin.blindNotice).toBeUndefined();
    expect(seenByAdmin.table.total).toBe(2);

    const { path } = await createShareLink(admin, {
      cohortId: live.id,
      expiresInDays: null,
      showAnnotations: false,
    });
    const shared = (await sharedCohort(path.split("/").pop()!))!;
    expect(shared.table.total).toBe(0);
    expect(shared.blindNotice).toBe(true);
  });

  it("the agreement page lists disagreements only on studies the reviewer tagged", async () => {
    // Ann and the admin disagree on a study Ben never tagged.
    const third = (
      await db().study.findFirstOrThrow({ where: { diseaseCode: "MS" }, orderBy: { sourceLine: "asc" } })
    ).id;
    await saveAssessment(ann, { studyId: third, version: 0, categoryIds: [category] });
    await saveAssessment(admin, { studyId: third, version: 0, categoryIds: [] }).catch(() => {});
    const forBen = await agreement(ben);
    expect(forBen.disagreements.map((d) => d.studyId)).not.toContain(third);
    expect((await agreement(ann)).disagreements.map((d) => d.studyId)).toContain(third);
  });
});

describe("once blind tagging is off", () => {
  it("every reviewer sees every consensus", async () => {
    await setBlindTagging(admin, { blindTagging: false });
    try {
      const b = await sees(ben);
      expect(b.table.sort()).toEqual([study, other].sort());
      expect(b.categoriesShown).toEqual(["Relapse"]);
      // Then two reviewers' views of a filter that selects by nothing private are the same view,
      // so the numbers cached for one serve the other.
      const plain = parseFilter(new URLSearchParams("disease=RA")).filter;
      expect(await scoped(ben, plain)).toEqual(await scoped(ann, plain));
      const byRob = parseFilter(new URLSearchParams("rob=high")).filter;
      expect(await scoped(ben, byRob)).not.toEqual(await scoped(ann, byRob));
    } finally {
      await setBlindTagging(admin, { blindTagging: true });
    }
  });
});

describe("cached numbers", () => {
  it("a blind reviewer's counts by category follow their own tagging at once", async () => {
    const before = await dashboard(ben, filter());
    const page = await studyTable(ben, filter(), PAGE);
    expect(page.rows.map((r) => r.id)).not.toContain(study);
    await saveAssessment(ben, { studyId: study, version: 0, categoryIds: [category] });
    const after = await dashboard(ben, filter());
    expect(after.studies).toBe(before.studies + 1);
    expect((await studyTable(ben, filter(), PAGE)).rows.map((r) => r.id)).toContain(study);
  });
});
