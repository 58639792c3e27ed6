// GRADE's dose–response upgrade from the per-arm data entered for an outcome: multi-arm seed
// studies with a reference arm and a gradient of 2 points per 10⁶ cells/kg give a slope whose
// p-value is far below 0.05; an outcome with no per-arm data gives no evidence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../lib/domain/filter/filter";
import type { DoseResponseView } from "../../lib/contracts/dose-response";
import {
  DEFAULT_DOSE_RESPONSE,
  type DoseResponseChoices,
} from "../../lib/domain/stats/dose-response/choices";
import { analysisPage } from "../../lib/server/analysis";
import { createCohort, saveCohortAnalysis } from "../../lib/server/cohorts";
import { doseResponseView } from "../../lib/server/dose-response";
import { doseResponseEvidence } from "../../lib/server/grade";
import { makeUser } from "../support/factories";
import { db } from "../../lib/server/platform/db";
import { importSeed } from "../../prisma/seed";

const OUTCOME = "Dose-response evidence test outcome";
let studies: { id: string; arms: { id: string; doseMid: number }[] }[] = [];

beforeAll(async () => {
  if ((await db().study.count()) === 0) await importSeed(db());
  const multi = await db().study.findMany({
    where: { arms: { some: { basis: "per_kg", doseMid: { not: null } } } },
    select: {
      id: true,
      arms: { where: { basis: "per_kg", doseMid: { not: null } }, select: { id: true, doseMid: true } },
    },
  });
  studies = multi
    .filter((s) => new Set(s.arms.map((a) => a.doseMid)).size >= 2)
    .slice(0, 3)
    .map((s) => ({ id: s.id, arms: s.arms.map((a) => ({ id: a.id, doseMid: a.doseMid! })) }));
  for (const s of studies) {
    await db().armOutcome.create({
      data: { studyId: s.id, armId: null, outcome: OUTCOME, kind: "means", mean: 10, sd: 2, n: 20 },
    });
    for (const a of s.arms)
      await db().armOutcome.create({
        data: {
          studyId: s.id,
          armId: a.id,
          outcome: OUTCOME,
          kind: "means",
          mean: 10 + 2 * (a.doseMid / 1e6),
          sd: 2,
          n: 20,
        },
      });
  }
});

afterAll(async () => {
  await db().armOutcome.deleteMany({ where: { outcome: OUTCOME } });
});

describe("dose–response evidence for GRADE", () => {
  const filter = parseFilter({}).filter;

  it("finds the gradient in the per-arm data of the pooled studies", async () => {
    expect(studies.length).toBeGreaterThanOrEqual(2);
    const evidence = await doseResponseEvidence({
      outcome: OUTCOME,
      filter,
      rows: studies.map((s) => ({ studyId: s.id })),
    });
    expect(evidence?.test).toBe("slope");
    expect(evidence!.p).toBeLessThan(0.001);
  });

  it("gives none for an outcome without per-arm data, or for studies outside the pooled ones", async () => {
    expect(
      await doseResponseEvidence({
        outcome: "No such outcome",
        filter,
        rows: studies.map((s) => ({ studyId: s.id })),
      }),
    ).toBeNull();
    expect(await doseResponseEvidence({ outcome: OUTCOME, filter, rows: [] })).toBeNull();
  });

  it("fits the curve for the analysis page: 2 points per 10⁶ cells/kg, straight", async () => {
    const viewer = await makeUser(db(), "viewer");
    const choose = (over: Partial<DoseResponseChoices>): DoseResponseChoices => ({
      ...DEFAULT_DOSE_RESPONSE,
      outcome: OUTCOME,
      ...over,
    });
    const linear = (await doseResponseView(viewer, filter, choose({}))) as DoseResponseView;
    expect(linear.model).toBe("two-stage");
    expect(linear.measure).toBe("mean difference");
    expect(linear.studies).toBe(studies.length);
    expect(linear.reference).toBe(0);
    // The data are exactly 10 + 2 × dose: the fitted difference at any dose is 2 × dose.
    for (const p of linear.curve) expect(p.estimate).toBeCloseTo(2 * p.dose, 4);
    for (const p of linear.points) expect(p.value).toBeCloseTo(2 * p.dose, 6);
    // The prediction band holds the confidence band (here, with no between-study spread, it is it).
    for (const p of linear.curve) {
      expect(p.piLower).toBeLessThanOrEqual(p.ciLower + 1e-9);
      expect(p.piUpper).toBeGreaterThanOrEqual(p.ciUpper - 1e-9);
    }
    expect(linear.overall.p).toBeLessThan(0.001);
    // A quadratic term finds nothing to bend: its test has chi² 0, p = 1.
    const quadratic = (await doseResponseView(
      viewer,
      filter,
      choose({ shape: "quadratic" }),
    )) as DoseResponseView;
    expect(quadratic.nonlinearity!.p).toBeCloseTo(1, 4);

    // A straight line from the reference: the largest effect is at the highest dose (an end of the
    // range), ED50 and ED80 at half and 80% of the way there, and (the slope being significant)
    // every dose above the reference differs from it.
    const top = Math.max(...linear.curve.map((p) => p.dose));
    const reading = (v: DoseResponseView, name: string) => v.doses.find((d) => d.name === name)!;
    expect(linear.maximumInterior).toBe(false);
    expect(reading(linear, "maximum").dose).toBeCloseTo(top, 3);
    expect(linear.maximumEffect).toBeCloseTo(2 * top, 3);
    expect(reading(linear, "ed50").dose).toBeCloseTo(top / 2, 3);
    expect(reading(linear, "ed80").dose).toBeCloseTo(0.8 * top, 3);
    expect(reading(linear, "minimum effective").dose).toBeCloseTo(0, 6);

    // Another reference dose moves the curve: the difference from dose 1 is 2 × (dose − 1).
    const fromOne = (await doseResponseView(viewer, filter, choose({ reference: 1 }))) as DoseResponseView;
    expect(fromOne.reference).toBe(1);
    for (const p of fromOne.curve) expect(p.estimate).toBeCloseTo(2 * (p.dose - 1), 4);

    // A spline with knots at chosen doses keeps them, and a straight line stays straight.
    const knots = [0.25 * top, 0.5 * top, 0.75 * top];
    const spline = (await doseResponseView(
      viewer,
      filter,
      choose({ shape: "rcs", knotValues: knots }),
    )) as DoseResponseView;
    expect(spline.knots).toEqual(knots);
    expect(spline.knotsChosen).toBe(true);
    for (const p of spline.curve) expect(p.estimate).toBeCloseTo(2 * p.dose, 3);
    // The model as chosen: across arms, the means themselves (10 + 2 × dose) on the curve.
    const across = (await doseResponseView(viewer, filter, choose({ model: "across" }))) as DoseResponseView;
    expect(across.model).toBe("across-arms");
    expect(across.measure).toBe("mean");
    for (const p of across.curve) expect(p.estimate).toBeCloseTo(10 + 2 * p.dose, 3);
    expect(await doseResponseView(null, filter, choose({})).catch(() => "refused")).toBe("refused");
    expect(await doseResponseView(viewer, filter, choose({ outcome: "No such outcome" }))).toBeNull();
  });

  it("keeps the dose–response choices with a cohort: its link reopens the same fit", async () => {
    const reviewer = await makeUser(db(), "reviewer");
    const cohort = await createCohort(reviewer, {
      name: "Dose–response choices",
      description: "",
      filterQuery: "",
    });
    await saveCohortAnalysis(reviewer, {
      id: cohort.id,
      version: 1,
      analysisQuery: `dro=${encodeURIComponent(OUTCOME)}&drm=within&dr=rcs&drk=4&drref=0.5`,
    });
    const opened = await analysisPage(reviewer, { cohort: cohort.slug });
    expect(opened.doseResponse).toEqual({
      outcome: OUTCOME,
      model: "within",
      shape: "rcs",
      knotCount: 4,
      knotValues: null,
      reference: 0.5,
    });
    // A frozen cohort's curve is fitted on its members as frozen, not on the filter's studies now.
    await db().cohortStudy.createMany({
      data: studies.slice(0, 2).map((st) => ({ cohortId: cohort.id, studyId: st.id, snapshot: {} })),
    });
    const frozen = (await doseResponseView(
      reviewer,
      parseFilter({}).filter,
      { ...opened.doseResponse, shape: "linear", model: "auto" },
      cohort.id,
    )) as DoseResponseView;
    expect(frozen.studies).toBe(2);
    expect(frozen.truncated).toBe(false);
    // Choices in the address win over the saved ones.
    const overridden = await analysisPage(reviewer, { cohort: cohort.slug, dr: "linear" });
    expect(overridden.doseResponse.shape).toBe("linear");
    await db().cohort.delete({ where: { id: cohort.id } });
  });
});
