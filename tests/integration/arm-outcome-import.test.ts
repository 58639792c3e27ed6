// Bulk import of per-arm outcome data against real PostgreSQL: the preview names every problem by
// line and writes nothing; the import writes every row in one transaction, audited, or none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importArmOutcomes, previewArmOutcomeImport } from "../../lib/server/arm-outcome-import";
import { studyArmOutcomes } from "../../lib/server/arm-outcomes";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

let reviewer: SessionUser;
let viewer: SessionUser;
let s46: string;

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  reviewer = await makeUser(db(), "reviewer");
  viewer = await makeUser(db(), "viewer");
  // Seed study [46] (NCT01663116) has three arms: 1, 2 and 4 × 10⁶/kg.
  s46 = (await db().study.findFirstOrThrow({ where: { reference: "[46]" } })).id;
});
afterAll(() => db().$disconnect());

// Invented numbers, not the study's results.
const good = [
  "study,arm,outcome,cases,n",
  "[46],reference,remission,2,10",
  "46,1,remission,3,10",
  "NCT01663116,2 x 106/kg,remission,5,10",
  "ref:[46],3,remission,6,10",
].join("\n");

describe("per-arm outcome import", () => {
  it("previews what it would write, matching studies by reference, registry id or row key and arms by number or dose", async () => {
    await expect(previewArmOutcomeImport(viewer, good)).rejects.toMatchObject({ code: "forbidden" });
    const plan = await previewArmOutcomeImport(reviewer, good);
    expect(plan.problems).toEqual([]);
    expect(plan.counts).toEqual({ create: 4, update: 0, unchanged: 0 });
    expect(plan.rows.map((r) => [r.line, r.study, r.arm.split(" (")[0]])).toEqual([
      [2, "[46]", "reference arm"],
      [3, "[46]", "arm 1"],
      [4, "[46]", "arm 2"],
      [5, "[46]", "arm 3"],
    ]);
    expect(await db().armOutcome.count()).toBe(0);
  });

  it("names every problem by line and column, and imports nothing then", async () => {
    const bad = [
      "study,arm,outcome,cases,n,y",
      "[46],1,remission,3,10,",
      "[9999],1,remission,3,10,",
      "[46],7,remission,3,10,",
      "[46],1,remission,3,10,",
      "[46],2,remission,12,10,",
      "[46],3,remission,,,4.5",
      "NCT01144962,1,remission,1,5,",
    ].join("\n");
    const plan = await previewArmOutcomeImport(reviewer, bad);
    expect(plan.problems.map((p) => `${p.line} ${p.column}: ${p.message}`)).toEqual([
      '3 study: no study has the row key, reference or registry id "[9999]"',
      "4 arm: [46] has no arm 7 (it has 3)",
      "5 arm: line 2 already gives arm 1 (1 × 106/kg) of [46] for “remission”",
      "6 cases: Events: more events than participants",
      "7 sd: SD is needed",
      "7 n: n is needed",
      '8 study: "NCT01144962" names 2 studies ([89], [90]): use the reference',
    ]);
    await expect(importArmOutcomes(reviewer, { csv: bad, mode: "import" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/^Nothing was imported\. line 3, column study/),
    });
    expect(await db().armOutcome.count()).toBe(0);
  });

  it("writes every row in one go, audited; a second import updates only what changed", async () => {
    const done = await importArmOutcomes(reviewer, { csv: good, mode: "import" });
    expect(done).toMatchObject({ imported: true, counts: { create: 4, update: 0, unchanged: 0 } });
    const view = await studyArmOutcomes(viewer, s46);
    expect(view.outcomes[0]!.rows.map((r) => [r.values.cases, r.values.n, r.version])).toEqual([
      [2, 10, 1],
      [3, 10, 1],
      [5, 10, 1],
      [6, 10, 1],
    ]);
    expect(await db().auditEvent.count({ where: { action: "arm_outcome.create", studyId: s46 } })).toBe(4);
    const again = await importArmOutcomes(reviewer, {
      csv: good.replace("46,1,remission,3,10", "46,1,remission,4,10"),
      mode: "import",
    });
    expect(again.counts).toEqual({ create: 0, update: 1, unchanged: 3 });
    const updated = await db().auditEvent.findFirstOrThrow({
      where: { action: "arm_outcome.update", studyId: s46 },
    });
    expect(updated.before).toMatchObject({ cases: 3, version: 1 });
    expect(updated.after).toMatchObject({ cases: 4, version: 2, importedFromLine: 3 });
    // a different kind for an outcome whose other arms stay events is refused
    const mixed = await previewArmOutcomeImport(
      reviewer,
      "study,arm,outcome,y,sd,n\n[46],1,remission,3.1,1.2,10",
    );
    expect(mixed.problems[0]).toMatchObject({ line: 2, column: "kind" });
  });
});
