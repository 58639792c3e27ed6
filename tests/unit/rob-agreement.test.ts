// Agreement between reviewers' risk-of-bias judgements: share equal, Cohen's kappa by hand,
// Light's kappa for three reviewers, and which study–domain pairs need consensus.
import { describe, expect, it } from "vitest";
import { riskOfBiasAgreement, type ReviewerJudgments } from "../../lib/domain/rob/agreement";
import type { Judgment } from "../../lib/domain/rob/types";

function rater(reviewerId: string, d1: Judgment[]): ReviewerJudgments[] {
  return d1.map((j, i) => ({ studyId: `S${i + 1}`, reviewerId, judgments: { D1: j } }));
}

describe("riskOfBiasAgreement", () => {
  it("gives share equal and Cohen's kappa for two reviewers", () => {
    const report = riskOfBiasAgreement(
      [
        ...rater("ann", ["low", "low", "high", "some_concerns"]),
        ...rater("bob", ["low", "some_concerns", "high", "some_concerns"]),
      ],
      ["D1"],
    );
    const d1 = report.domains[0]!;
    // Agreement 3 of 4 = 0.75. Ann: low 2, high 1, some 1; Bob: low 1, some 2, high 1.
    // Chance: (2/4)(1/4) + (1/4)(1/4) + (1/4)(2/4) = 5/16. Kappa = (0.75 − 5/16) / (1 − 5/16) = 7/11.
    expect(d1).toMatchObject({ items: 4, shareEqual: 0.75, method: "cohen", pairs: 1 });
    expect(d1.kappa).toBeCloseTo(7 / 11, 12);
    const s2 = report.studies.find((s) => s.studyId === "S2")!;
    expect(s2.needsConsensus).toBe(true);
    expect(s2.domains[0]).toEqual({
      domainId: "D1",
      status: "needs_consensus",
      judgment: null,
      byReviewer: { ann: "low", bob: "some_concerns" },
    });
    expect(report.studies.find((s) => s.studyId === "S1")!.domains[0]).toMatchObject({
      status: "agreed",
      judgment: "low",
    });
  });

  it("averages pairwise Cohen's kappa for three reviewers (Light's kappa)", () => {
    const a = rater("a", ["low", "high", "low", "high"]);
    const b = rater("b", ["low", "high", "low", "high"]);
    const c = rater("c", ["low", "high", "high", "high"]);
    const d1 = riskOfBiasAgreement([...a, ...b, ...c], ["D1"]).domains[0]!;
    // a–b agree fully: kappa 1. a–c and b–c: agreement 3/4; a has low 2, high 2; c low 1, high 3;
    // chance (2/4)(1/4) + (2/4)(3/4) = 1/2; kappa (3/4 − 1/2)/(1/2) = 1/2. Mean (1 + 1/2 + 1/2)/3 = 2/3.
    expect(d1.method).toBe("light");
    expect(d1.pairs).toBe(3);
    expect(d1.kappa).toBeCloseTo(2 / 3, 12);
    // All three agree on S1, S2, S4: 3 of 4.
    expect(d1.shareEqual).toBe(0.75);
  });

  it("reports single reviewers and unrated domains, and covers the overall judgement", () => {
    const report = riskOfBiasAgreement(
      [
        { studyId: "S1", reviewerId: "a", judgments: { D1: "low", overall: "some_concerns" } },
        { studyId: "S1", reviewerId: "b", judgments: { D1: null, overall: "some_concerns" } },
      ],
      ["D1", "D2", "overall"],
    );
    expect(report.studies[0]!.domains.map((d) => d.status)).toEqual([
      "single_reviewer",
      "not_rated",
      "agreed",
    ]);
    expect(report.domains[0]).toMatchObject({ items: 0, shareEqual: null, kappa: null });
    // Both said some concerns on one item: chance agreement is total, so kappa is undefined.
    expect(report.domains[2]).toMatchObject({ items: 1, shareEqual: 1, kappa: null, method: null });
  });
});
