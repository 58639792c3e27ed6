// Kappa against published worked examples and values worked out by hand.
import { describe, expect, it } from "vitest";
import { agreementReport, cohenKappa, fleissKappa } from "../../lib/domain/agreement";

const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe("Cohen's kappa", () => {
  it("reproduces the worked example of Wikipedia's 'Cohen's kappa' (50 applications, κ = 0.4)", () => {
    // Both yes 20, A yes B no 5, A no B yes 10, both no 15: po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5.
    const pairs = [
      ...repeat(20, ["yes", "yes"] as const),
      ...repeat(5, ["yes", "no"] as const),
      ...repeat(10, ["no", "yes"] as const),
      ...repeat(15, ["no", "no"] as const),
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.4, 10);
  });

  it("is 1 for perfect agreement, below 0 for systematic disagreement, undefined without variation", () => {
    expect(
      cohenKappa([
        ["a", "a"],
        ["b", "b"],
        ["a", "a"],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        ["a", "b"],
        ["b", "a"],
      ]),
    ).toBe(-1);
    expect(
      cohenKappa([
        ["a", "a"],
        ["a", "a"],
      ]),
    ).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });
});

describe("Fleiss' kappa", () => {
  it("reproduces the worked example of Wikipedia's 'Fleiss' kappa' (10 subjects, 14 raters: κ = 0.210)", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    // P̄ = 0.378, Pe = 0.213 in the example.
    expect(fleissKappa(table)).toBeCloseTo(0.20993, 5);
  });

  it("equals Cohen's kappa's cousin Scott's pi for two raters, worked out by hand", () => {
    // Two raters, yes/no: (y,y) (y,n) (n,n) (n,n). P̄ = (1 + 0 + 1 + 1)/4 = 0.75;
    // p_yes = 3/8, p_no = 5/8, Pe = 9/64 + 25/64 = 34/64; κ = (0.75 − 34/64)/(1 − 34/64) = 7/15.
    expect(
      fleissKappa([
        [2, 0],
        [1, 1],
        [0, 2],
        [0, 2],
      ]),
    ).toBeCloseTo(7 / 15, 10);
  });

  it("ignores items rated by fewer than two raters", () => {
    expect(fleissKappa([[1, 0]])).toBeNull();
    expect(
      fleissKappa([
        [2, 0],
        [1, 1],
        [0, 2],
        [0, 2],
        [1, 0],
      ]),
    ).toBeCloseTo(7 / 15, 10);
  });
});

describe("agreement report", () => {
  it("treats each category as a yes/no rating and lists the disagreements", () => {
    const report = agreementReport(
      [
        { studyId: "s1", reviewerId: "r1", categoryIds: ["A"] },
        { studyId: "s1", reviewerId: "r2", categoryIds: ["A", "B"] },
        { studyId: "s2", reviewerId: "r1", categoryIds: [] },
        { studyId: "s2", reviewerId: "r2", categoryIds: [] },
        { studyId: "s3", reviewerId: "r1", categoryIds: ["B"] },
      ],
      ["A", "B"],
    );
    expect(report.reviewers).toBe(2);
    // A: s1 (y,y), s2 (n,n) → perfect. B: s1 (n,y), s2 (n,n) → po = 1/2, pe = (0·1/2 + 1·1/2) = 1/2 → 0.
    expect(report.byCategory).toEqual([
      { categoryId: "A", items: 2, observed: 1, kappa: 1, method: "cohen" },
      { categoryId: "B", items: 2, observed: 0.5, kappa: 0, method: "cohen" },
    ]);
    expect(report.disagreements).toEqual([
      { studyId: "s1", categories: [{ categoryId: "B", yes: ["r2"], no: ["r1"] }] },
    ]);
  });
});
