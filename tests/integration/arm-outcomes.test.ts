// Outcome data per dose arm against real PostgreSQL: who may enter and read it, one row per
// arm (the reference arm included), versions, the audit, and what the database itself refuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteArmOutcome, saveArmOutcome, studyArmOutcomes } from "../../lib/server/arm-outcomes";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { ArmOutcomeSchema } from "../../lib/validation/arm-outcome";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

let reviewer: SessionUser;
let admin: SessionUser;
let viewer: SessionUser;
let study: { id: string };
let arms: { id: string; position: number }[];
let otherStudyArm: string;
const OUTCOME = "ACR20 at 6 months";

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  reviewer = await makeUser(db(), "reviewer");
  admin = await makeUser(db(), "admin");
  viewer = await makeUser(db(), "viewer");
  study = await db().study.findFirstOrThrow({
    where: { armCount: { gte: 2 } },
    orderBy: { sourceLine: "asc" },
    select: { id: true },
  });
  arms = await db().doseArm.findMany({
    where: { studyId: study.id },
    orderBy: { position: "asc" },
    select: { id: true, position: true },
  });
  otherStudyArm = (
    await db().doseArm.findFirstOrThrow({ where: { studyId: { not: study.id } }, select: { id: true } })
  ).id;
});
afterAll(() => db().$disconnect());

const row = (armId: string, values: Record<string, string>, over: Record<string, string> = {}) =>
  ArmOutcomeSchema.parse({ studyId: study.id, outcome: OUTCOME, armId, kind: "events", ...values, ...over });

describe("arm outcome data", () => {
  it("is written by reviewers and admins, read by viewers, one row per arm with the reference arm first", async () => {
    const first = arms[0]!;
    const second = arms[1]!;
    await expect(saveArmOutcome(viewer, row(first.id, { cases: "3", n: "10" }))).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(saveArmOutcome(null, row(first.id, { cases: "3", n: "10" }))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(studyArmOutcomes(null, study.id)).rejects.toMatchObject({ code: "unauthenticated" });

    const a2 = await saveArmOutcome(reviewer, row(second.id, { cases: "7", n: "12" }));
    const a1 = await saveArmOutcome(admin, row(first.id, { cases: "4", n: "11" }));
    const ref = await saveArmOutcome(reviewer, row("reference", { cases: "2", n: "10" }));
    expect([a1.version, a2.version, ref.version]).toEqual([1, 1, 1]);

    const view = await studyArmOutcomes(viewer, study.id);
    expect(view.arms[0]).toMatchObject({ armId: null, number: null });
    expect(view.arms.slice(1).map((a) => a.number)).toEqual(arms.map((a) => a.position + 1));
    expect(view.arms.slice(1).map((a) => a.armId)).toEqual(arms.map((a) => a.id));
    expect(view.outcomes).toHaveLength(1);
    const group = view.outcomes[0]!;
    expect(group).toMatchObject({ outcome: OUTCOME, kind: "events" });
    // ordered as the arms: reference, arm 1, arm 2
    expect(group.rows.map((r) => [r.armId, r.values.cases, r.values.n, r.values.mean])).toEqual([
      [null, 2, 10, null],
      [first.id, 4, 11, null],
      [second.id, 7, 12, null],
    ]);
  });

  it("refuses a second row for the same arm, an arm of another study, and a different kind for one outcome", async () => {
    await expect(saveArmOutcome(reviewer, row(arms[0]!.id, { cases: "5", n: "11" }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`already has data for arm ${arms[0]!.position + 1}`),
    });
    await expect(saveArmOutcome(reviewer, row("", { cases: "1", n: "9" }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("the reference arm"),
    });
    await expect(saveArmOutcome(reviewer, row(otherStudyArm, { cases: "1", n: "9" }))).rejects.toMatchObject({
      code: "not_found",
    });
    const means = ArmOutcomeSchema.parse({
      studyId: study.id,
      outcome: OUTCOME,
      armId: arms[1]!.id,
      kind: "means",
      mean: "3.2",
      sd: "1.1",
      n: "12",
    });
    const existing = (await studyArmOutcomes(viewer, study.id)).outcomes[0]!.rows[2]!;
    await expect(
      saveArmOutcome(reviewer, { ...means, id: existing.id, version: existing.version }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("events / total") });
    // The same arm may hold a different outcome of another kind.
    const other = await saveArmOutcome(reviewer, { ...means, outcome: "HAQ at 6 months" });
    expect(other.version).toBe(1);
  });

  it("saves against the version it was opened with, and audits every change with before and after", async () => {
    const arm = arms[0]!;
    const current = (await studyArmOutcomes(viewer, study.id)).outcomes
      .find((g) => g.outcome === OUTCOME)!
      .rows.find((r) => r.armId === arm.id)!;
    const saved = await saveArmOutcome(
      reviewer,
      row(
        arm.id,
        { cases: "5", n: "11" },
        { id: current.id, version: String(current.version), notes: "Table 2" },
      ),
    );
    expect(saved).toEqual({ id: current.id, version: 2 });
    await expect(
      saveArmOutcome(reviewer, row(arm.id, { cases: "6", n: "11" }, { id: current.id, version: "1" })),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Nothing was saved") });
    await expect(deleteArmOutcome(reviewer, { id: current.id, version: 1 })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(deleteArmOutcome(viewer, { id: current.id, version: 2 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await deleteArmOutcome(reviewer, { id: current.id, version: 2 });
    const events = await db().auditEvent.findMany({
      where: { entityId: current.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.entityType, e.studyId])).toEqual([
      ["arm_outcome.create", "arm_outcome", study.id],
      ["arm_outcome.update", "arm_outcome", study.id],
      ["arm_outcome.delete", "arm_outcome", study.id],
    ]);
    expect(events[1]!.before).toMatchObject({ cases: 4, n: 11, version: 1, notes: "", armId: arm.id });
    expect(events[1]!.after).toMatchObject({ cases: 5, n: 11, version: 2, notes: "Table 2" });
    expect(events[2]!.before).toMatchObject({ cases: 5, version: 2, kind: "events", outcome: OUTCOME });
    const left = (await studyArmOutcomes(viewer, study.id)).outcomes.find((g) => g.outcome === OUTCOME)!;
    expect(left.rows.map((r) => r.armId)).toEqual([null, arms[1]!.id]);
  });

  it("names the field of every bad value before anything is written", () => {
    const bad = ArmOutcomeSchema.safeParse({
      studyId: study.id,
      outcome: OUTCOME,
      armId: "arm two",
      kind: "events",
      cases: "12",
      n: "10",
      mean: "3",
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort()).toEqual(
      [
        "armId: Choose an arm of this study",
        "cases: Events: more events than participants",
        "mean: mean: not part of events / total (cases, n); leave it empty",
      ].sort(),
    );
    const rate = ArmOutcomeSchema.safeParse({
      studyId: study.id,
      outcome: OUTCOME,
      kind: "rate",
      cases: "2.5",
      personTime: "0",
    });
    expect(rate.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort()).toEqual([
      "cases: Cases: a whole number, 0 or more",
      "personTime: Person-time: more than 0 and at most 1e+9",
    ]);
  });

  it("keeps one reference row per study and outcome, and complete values, in the database itself", async () => {
    const refRow = (await db().armOutcome.findFirstOrThrow({ where: { studyId: study.id, armId: null } }))
      .outcome;
    const insert = (kind: string, cases: number | null, n: number | null, mean: number | null) =>
      db()
        .$executeRaw`INSERT INTO arm_outcomes (id, study_id, arm_id, outcome, kind, cases, n, mean, updated_at)
        VALUES (gen_random_uuid(), ${study.id}::uuid, NULL, 'raw', ${kind}::"ArmOutcomeKind", ${cases}, ${n}, ${mean}, now())`;
    await insert("events", 1, 5, null);
    // a second reference row of the same outcome: NULLS NOT DISTINCT
    await expect(insert("events", 2, 5, null)).rejects.toThrow(
      /arm_outcomes_study_id_outcome_arm_id_key|unique/i,
    );
    await expect(
      db().$executeRaw`INSERT INTO arm_outcomes (id, study_id, outcome, kind, cases, n, mean, updated_at)
        VALUES (gen_random_uuid(), ${study.id}::uuid, 'raw 2', 'events', 6, 5, NULL, now())`,
    ).rejects.toThrow(/arm_outcomes_values_check/);
    await expect(
      db().$executeRaw`INSERT INTO arm_outcomes (id, study_id, outcome, kind, cases, n, mean, updated_at)
        VALUES (gen_random_uuid(), ${study.id}::uuid, 'raw 3', 'means', NULL, 5, 2.0, now())`,
    ).rejects.toThrow(/arm_outcomes_values_check/);
    expect(refRow).toBe(OUTCOME);
  });

  it("goes with its study", async () => {
    const s = await db().study.findFirstOrThrow({
      where: { armCount: { gte: 1 }, id: { not: study.id } },
      select: { id: true, arms: { select: { id: true }, take: 1 } },
    });
    await saveArmOutcome(
      reviewer,
      ArmOutcomeSchema.parse({
        studyId: s.id,
        outcome: OUTCOME,
        armId: s.arms[0]!.id,
        kind: "rate",
        cases: "3",
        personTime: "120.5",
      }),
    );
    expect(await db().armOutcome.count({ where: { studyId: s.id } })).toBe(1);
    await db().study.delete({ where: { id: s.id } });
    expect(await db().armOutcome.count({ where: { studyId: s.id } })).toBe(0);
  });
});
