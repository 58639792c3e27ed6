// Outcome data and the analysis rows against real PostgreSQL: who may enter data, versions,
// audit, the study's dose for meta-regression, and analyses restricted to a frozen cohort.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAnalysisOptions } from "../../lib/domain/analysis";
import { parseFilter } from "../../lib/domain/filter/filter";
import { analyse } from "../../lib/server/analysis";
import { createCohort, findCohort, freezeCohort } from "../../lib/server/cohorts";
import { db } from "../../lib/server/platform/db";
import { deleteOutcomeData, saveOutcomeData, studyOutcomeData } from "../../lib/server/outcome-data";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { OutcomeDataSchema } from "../../lib/validation/outcome-data";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

let reviewer: SessionUser;
let viewer: SessionUser;
const OUTCOME = "response at 12 months";

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  reviewer = await makeUser(db(), "reviewer");
  viewer = await makeUser(db(), "viewer");
});
afterAll(() => db().$disconnect());

const entry = (studyId: string, xi: number, ni: number, over: Record<string, string> = {}) =>
  OutcomeDataSchema.parse({
    studyId,
    outcome: OUTCOME,
    design: "single_arm",
    xi: String(xi),
    ni: String(ni),
    ...over,
  });

describe("outcome data", () => {
  it("is entered by reviewers only, checked field by field, versioned and audited", async () => {
    const study = await db().study.findFirstOrThrow({
      where: { diseaseCode: "SLE" },
      orderBy: { sourceLine: "asc" },
    });
    await expect(saveOutcomeData(viewer, entry(study.id, 3, 10))).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(saveOutcomeData(null, entry(study.id, 3, 10))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    const bad = OutcomeDataSchema.safeParse({
      studyId: study.id,
      outcome: OUTCOME,
      design: "two_group_binary",
      ai: "5",
      n1i: "4",
      ci: "x",
      n2i: "",
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort()).toEqual(
      [
        "ai: Group 1: more events than participants",
        "ci: Events, group 2: enter a number such as 12 or 3.5",
        "n2i: Total, group 2 is needed",
      ].sort(),
    );

    const { id } = await saveOutcomeData(reviewer, entry(study.id, 3, 10));
    await expect(saveOutcomeData(reviewer, entry(study.id, 4, 10))).rejects.toMatchObject({
      code: "conflict",
    }); // same outcome twice
    await saveOutcomeData(reviewer, entry(study.id, 4, 10, { id, version: "1" }));
    await expect(
      saveOutcomeData(reviewer, entry(study.id, 5, 10, { id, version: "1" })),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Nothing was saved"),
    });
    const [saved] = await studyOutcomeData(viewer, study.id);
    expect(saved).toMatchObject({ values: { xi: 4, ni: 10, ai: null }, version: 2 });
    const events = await db().auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId, e.studyId])).toEqual([
      ["outcome.create", reviewer.id, study.id],
      ["outcome.update", reviewer.id, study.id],
    ]);
    await deleteOutcomeData(reviewer, { id, version: 2 });
    expect(await studyOutcomeData(viewer, study.id)).toEqual([]);
  });

  it("stores a two-group table as metafor's ai, bi, ci, di", async () => {
    const study = await db().study.findFirstOrThrow({
      where: { diseaseCode: "RA" },
      orderBy: { sourceLine: "asc" },
    });
    await saveOutcomeData(
      reviewer,
      OutcomeDataSchema.parse({
        studyId: study.id,
        outcome: "remission",
        design: "two_group_binary",
        ai: "6",
        n1i: "20",
        ci: "2",
        n2i: "18",
      }),
    );
    expect(await db().outcomeData.findFirstOrThrow({ where: { studyId: study.id } })).toMatchObject({
      ai: 6,
      bi: 14,
      ci: 2,
      di: 16,
      n1i: 20,
      n2i: 18,
    });
  });
});

describe("the audit of outcome data", () => {
  it("keeps the whole entry before and after every change, so a deletion can be restored", async () => {
    const study = await db().study.findFirstOrThrow({
      where: { diseaseCode: "RA" },
      orderBy: { sourceLine: "asc" },
    });
    const form = (over: Record<string, string>) =>
      OutcomeDataSchema.parse({
        studyId: study.id,
        outcome: "DAS28 at 6 months",
        design: "continuous",
        m1i: "4.1",
        sd1i: "1.2",
        n1i: "20",
        m2i: "4.9",
        sd2i: "1.1",
        n2i: "21",
        notes: "Table 3, intention to treat",
        ...over,
      });
    const { id } = await saveOutcomeData(reviewer, form({}));
    await saveOutcomeData(
      reviewer,
      form({ id, version: "1", changeScores: "on", notes: "Table 3, per protocol" }),
    );
    const stored = await db().outcomeData.findUniqueOrThrow({ where: { id } });
    await deleteOutcomeData(reviewer, { id, version: 2 });
    const events = await db().auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["outcome.create", "outcome.update", "outcome.delete"]);
    const [created, updated, deleted] = events as [
      (typeof events)[0],
      (typeof events)[0],
      (typeof events)[0],
    ];
    expect(updated.before).toMatchObject({
      notes: "Table 3, intention to treat",
      changeScores: false,
      version: 1,
    });
    expect(updated.after).toMatchObject({ notes: "Table 3, per protocol", changeScores: true, version: 2 });
    expect(created.after).toMatchObject({ notes: "Table 3, intention to treat", m1i: 4.1, n2i: 21 });
    // Everything the deleted row held is in its deletion's "before".
    const { id: _id, createdAt: _c, updatedAt: _u, createdById: _by, ...values } = stored;
    expect(deleted.before).toEqual(JSON.parse(JSON.stringify(values)));
  });
});

describe("analysis rows", () => {
  it("carry each study's median dose in cells/kg, and follow a frozen cohort's members", async () => {
    const ms = await db().study.findMany({
      where: { diseaseCode: "MS", trialId: null },
      orderBy: { sourceLine: "asc" },
      take: 3,
    });
    for (const [i, s] of ms.entries()) await saveOutcomeData(reviewer, entry(s.id, 2 + i * 3, 12));
    const { filter } = parseFilter({ disease: "MS" });
    const options = parseAnalysisOptions({ outcome: OUTCOME, method: "DL" }).options;
    const { rows, result } = await analyse(viewer, filter, options);
    expect(rows.map((r) => r.studyId).sort()).toEqual(ms.map((s) => s.id).sort());
    const arms = await db().doseArm.findMany({
      where: { studyId: ms[0]!.id, basis: { in: ["per_kg", "total"] }, doseMid: { not: null } },
    });
    const values = arms
      .map((a) => (a.basis === "per_kg" ? a.doseMid! : a.doseMid! / 70))
      .sort((a, b) => a - b);
    const median = values.length
      ? values.length % 2
        ? values[(values.length - 1) / 2]!
        : (values[values.length / 2 - 1]! + values[values.length / 2]!) / 2
      : null;
    expect(rows.find((r) => r.studyId === ms[0]!.id)!.dose).toBe(median);
    expect(result.model!.k).toBe(3);

    // Freeze a cohort of these studies; data entered later for a new MS study is not in it.
    const cohort = await createCohort(reviewer, {
      name: "MS frozen",
      description: "",
      filterQuery: "disease=MS",
    });
    await freezeCohort(reviewer, { id: cohort.id, version: 1 });
    const frozen = (await findCohort(viewer, cohort.slug))!;
    const other = await db().study.create({
      data: {
        sourceId: ms[0]!.sourceId,
        rowKey: "added-later",
        diseaseCode: "MS",
        disease: "Multiple sclerosis",
        routeText: "I.V",
        outcome: "",
        sourceLine: 9999,
        sourceText: "",
        contentHash: "x",
      },
    });
    await saveOutcomeData(reviewer, entry(other.id, 6, 12));
    expect((await analyse(viewer, filter, options)).result.model!.k).toBe(4);
    expect((await analyse(viewer, filter, options, frozen.id)).result.model!.k).toBe(3);
    await expect(analyse(null, filter, options)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
