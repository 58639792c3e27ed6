// The inbox and assignments against real PostgreSQL: mentions and replies notify the right people
// once, conflicts on one's edits (tags that disagree, a correction over one's correction) arrive,
// notifications are each person's own, and the inbox reaches only its owner over the live
// channel; assignments from a filter or a cohort (to each reviewer or shared out), their status
// read from the work itself, the queue's next study, progress per person, and who may assign.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveChange } from "../../lib/domain/live";
import { parseFilter } from "../../lib/domain/filter/filter";
import { createAnnotation, deleteAnnotation, editAnnotation } from "../../lib/server/annotations";
import {
  assignStudies,
  myQueue,
  queueOnStudy,
  teamProgress,
  unassignOpen,
} from "../../lib/server/assignments";
import { setBlindTagging } from "../../lib/server/categories";
import { createCohort, freezeCohort } from "../../lib/server/cohorts";
import { listInbox, markRead, unreadCount } from "../../lib/server/inbox";
import { liveReady, stopLive, subscribeLive } from "../../lib/server/live";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { editStudy } from "../../lib/server/study-edits";
import { saveAssessment } from "../../lib/server/tags";
import { importSeed } from "../../prisma/seed";
import { makeUser, studyEditForm } from "../support/factories";

let ann: SessionUser;
let ben: SessionUser;
let cat: SessionUser;
let gone: SessionUser; // disabled
let viewer: SessionUser;
let admin: SessionUser;
let studyId: string;
let disease: string;
let diseaseStudies: string[];
let categories: string[];

const suffix = Date.now().toString(36);

async function inboxOf(user: SessionUser) {
  return (await listInbox(user, { unreadOnly: false })).items;
}

async function until(what: string, check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  if ((await db().study.count()) === 0) await importSeed(db());
  [ann, ben, cat, gone, viewer, admin] = await Promise.all([
    makeUser(db(), "reviewer", { name: `Annika Team${suffix}` }),
    makeUser(db(), "reviewer", { name: `Bertil Team${suffix}` }),
    makeUser(db(), "reviewer", { name: `Cyrus Team${suffix}` }),
    makeUser(db(), "reviewer", { name: `Dora Team${suffix}` }),
    makeUser(db(), "viewer", { name: `Vera Team${suffix}` }),
    makeUser(db(), "admin", { name: `Ada Team${suffix}` }),
  ]);
  await db().user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
  // A disease with several studies, so that assignments have something to share out, none of
  // them tagged or assigned by other test files sharing this database (they run in any order).
  const [row] = await db().$queryRaw<{ disease_code: string }[]>`
    SELECT s.disease_code FROM studies s
     GROUP BY s.disease_code
    HAVING count(*) BETWEEN 3 AND 12
       AND NOT bool_or(EXISTS (SELECT 1 FROM consensus_tags c WHERE c.study_id = s.id)
                    OR EXISTS (SELECT 1 FROM tag_assessments t WHERE t.study_id = s.id)
                    OR EXISTS (SELECT 1 FROM assignments a WHERE a.study_id = s.id))
     ORDER BY count(*) DESC, s.disease_code LIMIT 1`;
  disease = row!.disease_code;
  diseaseStudies = (
    await db().study.findMany({
      where: { diseaseCode: disease },
      orderBy: [{ sourceLine: "asc" }, { id: "asc" }],
    })
  ).map((s) => s.id);
  studyId = diseaseStudies[0]!;
  categories = (
    await Promise.all(
      ["A", "B", "C"].map((n, i) =>
        db().outcomeCategory.create({
          data: { name: `Team ${n} ${suffix}`, colour: "#0072B2", position: 90 + i },
        }),
      ),
    )
  ).map((c) => c.id);
});

afterAll(async () => {
  await stopLive();
  const ours = [ann, ben, cat, gone, viewer, admin].map((u) => u.id);
  await db().assignment.deleteMany({ where: { assigneeId: { in: ours } } });
  await db().notification.deleteMany({ where: { recipientId: { in: ours } } });
  await db().cohort.deleteMany({ where: { ownerId: { in: ours } } });
  await db().annotation.deleteMany({ where: { authorId: { in: ours } } });
  await db().tagAssessment.deleteMany({ where: { reviewerId: { in: ours } } });
  await db().consensusTag.deleteMany({ where: { categoryId: { in: categories } } });
  await db().outcomeCategory.deleteMany({ where: { id: { in: categories } } });
  await db().$disconnect();
});

describe("mentions and replies", () => {
  it("notifies each person named once, never the writer, never a disabled account", async () => {
    const body = `@BertilTeam${suffix} and @cyrus, please check the dose (cc @DoraTeam${suffix}, @AnnikaTeam${suffix}, @BertilTeam${suffix})`;
    const { id } = await createAnnotation(ann, { studyId, parentId: null, field: "dose", body });
    const forBen = (await inboxOf(ben)).filter((n) => n.annotationId === id);
    expect(forBen).toHaveLength(1);
    expect(forBen[0]).toMatchObject({ kind: "mention", actor: ann.name, studyId, read: false });
    expect(forBen[0]!.message).toContain(`${ann.name} mentioned you`);
    expect(forBen[0]!.href).toBe(`/studies/${studyId}#notes`);
    expect((await inboxOf(cat)).filter((n) => n.annotationId === id)).toHaveLength(1);
    expect((await inboxOf(ann)).filter((n) => n.annotationId === id)).toHaveLength(0);
    expect(await db().notification.count({ where: { recipientId: gone.id } })).toBe(0);
  });

  it("tells the thread's writers of a reply; a person mentioned in it hears of the mention only", async () => {
    const thread = await createAnnotation(ann, { studyId, parentId: null, field: null, body: "Is n right?" });
    await createAnnotation(ben, { studyId, parentId: thread.id, field: null, body: "I think so." });
    const reply = await createAnnotation(cat, {
      studyId,
      parentId: thread.id,
      field: null,
      body: `No: table 2 says 24. @BertilTeam${suffix}`,
    });
    const about = (u: SessionUser) =>
      inboxOf(u).then((all) => all.filter((n) => n.annotationId === reply.id));
    expect((await about(ann)).map((n) => n.kind)).toEqual(["reply"]);
    expect((await about(ben)).map((n) => n.kind)).toEqual(["mention"]);
    expect(await about(cat)).toEqual([]);
  });

  it("on an edit, notifies only those the new text names for the first time", async () => {
    const { id } = await createAnnotation(ann, {
      studyId,
      parentId: null,
      field: null,
      body: `@BertilTeam${suffix} look`,
    });
    await editAnnotation(ann, {
      id,
      version: 1,
      body: `@BertilTeam${suffix} look, and @CyrusTeam${suffix} too`,
    });
    expect((await inboxOf(ben)).filter((n) => n.annotationId === id)).toHaveLength(1);
    expect((await inboxOf(cat)).filter((n) => n.annotationId === id)).toHaveLength(1);
  });

  it("forgets a deleted annotation: its mentions and replies leave the inbox", async () => {
    const thread = await createAnnotation(ann, {
      studyId,
      parentId: null,
      field: null,
      body: `@BertilTeam${suffix} a thread to delete`,
    });
    const reply = await createAnnotation(cat, { studyId, parentId: thread.id, field: null, body: "A reply" });
    const about = (id: string) => db().notification.count({ where: { annotationId: id } });
    expect(await about(thread.id)).toBe(1);
    expect(await about(reply.id)).toBe(1); // Ann hears of Cyrus's reply
    await deleteAnnotation(ann, { id: thread.id, version: 1 });
    expect(await about(thread.id)).toBe(0);
    expect(await about(reply.id)).toBe(0);
  });

  it("keeps each inbox its owner's: read, unread, all read; another's is not found", async () => {
    const before = await unreadCount(ben);
    expect(before).toBeGreaterThan(0);
    const [first] = await inboxOf(ben);
    await expect(markRead(ann, { id: first!.id, read: true })).rejects.toThrow(/no longer exists/);
    expect(await unreadCount(ben)).toBe(before);
    await markRead(ben, { id: first!.id, read: true });
    expect(await unreadCount(ben)).toBe(before - 1);
    expect((await listInbox(ben, { unreadOnly: true })).items.some((n) => n.id === first!.id)).toBe(false);
    await markRead(ben, { id: first!.id, read: false });
    expect(await unreadCount(ben)).toBe(before);
    await markRead(ben, { id: null, read: true });
    expect(await unreadCount(ben)).toBe(0);
    expect(await unreadCount(null)).toBe(0);
    await expect(listInbox(null, { unreadOnly: false })).rejects.toThrow(/signed in/i);
  });
});

describe("conflicts on one's edits", () => {
  it("tells a reviewer once that another's tags now differ from theirs", async () => {
    const study = diseaseStudies[1]!;
    await saveAssessment(ann, { studyId: study, version: 0, categoryIds: [categories[0]!] });
    // Agreement is no conflict.
    await saveAssessment(cat, { studyId: study, version: 0, categoryIds: [categories[0]!] });
    expect((await inboxOf(ann)).filter((n) => n.kind === "conflict" && n.studyId === study)).toHaveLength(0);
    await saveAssessment(ben, { studyId: study, version: 0, categoryIds: [categories[1]!] });
    await saveAssessment(ben, { studyId: study, version: 1, categoryIds: [categories[1]!, categories[2]!] });
    for (const u of [ann, cat]) {
      const conflicts = (await inboxOf(u)).filter((n) => n.kind === "conflict" && n.studyId === study);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]!.message).toContain(ben.name);
      expect(conflicts[0]!.href).toBe(`/studies/${study}#tags`);
    }
    expect((await inboxOf(ben)).filter((n) => n.kind === "conflict" && n.studyId === study)).toHaveLength(0);
  });

  it("tells the person who corrected a study when someone else changes it after them", async () => {
    const study = diseaseStudies[2]!;
    await editStudy(ann, await studyEditForm(db(), study, { outcome: "Ann's reading" }));
    await editStudy(ann, await studyEditForm(db(), study, { outcome: "Ann's second reading" }));
    expect((await inboxOf(ann)).filter((n) => n.studyId === study)).toHaveLength(0);
    await editStudy(ben, await studyEditForm(db(), study, { outcome: "Ben's reading" }));
    const [notice] = (await inboxOf(ann)).filter((n) => n.studyId === study);
    expect(notice).toMatchObject({ kind: "conflict", actor: ben.name, href: `/studies/${study}#history` });
    expect(notice!.message).toContain("Ben's reading");
  });
});

describe("the inbox over the live channel", () => {
  it("reaches the recipient's open pages and nobody else's", async () => {
    const seen = new Map<string, LiveChange[]>([
      [ann.id, []],
      [ben.id, []],
    ]);
    const subs = [ann, ben].map((user) =>
      subscribeLive(user, { studyId: null, change: (c) => seen.get(user.id)!.push(c), presence: () => {} }),
    );
    try {
      await liveReady();
      await createAnnotation(ben, {
        studyId,
        parentId: null,
        field: null,
        body: `@AnnikaTeam${suffix} live?`,
      });
      await until("ann's inbox event", () => seen.get(ann.id)!.some((c) => c.kind === "inbox"));
      // Ben sees that an annotation changed (his own), never an inbox event of Ann's.
      await until("ben's annotation event", () => seen.get(ben.id)!.some((c) => c.kind === "annotation"));
      expect(seen.get(ben.id)!.some((c) => c.kind === "inbox")).toBe(false);
    } finally {
      for (const unsubscribe of subs) unsubscribe();
    }
  });
});

describe("assignments", () => {
  it("hands a filter's studies to each reviewer, reads status from the work, and counts progress", async () => {
    const filter = `disease=${encodeURIComponent(disease)}`;
    expect(parseFilter(new URLSearchParams(filter)).filter.diseases).toEqual([disease]);
    const result = await assignStudies(admin, {
      task: "tag",
      mode: "each",
      reviewerIds: [ann.id, ben.id],
      source: "filter",
      value: filter,
    });
    expect(result).toEqual({
      created: diseaseStudies.length * 2,
      studies: diseaseStudies.length,
      skipped: 0,
    });
    // Once more: nothing new.
    const again = await assignStudies(admin, {
      task: "tag",
      mode: "each",
      reviewerIds: [ann.id, ben.id],
      source: "filter",
      value: filter,
    });
    expect(again).toMatchObject({ created: 0, skipped: diseaseStudies.length * 2 });
    const note = (await inboxOf(ann)).find((n) => n.kind === "assignment");
    expect(note?.message).toContain(
      `assigned you ${diseaseStudies.length} studies to tag outcome categories`,
    );
    expect(note?.href).toBe("/queue?task=tag");

    // Study 1 was tagged differently by Ann and Ben (above): both in conflict; the rest to do.
    const q = await myQueue(ann, { task: "tag", status: null });
    expect(q.counts).toEqual({ todo: diseaseStudies.length - 1, done: 0, conflict: 1 });
    expect(q.items.find((i) => i.studyId === diseaseStudies[1])?.status).toBe("in conflict");
    expect(q.items.find((i) => i.studyId === diseaseStudies[0])?.status).toBe("to do");
    expect(q.nextStudyId).toBe(diseaseStudies[0]);
    const conflicts = await myQueue(ann, { task: "tag", status: "in conflict" });
    expect(conflicts.items.map((i) => i.studyId)).toEqual([diseaseStudies[1]]);

    // Ann tags the first; her next study moves on, skipping the study she is on.
    await saveAssessment(ann, { studyId: diseaseStudies[0]!, version: 0, categoryIds: [categories[0]!] });
    const onFirst = await queueOnStudy(ann, diseaseStudies[0]!);
    expect(onFirst).toEqual([{ task: "tag", nextStudyId: diseaseStudies[2] }]);
    expect(await queueOnStudy(viewer, diseaseStudies[0]!)).toEqual([]);

    // An admin's consensus settles the conflict.
    await db().consensusTag.create({
      data: { studyId: diseaseStudies[1]!, categoryId: categories[0]!, setById: admin.id },
    });
    const progress = (await teamProgress(cat)).filter((p) => p.task === "tag");
    const annRow = progress.find((p) => p.assigneeId === ann.id)!;
    const benRow = progress.find((p) => p.assigneeId === ben.id)!;
    // Ann: study 0 (tagged) and 1 (settled by the consensus) are done; Ben: study 1.
    expect(annRow).toMatchObject({ done: 2, conflict: 0, todo: diseaseStudies.length - 2 });
    expect(benRow).toMatchObject({ done: 1, conflict: 0, todo: diseaseStudies.length - 1 });

    // While the team tags blind, a reviewer does not learn who is in conflict with whom: only their
    // own row shows conflicts; an admin sees everyone's.
    await db().consensusTag.deleteMany({ where: { studyId: diseaseStudies[1]! } });
    await setBlindTagging(admin, { blindTagging: true });
    try {
      const asCat = (await teamProgress(cat)).filter((p) => p.task === "tag");
      expect(asCat.find((p) => p.assigneeId === ann.id)).toMatchObject({ done: 2, conflict: 0 });
      const asAnn = (await teamProgress(ann)).filter((p) => p.task === "tag");
      expect(asAnn.find((p) => p.assigneeId === ann.id)).toMatchObject({ done: 1, conflict: 1 });
      expect(asAnn.find((p) => p.assigneeId === ben.id)).toMatchObject({ done: 1, conflict: 0 });
      const asAdmin = (await teamProgress(admin)).filter((p) => p.task === "tag");
      expect(asAdmin.find((p) => p.assigneeId === ben.id)).toMatchObject({ done: 0, conflict: 1 });
    } finally {
      await setBlindTagging(admin, { blindTagging: false });
    }
  });

  it("shares a frozen cohort's studies out in turn and leaves each study with one reviewer", async () => {
    const cohort = await createCohort(ann, {
      name: `Team cohort ${suffix}`,
      description: "",
      filterQuery: `disease=${encodeURIComponent(disease)}`,
    });
    await freezeCohort(ann, { id: cohort.id, version: 1 });
    const r = await assignStudies(admin, {
      task: "rob",
      mode: "share",
      reviewerIds: [cat.id, ben.id],
      source: "cohort",
      value: cohort.id,
    });
    expect(r.created).toBe(diseaseStudies.length);
    const counts = await Promise.all(
      [cat, ben].map((u) => myQueue(u, { task: "rob", status: null }).then((q) => q.counts.todo)),
    );
    expect([...counts].sort()).toEqual(
      [Math.floor(diseaseStudies.length / 2), Math.ceil(diseaseStudies.length / 2)].sort(),
    );
    expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThanOrEqual(1);
    // Sharing the same studies out again gives nobody a second copy.
    const again = await assignStudies(admin, {
      task: "rob",
      mode: "share",
      reviewerIds: [cat.id, ben.id],
      source: "cohort",
      value: cohort.id,
    });
    expect(again.created).toBe(0);
    // Taking back open work removes only what is still to do.
    expect(await unassignOpen(admin, { task: "rob", assigneeId: cat.id })).toEqual({ removed: counts[0] });
    expect((await myQueue(cat, { task: "rob", status: null })).counts.todo).toBe(0);
  });

  it("lets only admins assign, and only to active reviewers and admins", async () => {
    const input = {
      task: "outcomes" as const,
      mode: "each" as const,
      reviewerIds: [ann.id],
      source: "filter" as const,
      value: `disease=${encodeURIComponent(disease)}`,
    };
    await expect(assignStudies(ann, input)).rejects.toThrow(/permission|not allowed|role/i);
    await expect(assignStudies(admin, { ...input, reviewerIds: [viewer.id] })).rejects.toThrow(
      `${viewer.name} is a viewer: only reviewers and admins can be given work.`,
    );
    await expect(assignStudies(admin, { ...input, reviewerIds: [gone.id] })).rejects.toThrow(
      /^Someone you chose was disabled or removed meanwhile/,
    );
    await expect(assignStudies(admin, { ...input, value: "disease=NO-SUCH-DISEASE-CODE" })).rejects.toThrow(
      /nothing to assign/,
    );
    await expect(myQueue(viewer, { task: "tag", status: null })).rejects.toThrow();
    await expect(teamProgress(viewer)).rejects.toThrow();
    // Outcome data entered by anyone completes the task.
    await assignStudies(admin, input);
    await db().outcomeData.create({
      data: { studyId: diseaseStudies[0]!, outcome: `Team ${suffix}`, design: "single_arm", xi: 3, ni: 10 },
    });
    const q = await myQueue(ann, { task: "outcomes", status: "done" });
    expect(q.items.map((i) => i.studyId)).toEqual([diseaseStudies[0]]);
    await db().outcomeData.deleteMany({ where: { outcome: `Team ${suffix}` } });
  });
});
