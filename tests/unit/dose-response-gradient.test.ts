// The dose–response gradient that GRADE's rating up takes, from per-arm data on the cells/kg axis.
import { describe, expect, it } from "vitest";
import { doseResponseGradient, type GradientArm } from "../../lib/domain/stats/dose-response";

const SETTINGS = { referenceWeightKg: 70, cumulative: false };
const mean = (studyId: string, perKg: number | null, y: number, n = 20): GradientArm => ({
  studyId,
  dose: perKg === null ? null : { basis: "per_kg", mid: perKg, administrations: 2 },
  kind: "means",
  cases: null,
  n,
  mean: y,
  sd: 2,
});
const events = (studyId: string, perKg: number, cases: number, n: number): GradientArm => ({
  studyId,
  dose: { basis: "per_kg", mid: perKg, administrations: null },
  kind: "events",
  cases,
  n,
  mean: null,
  sd: null,
});

describe("doseResponseGradient", () => {
  it("finds a steep slope within studies that have a reference arm", () => {
    // Each study: +2 points per 10⁶ cells/kg over its reference arm.
    const arms = ["a", "b", "c"].flatMap((s, i) => [
      mean(s, null, 10 + i),
      mean(s, 1e6, 12 + i),
      mean(s, 2e6, 14 + i),
    ]);
    const g = doseResponseGradient(arms, SETTINGS)!;
    expect(g.model).toBe("two-stage");
    expect(g.studies).toBe(3);
    expect(g.p).toBeLessThan(0.001);
  });

  it("says p = 1 when every dose gives the same mean (a slope of exactly zero)", () => {
    const arms = ["a", "b"].flatMap((s) => [mean(s, null, 10), mean(s, 1e6, 10), mean(s, 3e6, 10)]);
    expect(doseResponseGradient(arms, SETTINGS)!.p).toBeCloseTo(1, 6);
  });

  it("fits single-arm studies across arms (logit proportions) when no study has a reference arm", () => {
    const arms = [
      events("a", 0.5e6, 2, 20),
      events("b", 1e6, 6, 20),
      events("c", 2e6, 12, 20),
      events("d", 4e6, 18, 20),
    ];
    const g = doseResponseGradient(arms, SETTINGS)!;
    expect(g.model).toBe("across-arms");
    expect(g.p).toBeLessThan(0.05);
  });

  it("puts total-cell doses on the per-kg axis at the reference weight, and cumulative ones times the count", () => {
    // 70 × 10⁶ total cells at 70 kg is 10⁶/kg: the same data as the per-kg study above.
    const total = (s: string, cells: number | null, y: number): GradientArm => ({
      ...mean(s, null, y),
      dose: cells === null ? null : { basis: "total", mid: cells, administrations: null },
    });
    const arms = ["a", "b", "c"].flatMap((s, i) => [
      total(s, null, 10 + i),
      total(s, 70e6, 12 + i),
      total(s, 140e6, 14 + i),
    ]);
    expect(doseResponseGradient(arms, SETTINGS)!.p).toBeLessThan(0.001);
    // Cumulative: these arms state no number of administrations, so none has a dose there.
    expect(doseResponseGradient(arms, { ...SETTINGS, cumulative: true })).toBeNull();
  });

  it("gives no answer from too few arms or a single dose", () => {
    expect(doseResponseGradient([mean("a", null, 1), mean("a", 1e6, 2)], SETTINGS)).toBeNull();
    expect(
      doseResponseGradient(
        [events("a", 1e6, 2, 20), events("b", 1e6, 3, 20), events("c", 1e6, 4, 20)],
        SETTINGS,
      ),
    ).toBeNull();
  });
});
