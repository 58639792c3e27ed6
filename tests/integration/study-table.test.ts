// The studies table's rows against real PostgreSQL: each study with its products, arms and
// co-administered cells in their order, its registry id, consensus tags in the team's order, and
// the count of open threads (not replies, not resolved ones); under blind tagging a reviewer sees
// the tags of the studies they tagged only. Expected values are read by hand from the seed table
// (../shared/seed/msc-autoimmune-trials-table1.txt, lines 13-15 for [46] and line 32 for [100]).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../lib/domain/filter/filter";
import { createAnnotation, listAnnotations, setAnnotationStatus } from "../../lib/server/annotations";
import { setBlindTagging, teamSettings, updateCategory } from "../../lib/server/categories";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { outcomeNames, saveOutcomeData } from "../../lib/server/outcome-data";
import { studyDetail, studyTable } from "../../lib/server/studies";
import { editStudy } from "../../lib/server/study-edits";
import { OutcomeDataSchema } from "../../lib/validation/outcome-data";
import { saveAssessment, setConsensus } from "../../lib/server/tags";
import { importSeed } from "../../prisma/seed";
import { makeUser, studyEditForm } from "../support/factories";

const PAGE = { sort: "table" as const, direction: "asc" as const, page: 1, pageSize: 100 };
const suffix = Date.now().toString(36);
let admin: SessionUser;
let reviewer: SessionUser;
let other: SessionUser;
let categories: { id: string; name: string }[];
let blindBefore: boolean;

async function rowOf(user: SessionUser, disease: string, reference: string) {
  const page = await studyTable(user, parseFilter({ disease }).filter, PAGE);
  const row = page.rows.find((r) => r.reference === reference);
  if (!row) throw new Error(`no row ${reference}`);
  return row;
}

beforeAll(async () => {
  if ((await db().study.count()) === 0) await importSeed(db());
  blindBefore = (await teamSettings()).blindTagging;
  [admin, reviewer, other] = await Promise.all([
    makeUser(db(), "admin"),
    makeUser(db(), "reviewer"),
    makeUser(db(), "reviewer"),
  ]);
  // Created in one order, placed in the other: the row lists them by the team's order.
  categories = [];
  for (const [name, position] of [
    [`Table second ${suffix}`, 951],
    [`Table first ${suffix}`, 950],
  ] as const)
    categories.push(
      await db().outcomeCategory.create({
        data: { name, colour: "#009E73", position },
        select: { id: true, name: true },
      }),
    );
});

afterAll(async () => {
  // Other test files share the database: the team setting goes back to what it was.
  await setBlindTagging(admin, { blindTagging: blindBefore });
  await db().outcomeCategory.deleteMany({ where: { id: { in: categories.map((c) => c.id) } } });
  await db().outcomeData.deleteMany({ where: { outcome: { endsWith: suffix } } });
  await db().annotation.deleteMany({ where: { authorId: { in: [reviewer.id, other.id] } } });
  await db().tagAssessment.deleteMany({ where: { reviewerId: { in: [reviewer.id, other.id] } } });
  await db().$disconnect();
});

describe("a row of the studies table", () => {
  it("holds the study's products, arms in order, registry id and open threads", async () => {
    const before = await rowOf(admin, "RA", "[46]");
    expect(before).toMatchObject({
      diseaseCode: "RA",
      routeText: "I.V",
      enrollment: 46,
      registryId: "NCT01663116",
      products: [{ rawText: "Allogeneic AD-MSC", tissue: "AD", donor: "allogeneic" }],
      coAdministered: [],
    });
    expect(before.arms.map((a) => [a.doseText, a.n, a.basis, a.doseMid])).toEqual([
      ["1 × 106/kg", 20, "per_kg", 1e6],
      ["2 × 106/kg", 20, "per_kg", 2e6],
      ["4 × 106/kg", 6, "per_kg", 4e6],
    ]);
    const opened = before.openAnnotations;
    const a = await createAnnotation(reviewer, {
      studyId: before.id,
      parentId: null,
      field: null,
      body: "one",
    });
    const b = await createAnnotation(reviewer, {
      studyId: before.id,
      parentId: null,
      field: null,
      body: "two",
    });
    await createAnnotation(other, { studyId: before.id, parentId: a.id, field: null, body: "a reply" });
    await setAnnotationStatus(reviewer, { id: b.id, version: 1, status: "resolved" });
    expect((await rowOf(admin, "RA", "[46]")).openAnnotations).toBe(opened + 1);
  });

  it("names the cells given with the MSC", async () => {
    const row = await rowOf(admin, "T1DM", "[100]");
    expect(row.coAdministered).toEqual([{ name: "BM-HSC" }]);
    expect(row.registryId).toBeNull();
    expect(row.arms.map((a) => a.doseText)).toEqual(["2.7 × 104/kg"]);
  });

  it("lists consensus tags in the team's order; blind, only to those who tagged the study", async () => {
    const { id } = await rowOf(admin, "RA", "[46]");
    await setConsensus(admin, { studyId: id, categoryIds: categories.map((c) => c.id), automatic: false });
    const names = (await rowOf(admin, "RA", "[46]")).categories.map((c) => c.name);
    expect(names.filter((n) => n.endsWith(suffix))).toEqual([
      `Table first ${suffix}`,
      `Table second ${suffix}`,
    ]);
    await setBlindTagging(admin, { blindTagging: true });
    expect((await rowOf(reviewer, "RA", "[46]")).categories).toEqual([]);
    await saveAssessment(reviewer, { studyId: id, version: 0, categoryIds: [categories[0]!.id] });
    const seen = (await rowOf(reviewer, "RA", "[46]")).categories;
    expect(seen.filter((c) => c.name.endsWith(suffix))).toEqual([
      { name: `Table first ${suffix}`, colour: "#009E73" },
      { name: `Table second ${suffix}`, colour: "#009E73" },
    ]);
  });

  it("shows a category's new name and colour at once (the rows are cached by the data version)", async () => {
    const { id } = await rowOf(admin, "RA", "[46]");
    await setBlindTagging(admin, { blindTagging: false });
    await setConsensus(admin, { studyId: id, categoryIds: [categories[1]!.id], automatic: false });
    expect((await rowOf(admin, "RA", "[46]")).categories).toContainEqual({
      name: `Table first ${suffix}`,
      colour: "#009E73",
    });
    await updateCategory(admin, {
      id: categories[1]!.id,
      name: `Table renamed ${suffix}`,
      colour: "#CC79A7",
      description: "",
      position: 950,
      version: 1,
    });
    const after = (await rowOf(admin, "RA", "[46]")).categories.filter((c) => c.name.endsWith(suffix));
    expect(after).toEqual([{ name: `Table renamed ${suffix}`, colour: "#CC79A7" }]);
  });
});

// The study page's reads are cached by the data version too: what changes shows at once.
describe("a study page's data", () => {
  it("shows a correction, its editor's current name, and a new outcome at once", async () => {
    const { id } = await rowOf(admin, "RA", "[46]");
    const before = await studyDetail(admin, id);
    expect(before?.enrollment).toBe(46);
    await editStudy(reviewer, await studyEditForm(db(), id, { enrollment: "47" }));
    const after = await studyDetail(admin, id);
    expect(after).toMatchObject({ enrollment: 47, editedBy: reviewer.name });
    const note = await createAnnotation(reviewer, {
      studyId: id,
      parentId: null,
      field: null,
      body: "cached?",
    });
    expect((await listAnnotations(admin, id)).find((t) => t.id === note.id)?.author).toBe(reviewer.name);
    await db().user.update({ where: { id: reviewer.id }, data: { name: `Renamed ${suffix}` } });
    expect((await studyDetail(admin, id))?.editedBy).toBe(`Renamed ${suffix}`);
    expect((await listAnnotations(admin, id)).find((t) => t.id === note.id)?.author).toBe(
      `Renamed ${suffix}`,
    );
    await editStudy(reviewer, await studyEditForm(db(), id, { enrollment: "46" }));

    const outcome = `Cached outcome ${suffix}`;
    expect((await outcomeNames(admin)).some((o) => o.outcome === outcome)).toBe(false);
    await saveOutcomeData(
      reviewer,
      OutcomeDataSchema.parse({ studyId: id, outcome, design: "single_arm", xi: "4", ni: "10" }),
    );
    expect(await outcomeNames(admin)).toContainEqual({ outcome, studies: 1 });
  });
});
