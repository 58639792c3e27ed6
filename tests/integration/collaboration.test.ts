// Collaboration against real PostgreSQL: annotations (ownership, versions, replies, status),
// 50 concurrent writers on one record, tags with blind tagging, consensus and kappa, outcome
// categories (rename, merge), study corrections, and the audit history of all of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { parseFilter } from "../../lib/domain/filter/filter";
import {
  createAnnotation,
  deleteAnnotation,
  editAnnotation,
  listAnnotations,
  setAnnotationStatus,
} from "../../lib/server/annotations";
import {
  createCategory,
  listCategories,
  mergeCategories,
  setBlindTagging,
  updateCategory,
} from "../../lib/server/categories";
import { createCohort, findCohort } from "../../lib/server/cohorts";
import { queryDashboard } from "../../lib/server/sql/dashboard";
import { db } from "../../lib/server/platform/db";
import { importEvidence } from "../../lib/server/sql/import-evidence";
import { studyHistory, teamActivity } from "../../lib/server/history";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { studyTable } from "../../lib/server/studies";
import { editStudy } from "../../lib/server/study-edits";
import { agreement, saveAssessment, setConsensus, studyTags } from "../../lib/server/tags";
import { EditStudySchema } from "../../lib/validation/study";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

let ann: SessionUser; // reviewer
let ben: SessionUser; // reviewer
let cat: SessionUser; // reviewer
let admin: SessionUser;
let viewer: SessionUser;
let studyId: string;

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  [ann, ben, cat, admin, viewer] = await Promise.all([
    makeUser(db(), "reviewer"),
    makeUser(db(), "reviewer"),
    makeUser(db(), "reviewer"),
    makeUser(db(), "admin"),
    makeUser(db(), "viewer"),
  ]);
  studyId = (
    await db().study.findFirstOrThrow({ where: { diseaseCode: "MS" }, orderBy: { sourceLine: "asc" } })
  ).id;
});
afterAll(() => db().$disconnect());

const version = async (id: string) => (await db().annotation.findUniqueOrThrow({ where: { id } })).version;

describe("annotations", () => {
  it("are written by reviewers, on a field or not, with replies one level deep, and audited", async () => {
    const { id } = await createAnnotation(ann, {
      studyId,
      parentId: null,
      field: "dose",
      body: "Is this **per kg**?",
    });
    const reply = await createAnnotation(ben, {
      studyId,
      parentId: id,
      field: null,
      body: "Yes, see Table 2.",
    });
    const nested = await createAnnotation(ann, { studyId, parentId: reply.id, field: null, body: "Thanks" });
    const threads = await listAnnotations(viewer, studyId);
    const thread = threads.find((t) => t.id === id)!;
    expect(thread.field).toBe("dose");
    expect(thread.replies.map((r) => r.id)).toEqual([reply.id, nested.id]); // a reply to a reply joins the thread
    const history = await studyHistory(viewer, studyId);
    expect(
      history
        .filter((e) => [id, reply.id, nested.id].includes(e.entityId))
        .map((e) => e.action)
        .sort(),
    ).toEqual(["annotation.create", "annotation.reply", "annotation.reply"]);
  });

  it("refuses viewers and anonymous callers, and other reviewers' edits and deletes", async () => {
    const { id } = await createAnnotation(ann, { studyId, parentId: null, field: null, body: "Mine" });
    const v = await version(id);
    await expect(
      createAnnotation(viewer, { studyId, parentId: null, field: null, body: "x" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      createAnnotation(null, { studyId, parentId: null, field: null, body: "x" }),
    ).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(editAnnotation(ben, { id, version: v, body: "Ben's now" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(deleteAnnotation(ben, { id, version: v })).rejects.toMatchObject({ code: "forbidden" });
    await expect(editAnnotation(viewer, { id, version: v, body: "x" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await db().annotation.findUniqueOrThrow({ where: { id } })).body).toBe("Mine");
    // Any reviewer may resolve a thread; an admin may delete any annotation.
    await setAnnotationStatus(ben, { id, version: v, status: "resolved" });
    expect((await db().annotation.findUniqueOrThrow({ where: { id } })).status).toBe("resolved");
    await deleteAnnotation(admin, { id, version: v + 1 });
    expect(await db().annotation.findUnique({ where: { id } })).toBeNull();
    const deleted = await db().auditEvent.findFirstOrThrow({
      where: { entityId: id, action: "annotation.delete" },
    });
    expect(deleted).toMatchObject({
      actorId: admin.id,
      studyId,
      before: expect.objectContaining({ body: "Mine" }),
    });
  });

  it("refuses a stale edit and shows the other change; nothing is overwritten", async () => {
    const { id } = await createAnnotation(ann, {
      studyId,
      parentId: null,
      field: "enrollment",
      body: "First",
    });
    const v = await version(id);
    await editAnnotation(ann, { id, version: v, body: "Second, from another window" });
    await expect(editAnnotation(ann, { id, version: v, body: "Third, stale" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("It now reads: “Second, from another window”"),
    });
    expect((await db().annotation.findUniqueOrThrow({ where: { id } })).body).toBe(
      "Second, from another window",
    );
  });

  it("are counted open in the studies table and select studies on the dashboard", async () => {
    const { filter } = parseFilter({ annotated: "open" });
    const table = await studyTable(viewer, filter, {
      sort: "table",
      direction: "asc",
      page: 1,
      pageSize: 50,
    });
    const row = table.rows.find((r) => r.id === studyId)!;
    const open = await db().annotation.count({ where: { studyId, status: "open", parentId: null } });
    expect(row.openAnnotations).toBe(open);
    // A resolved thread with replies is not open: replies do not count on their own.
    const other = (
      await db().study.findFirstOrThrow({ where: { diseaseCode: "IBD" }, orderBy: { sourceLine: "asc" } })
    ).id;
    const t = await createAnnotation(ann, { studyId: other, parentId: null, field: null, body: "Q" });
    await createAnnotation(ben, { studyId: other, parentId: t.id, field: null, body: "A" });
    await setAnnotationStatus(ann, { id: t.id, version: await version(t.id), status: "resolved" });
    const after = await studyTable(viewer, filter, {
      sort: "table",
      direction: "asc",
      page: 1,
      pageSize: 50,
    });
    expect(after.rows.map((r) => r.id)).not.toContain(other);
    expect((await queryDashboard(db(), filter)).studies).toBe(table.total);
  });

  it("keep every accepted write of 50 concurrent writers on one record, each in the audit history", async () => {
    const { id } = await createAnnotation(ann, { studyId, parentId: null, field: null, body: "start" });
    let conflicts = 0;
    // Each writer reads the version, writes, and on a refusal reads again and retries.
    const writers = Array.from({ length: 50 }, async (_, i) => {
      for (let attempt = 0; attempt < 500; attempt++) {
        const v = await version(id);
        try {
          await editAnnotation(ann, { id, version: v, body: `writer ${i}` });
          return v;
        } catch (e) {
          if ((e as { code?: string }).code !== "conflict") throw e;
          conflicts++;
        }
      }
      throw new Error(`writer ${i} never got through`);
    });
    const accepted = await Promise.all(writers);
    expect(conflicts).toBeGreaterThan(0); // they really did collide
    // Every accepted write was made against a different version: none overwrote another.
    expect(new Set(accepted).size).toBe(50);
    const final = await db().annotation.findUniqueOrThrow({ where: { id } });
    expect(final.version).toBe(51);
    const events = await db().auditEvent.findMany({
      where: { entityId: id, action: "annotation.update" },
      orderBy: { id: "asc" },
    });
    expect(events).toHaveLength(50);
    const chain = events.map((e) => [
      (e.before as { version: number }).version,
      (e.after as { version: number }).version,
    ]);
    expect(chain).toEqual(Array.from({ length: 50 }, (_, i) => [i + 1, i + 2]));
    const bodies = events.map((e) => (e.after as { body: string }).body).sort();
    expect(bodies).toEqual(Array.from({ length: 50 }, (_, i) => `writer ${i}`).sort());
    expect(final.body).toBe((events[49]!.after as { body: string }).body);
  });
});

describe("tags, consensus and agreement", () => {
  let categories: { id: string; name: string }[];
  let studies: string[];
  beforeAll(async () => {
    categories = await listCategories(viewer);
    studies = (
      await db().study.findMany({ where: { diseaseCode: "RA" }, orderBy: { sourceLine: "asc" }, take: 5 })
    ).map((s) => s.id);
  });

  it("starts from the categories read from the seed's outcomes", () => {
    expect(categories.map((c) => c.name)).toEqual([
      "Clinical efficacy",
      "Safety / feasibility",
      "Immunomodulation",
      "No added benefit",
      "Relapse",
    ]);
  });

  it("hides others' tags until a reviewer has tagged (blind), then follows agreement", async () => {
    const [efficacy, safety] = categories;
    const s = studies[0]!;
    await saveAssessment(ann, { studyId: s, version: 0, categoryIds: [efficacy!.id, safety!.id] });
    const blind = await studyTags(ben, s);
    expect(blind).toMatchObject({ blind: true, others: null, hiddenOthers: 1, mine: null });
    expect((await studyTags(ann, s)).consensus.categoryIds).toEqual([]); // one reviewer is no consensus

    await saveAssessment(ben, { studyId: s, version: 0, categoryIds: [safety!.id, efficacy!.id] });
    const seen = await studyTags(ben, s);
    expect(seen.others).toEqual([expect.objectContaining({ reviewer: ann.name })]);
    expect(seen.consensus).toMatchObject({ automatic: true, setBy: null });
    expect(seen.consensus.categoryIds.sort()).toEqual([efficacy!.id, safety!.id].sort());
    // Consensus tags filter the dashboard.
    const { filter } = parseFilter({ category: efficacy!.id });
    expect((await queryDashboard(db(), filter)).studies).toBeGreaterThanOrEqual(1);

    // Ben changes his mind: no agreement, no automatic consensus.
    await saveAssessment(ben, { studyId: s, version: 1, categoryIds: [safety!.id] });
    expect((await studyTags(ann, s)).consensus.categoryIds).toEqual([]);
    // A stale save is refused.
    await expect(saveAssessment(ben, { studyId: s, version: 1, categoryIds: [] })).rejects.toMatchObject({
      code: "conflict",
    });
    // An admin settles it; the reviewers' later changes do not undo an admin's consensus.
    await expect(
      setConsensus(ann, { studyId: s, categoryIds: [efficacy!.id], automatic: false }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await setConsensus(admin, { studyId: s, categoryIds: [efficacy!.id], automatic: false });
    await saveAssessment(ann, { studyId: s, version: 1, categoryIds: [safety!.id] });
    expect(await studyTags(ann, s)).toMatchObject({
      consensus: { categoryIds: [efficacy!.id], setBy: admin.name, automatic: false },
    });

    // Without blind tagging, a reviewer sees the others' tags before tagging.
    await setBlindTagging(admin, { blindTagging: false });
    expect((await studyTags(cat, s)).others).toHaveLength(2);
    await setBlindTagging(admin, { blindTagging: true });
    expect((await studyTags(cat, s)).others).toBeNull();
    // Nor does the consensus show before Cat has tagged: it would tell what the others chose.
    expect((await studyTags(cat, s)).consensus).toMatchObject({ hidden: true, categoryIds: [] });
    // …and the agreement page names nobody for a non-admin while the team tags blind.
    expect((await agreement(cat)).named).toBe(false);
    expect((await agreement(admin)).named).toBe(true);
    await expect(
      setConsensus(admin, { studyId: s, categoryIds: [], automatic: false }),
    ).rejects.toMatchObject({
      code: "invalid",
    });
  });

  it("reports Cohen's kappa for two reviewers, worked out by hand, and lists disagreements", async () => {
    // Clean slate for these five studies.
    await db().tagAssessment.deleteMany({ where: { studyId: { in: studies } } });
    const a = categories[0]!.id;
    // Category A: Ann yes on s1 s2 s3, Ben yes on s1 s2; both no on s4 s5.
    const annYes = [0, 1, 2];
    const benYes = [0, 1];
    for (const [i, s] of studies.entries()) {
      await saveAssessment(ann, { studyId: s, version: 0, categoryIds: annYes.includes(i) ? [a] : [] });
      await saveAssessment(ben, { studyId: s, version: 0, categoryIds: benYes.includes(i) ? [a] : [] });
    }
    const report = await agreement(viewer);
    expect(report.reviewers).toBe(2);
    const rowA = report.byCategory.find((c) => c.categoryId === a)!;
    // po = 4/5, pe = 3/5·2/5 + 2/5·3/5 = 0.48, kappa = (0.8 − 0.48) / 0.52
    expect(rowA).toMatchObject({ items: 5, observed: 0.8, method: "cohen" });
    expect(rowA.kappa).toBeCloseTo((0.8 - 0.48) / 0.52, 10);
    // The other categories: nobody said yes, chance agreement is total, kappa is undefined.
    expect(report.byCategory.filter((c) => c.categoryId !== a).every((c) => c.kappa === null)).toBe(true);
    // Pooled over 5 categories × 5 studies: po = 24/25, pe = 3/25·2/25 + 22/25·23/25.
    const pe = (3 / 25) * (2 / 25) + (22 / 25) * (23 / 25);
    expect(report.overall.kappa).toBeCloseTo((24 / 25 - pe) / (1 - pe), 10);
    expect(report.disagreements).toEqual([
      { studyId: studies[2], categories: [{ categoryId: a, yes: [ann.id], no: [ben.id] }] },
    ]);

    // A third reviewer: Fleiss' kappa.
    await saveAssessment(cat, { studyId: studies[0]!, version: 0, categoryIds: [a] });
    expect((await agreement(viewer)).byCategory.find((c) => c.categoryId === a)!.method).toBe("fleiss");
  });

  it("renames and merges categories without losing a tag", async () => {
    const { id: x } = await createCategory(admin, { name: "Biomarkers", colour: "#56B4E9", description: "" });
    const { id: y } = await createCategory(admin, {
      name: "Immune markers",
      colour: "#000000",
      description: "",
    });
    await expect(
      createCategory(admin, { name: "Biomarkers", colour: "#56B4E9", description: "" }),
    ).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(
      createCategory(ann, { name: "Mine", colour: "#56B4E9", description: "" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const s = studies[3]!;
    const t = studies[4]!;
    await saveAssessment(cat, { studyId: s, version: 0, categoryIds: [x] });
    await saveAssessment(cat, { studyId: t, version: 0, categoryIds: [x, y] });
    const before = await db().outcomeCategory.findUniqueOrThrow({ where: { id: x } });
    await updateCategory(admin, {
      id: x,
      version: before.version,
      name: "Biomarkers (lab)",
      colour: "#56B4E9",
      description: "Lab values",
      position: 9,
    });
    await expect(
      updateCategory(admin, {
        id: x,
        version: before.version,
        name: "Stale",
        colour: "#56B4E9",
        description: "",
        position: 9,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await db().tag.count({ where: { categoryId: x } })).toBe(2);

    const saved = await createCohort(ann, {
      name: "Biomarker studies",
      description: "",
      filterQuery: `category=${x}`,
    });
    await mergeCategories(admin, { sourceId: x, targetId: y });
    // A saved cohort that filtered on the merged category now filters on the one it went into.
    const cohort = (await findCohort(ann, saved.id))!;
    expect(cohort.reading.filter.categories).toEqual([y]);
    expect(await db().outcomeCategory.findUnique({ where: { id: x } })).toBeNull();
    const tagged = await db().tag.findMany({
      where: { categoryId: y },
      select: { assessment: { select: { studyId: true } } },
    });
    expect(tagged.map((r) => r.assessment.studyId).sort()).toEqual([s, t].sort());
    const merged = await db().auditEvent.findFirstOrThrow({
      where: { action: "category.merge", entityId: y },
    });
    expect(merged.after).toMatchObject({ tagsMoved: 1 }); // study t already had y
  });
});

describe("study corrections", () => {
  it("re-read the dose, bump the version, audit, and survive a later import", async () => {
    const csv =
      "Disease,Route,Enrollment,Dose,Outcome,Reference\nRA,I.V,10,1 × 10^6/kg,Better,[T1]\nMS,I.T,12,2 × 10^6/kg,Same,[T2]\n";
    const source = "Correction test table";
    const read = (text: string) => readEvidenceTable(text, "csv");
    await importEvidence(db(), {
      sourceName: source,
      citation: null,
      fileName: "t.csv",
      format: "csv",
      studies: read(csv).studies,
      problems: [],
      actorId: null,
    });
    const study = await db().study.findFirstOrThrow({
      where: { reference: "[T1]" },
      include: { arms: true },
    });
    const arm = study.arms[0]!;
    const form = (over: Record<string, string>) =>
      EditStudySchema.parse({
        id: study.id,
        version: String(study.version),
        enrollment: "14",
        routeText: "I.V & I.A",
        outcome: "Better at 6 months",
        reference: "[T1]",
        [`arm_${arm.id}_n`]: "14",
        [`arm_${arm.id}_dose`]: "2 × 10^6/kg",
        ...over,
      });
    await expect(editStudy(viewer, form({}))).rejects.toMatchObject({ code: "forbidden" });
    await expect(editStudy(ann, form({ [`arm_${arm.id}_dose`]: "1, 2 × 10^6/kg" }))).rejects.toMatchObject({
      code: "invalid",
    });
    expect(() => form({ enrollment: "many" })).toThrow(/Enrollment: enter a whole number/);

    await editStudy(ann, form({}));
    const after = await db().study.findUniqueOrThrow({ where: { id: study.id }, include: { arms: true } });
    expect(after).toMatchObject({
      enrollment: 14,
      routes: ["I.V", "I.A"],
      version: study.version + 1,
      editedById: ann.id,
    });
    expect(after.arms[0]).toMatchObject({ n: 14, doseText: "2 × 10^6/kg", basis: "per_kg", doseMid: 2e6 });

    // Ben's window was opened before Ann's save: refused, with what she changed.
    await expect(editStudy(ben, form({ enrollment: "99" }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`${ann.name} corrected this study after you opened it`),
    });
    await expect(editStudy(ben, form({ enrollment: "99" }))).rejects.toMatchObject({
      message: expect.stringContaining("enrollment: 10 → 14"),
    });

    // The source table changes that row later: the correction is kept and the conflict reported.
    const changed = csv.replace("RA,I.V,10,1 × 10^6/kg,Better", "RA,I.V,11,1 × 10^6/kg,Better");
    const outcome = await importEvidence(db(), {
      sourceName: source,
      citation: null,
      fileName: "t.csv",
      format: "csv",
      studies: read(changed).studies,
      problems: [],
      actorId: null,
    });
    expect(outcome.conflicts).toEqual(["RA [T1]"]);
    expect((await db().study.findUniqueOrThrow({ where: { id: study.id } })).enrollment).toBe(14);

    const history = await studyHistory(viewer, study.id);
    expect(history.map((e) => e.action)).toContain("study.update");
    const activity = await teamActivity(admin, { actorId: ann.id, entityType: "study", page: 1 });
    expect(activity.events.map((e) => e.entityId)).toContain(study.id);
    expect(activity.events.every((e) => e.entityType === "study")).toBe(true);
    await expect(teamActivity(ann, { page: 1 })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("keep a dose read through its column's unit and frequency when other fields change, and edit the citation", async () => {
    // The unit is only in the header and the number of infusions in a column of its own: the
    // cell "2" alone is no dose.
    const csv =
      "Disease,Route,Enrollment,Dose (×10^6 cells/kg),No. of infusions,Outcome,Author (year)\nSLE,I.V,20,2,3,Better,Smith (2019)\n";
    await importEvidence(db(), {
      sourceName: "Header unit table",
      citation: null,
      fileName: "h.csv",
      format: "csv",
      studies: readEvidenceTable(csv, "csv").studies,
      problems: [],
      actorId: null,
    });
    const study = await db().study.findFirstOrThrow({
      where: { source: { name: "Header unit table" } },
      include: { arms: true },
    });
    expect(study).toMatchObject({ firstAuthor: "Smith", publicationYear: 2019 });
    const arm = study.arms[0]!;
    expect(arm).toMatchObject({ doseText: "2", basis: "per_kg", doseMid: 2e6, administrations: 3 });
    await editStudy(
      ann,
      EditStudySchema.parse({
        id: study.id,
        version: String(study.version),
        enrollment: "21",
        routeText: "I.V",
        outcome: "Better",
        reference: "",
        firstAuthor: "Smith",
        year: "2020",
        journal: "Lupus",
        doi: "10.1177/0961203320000001",
        pmid: "",
        title: "",
        [`arm_${arm.id}_n`]: "21",
        [`arm_${arm.id}_dose`]: "2",
      }),
    );
    const after = await db().study.findUniqueOrThrow({ where: { id: study.id }, include: { arms: true } });
    expect(after).toMatchObject({ enrollment: 21, publicationYear: 2020, journal: "Lupus", pmid: null });
    expect(after.doi).toBe("10.1177/0961203320000001");
    expect(after.arms[0]).toMatchObject({ n: 21, basis: "per_kg", doseMid: 2e6, administrations: 3 });
    expect(after.arms[0]!.doseCumulative).toBeCloseTo(6e6, 6);
    expect(() => EditStudySchema.parse({ id: study.id, version: "1", doi: "doi.org/x", year: "19" })).toThrow(
      /DOI: 10\.xxxx|Year: four digits/,
    );
  });
});
