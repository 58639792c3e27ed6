// Events within studies: each dosed arm's log relative risk against its study's reference arm,
// with expected values worked out by hand, and the model choice (auto keeps events across arms,
// as single-arm MSC data mostly are).
import { describe, expect, it } from "vitest";
import { doseResponseInput, runDoseResponse, type GradientArm } from "../../lib/domain/stats/dose-response";

const arm = (studyId: string, dose: number | null, cases: number, n: number): GradientArm => ({
  studyId,
  dose: dose === null ? null : { basis: "per_kg", mid: dose * 1e6, administrations: 1 },
  kind: "events",
  cases,
  n,
  mean: null,
  sd: null,
});
const settings = { referenceWeightKg: 70, cumulative: false };

// Study A: 2/10 without cells, 4/10 at 1 × 10⁶/kg, 6/10 at 2 × 10⁶/kg.
// Study B: 0/4 without cells (a zero cell: 1/2 added to every cell), 2/4 at 2 × 10⁶/kg.
const arms = [
  arm("A", null, 2, 10),
  arm("A", 1, 4, 10),
  arm("A", 2, 6, 10),
  arm("B", null, 0, 4),
  arm("B", 2, 2, 4),
];

describe("dose–response within studies for events", () => {
  it("computes log relative risks and their standard errors by hand's numbers", () => {
    const input = doseResponseInput(arms, settings, "within")!;
    expect(input).toMatchObject({ model: "two-stage", measure: "log relative risk", arms: 5 });
    const rows = input.csv.split("\n").map((l) => l.split(","));
    expect(rows[0]).toEqual(["id", "type", "dose", "cases", "n", "logrr", "se"]);
    const row = (id: string, dose: string) => rows.find((r) => r[0] === id && r[2] === dose)!;
    // ln(0.4 / 0.2) = 0.693147, se √(1/4 − 1/10 + 1/2 − 1/10) = √0.55 = 0.741620
    expect(Number(row("A", "1")[5])).toBeCloseTo(0.693147, 5);
    expect(Number(row("A", "1")[6])).toBeCloseTo(0.74162, 5);
    // ln(0.6 / 0.2) = 1.098612, se √(1/6 − 1/10 + 1/2 − 1/10) = √0.466667 = 0.683130
    expect(Number(row("A", "2")[5])).toBeCloseTo(1.098612, 5);
    expect(Number(row("A", "2")[6])).toBeCloseTo(0.68313, 5);
    // B with 1/2 added: 2.5/5 against 0.5/5: ln 5 = 1.609438, se √(0.4 − 0.2 + 2 − 0.2) = √2
    expect(row("B", "0").slice(3)).toEqual(["0.5", "5", "0", ""]);
    expect(Number(row("B", "2")[5])).toBeCloseTo(1.609438, 5);
    expect(Number(row("B", "2")[6])).toBeCloseTo(Math.SQRT2, 5);
    // The models read it: a two-stage linear fit with a positive slope.
    const fit = runDoseResponse(input.csv, { ...input.options, shape: "linear", draws: 0 });
    expect(fit.model).toBe("two-stage");
    expect(fit.studies).toBe(2);
    expect(fit.coefficients[0]!.estimate).toBeGreaterThan(0);
  });

  it("keeps events across arms unless within studies is asked for, and says when it cannot be", () => {
    expect(doseResponseInput(arms, settings)?.model).toBe("across-arms");
    expect(doseResponseInput(arms, settings, "across")?.model).toBe("across-arms");
    const single = [arm("C", 1, 2, 10), arm("C", 2, 4, 10), arm("D", 4, 6, 10)];
    expect(doseResponseInput(single, settings, "within")).toBeNull();
    expect(doseResponseInput(single, settings, "auto")?.model).toBe("across-arms");
  });
});
