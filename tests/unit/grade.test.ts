// GRADE certainty for a summary-of-findings row: each rating-down and rating-up rule at and
// around its threshold, the certainty arithmetic (never below very low or above high), and the
// reviewers' decisions.
import { describe, expect, it } from "vitest";
import { DecisionsSchema, SofInputSchema } from "../../lib/domain/grade/certainty-schemas";
import {
  gradeCertainty,
  type Decisions,
  type GradeFactor,
  type SofInput,
  type SofRow,
} from "../../lib/domain/grade/certainty";

const ln = Math.log;
const rct: SofInput = {
  outcome: "Mortality at 28 days",
  designs: ["randomised", "randomised", "randomised"],
  k: 3,
  participants: 600,
  effect: { estimate: ln(0.7), ciLower: ln(0.55), ciUpper: ln(0.89), ratio: true, measure: "RR" },
  I2: 10,
  tau2: 0.002,
  predictionInterval: { lower: ln(0.4), upper: ln(1.2) },
  riskOfBias: { low: 1 },
};
const nrsi: SofInput = { ...rct, designs: ["non_randomised", "non_randomised", "non_randomised"] };

const factor = (row: SofRow, f: GradeFactor) => row.factors.find((x) => x.factor === f)!;
const level = (input: SofInput, f: GradeFactor) => factor(gradeCertainty(input), f).suggested;

describe("starting level", () => {
  it("starts randomised evidence high and anything else low", () => {
    expect(gradeCertainty(rct).start).toBe("high");
    expect(gradeCertainty(nrsi).start).toBe("low");
    const mixed = gradeCertainty({ ...rct, designs: ["randomised", "single_arm"] });
    expect(mixed.start).toBe("low");
    expect(mixed.notes[0]).toMatch(/separately/);
  });
});

describe("risk of bias (share of weight)", () => {
  const rob = (riskOfBias: SofInput["riskOfBias"]) => level({ ...rct, riskOfBias }, "risk_of_bias");
  it("rates down one level from 25% and two from 50% at high, serious or critical risk", () => {
    expect(rob({ low: 0.76, high: 0.24 })).toBe(0);
    expect(rob({ low: 0.75, high: 0.25 })).toBe(-1);
    expect(rob({ low: 0.51, high: 0.1, serious: 0.39 })).toBe(-1);
    expect(rob({ low: 0.5, high: 0.25, critical: 0.25 })).toBe(-2);
  });
  it("rates down one level when half the weight is not at low risk", () => {
    expect(rob({ low: 0.51, some_concerns: 0.49 })).toBe(0);
    expect(rob({ low: 0.5, some_concerns: 0.3, high: 0.2 })).toBe(-1);
    expect(rob({ low: 0.5, no_information: 0.5 })).toBe(-1);
    // ROBINS-I "moderate" is already reflected in the low starting level.
    expect(rob({ low: 0.1, moderate: 0.9 })).toBe(0);
  });
  it("names the numbers, and leaves it to reviewers without shares", () => {
    const f = factor(
      gradeCertainty({ ...rct, riskOfBias: { low: 0.6, high: 0.3, critical: 0.1 } }),
      "risk_of_bias",
    );
    expect(f.reason).toMatch(
      /^40% of the weight .* high, serious or critical .*at least 25% at high risk → −1\. 10% is at critical risk/,
    );
    expect(f.source).toMatch(/GRADE guidelines 4/);
    expect(factor(gradeCertainty({ ...rct, riskOfBias: null }), "risk_of_bias")).toMatchObject({
      suggested: 0,
      assessed: false,
    });
  });
});

describe("inconsistency", () => {
  const inc = (I2: number, pi: SofInput["predictionInterval"] = rct.predictionInterval, t?: number) =>
    level({ ...rct, I2, predictionInterval: pi, imprecisionThreshold: t }, "inconsistency");
  it("rates down one level above I² 50% and two above 75% when the prediction interval includes the null", () => {
    expect(inc(50)).toBe(0);
    expect(inc(50.1)).toBe(-1);
    expect(inc(75)).toBe(-1);
    expect(inc(75.1)).toBe(-2);
  });
  it("does not rate down when the prediction interval lies on one side", () => {
    expect(inc(80, { lower: ln(0.3), upper: ln(0.95) })).toBe(0);
    // …of the team's threshold, RR 0.8 (log −0.223): a PI of 0.5–0.9 includes it.
    expect(inc(60, { lower: ln(0.5), upper: ln(0.9) }, ln(0.8))).toBe(-1);
    expect(inc(60, { lower: ln(0.5), upper: ln(0.75) }, ln(0.8))).toBe(0);
  });
  it("uses I² alone without a prediction interval, and is not assessed for one study", () => {
    expect(inc(60, null)).toBe(-1);
    const one = factor(gradeCertainty({ ...rct, k: 1 }), "inconsistency");
    expect(one).toMatchObject({ suggested: 0, assessed: false });
    const f = factor(gradeCertainty({ ...rct, I2: 63 }), "inconsistency");
    expect(f.reason).toBe(
      "I² = 63%, τ² = 0.002, and the 95% prediction interval 0.4 to 1.2 includes the null (ratio 1): I² above 50% → −1.",
    );
  });
});

describe("imprecision", () => {
  const imp = (lo: number, hi: number, extra: Partial<SofInput> = {}) =>
    level(
      { ...rct, effect: { ...rct.effect, estimate: (lo + hi) / 2, ciLower: lo, ciUpper: hi }, ...extra },
      "imprecision",
    );
  it("rates down when the CI includes the null (the default threshold)", () => {
    expect(imp(ln(0.55), ln(0.99))).toBe(0);
    expect(imp(ln(0.55), ln(1))).toBe(-1); // a bound on the threshold counts as including it
    expect(imp(ln(0.55), ln(1.3))).toBe(-1);
  });
  it("uses the team's threshold, and rates down twice when the CI spans benefit and harm", () => {
    const t = ln(0.8);
    expect(imp(ln(0.6), ln(0.79), { imprecisionThreshold: t })).toBe(0);
    expect(imp(ln(0.6), ln(0.9), { imprecisionThreshold: t })).toBe(-1);
    expect(imp(ln(0.7), ln(1.24), { imprecisionThreshold: t })).toBe(-1); // 1/0.8 = 1.25 not reached
    expect(imp(ln(0.7), ln(1.26), { imprecisionThreshold: t })).toBe(-2);
  });
  it("rates down when the optimal information size is not met", () => {
    const ois = { size: 600, unit: "participants" as const };
    expect(imp(ln(0.55), ln(0.89), { optimalInformationSize: ois, participants: 600 })).toBe(0);
    expect(imp(ln(0.55), ln(0.89), { optimalInformationSize: ois, participants: 599 })).toBe(-1);
    expect(imp(ln(0.55), ln(1.2), { optimalInformationSize: ois, participants: 599 })).toBe(-2);
    const events = { size: 300, unit: "events" as const };
    expect(imp(ln(0.55), ln(0.89), { optimalInformationSize: events, events: 299 })).toBe(-1);
    expect(imp(ln(0.55), ln(0.89), { optimalInformationSize: events, events: null })).toBe(0);
  });
  it("writes the effect on the natural scale", () => {
    expect(factor(gradeCertainty(rct), "imprecision").reason).toBe(
      "RR 0.7 (95% CI 0.55 to 0.89) excludes the null (ratio 1) → 0.",
    );
  });
});

describe("publication bias", () => {
  it("uses Egger's test only from 10 studies, rating down below p 0.10", () => {
    const pb = (k: number, eggerP: number | null) =>
      factor(gradeCertainty({ ...rct, k, eggerP }), "publication_bias");
    expect(pb(9, 0.01)).toMatchObject({ suggested: 0, assessed: false });
    expect(pb(10, 0.099).suggested).toBe(-1);
    expect(pb(10, 0.1).suggested).toBe(0);
    expect(pb(12, null)).toMatchObject({ suggested: 0, assessed: false });
  });
});

describe("indirectness and plausible confounding", () => {
  it("are left to reviewers", () => {
    const row = gradeCertainty(nrsi);
    expect(factor(row, "indirectness")).toMatchObject({
      suggested: 0,
      assessed: false,
      reason: expect.stringMatching(/^Not assessed: reviewers' judgement/),
    });
    expect(factor(row, "plausible_confounding")).toMatchObject({ suggested: 0, assessed: false });
  });
});

describe("rating up", () => {
  const rr = (r: number, input: SofInput = nrsi) =>
    level(
      { ...input, effect: { ...input.effect, estimate: ln(r), ciLower: ln(r) - 0.2, ciUpper: ln(r) + 0.1 } },
      "large_effect",
    );
  it("rates up a large effect (RR > 2 or < 0.5) by one and a very large one (> 5 or < 0.2) by two", () => {
    expect(rr(2)).toBe(0);
    expect(rr(2.01)).toBe(1);
    expect(rr(5)).toBe(1);
    expect(rr(5.01)).toBe(2);
    expect(rr(0.5)).toBe(0);
    expect(rr(0.49)).toBe(1);
    expect(rr(0.2)).toBe(1);
    expect(rr(0.19)).toBe(2);
  });
  it("only for non-randomised evidence from two or more studies with nothing rated down", () => {
    expect(rr(0.15, rct)).toBe(0);
    expect(rr(0.15, { ...nrsi, k: 1 })).toBe(0);
    expect(rr(0.15, { ...nrsi, riskOfBias: { low: 0.7, serious: 0.3 } })).toBe(0);
    const f = factor(
      gradeCertainty({
        ...nrsi,
        riskOfBias: { low: 0.7, serious: 0.3 },
        effect: { ...nrsi.effect, estimate: ln(0.15), ciLower: ln(0.1), ciUpper: ln(0.25) },
      }),
      "large_effect",
    );
    expect(f.reason).toBe(
      "RR 0.15 is outside 0.2 to 5, a very large effect, but GRADE rates up only evidence not rated down (here: risk of bias −1) → 0.",
    );
    expect(level({ ...nrsi, effect: { ...nrsi.effect, ratio: false } }, "large_effect")).toBe(0);
  });
  it("rates up a dose–response gradient with p below 0.05", () => {
    expect(level({ ...nrsi, doseResponse: { p: 0.049, test: "slope" } }, "dose_response")).toBe(1);
    expect(level({ ...nrsi, doseResponse: { p: 0.05, test: "slope" } }, "dose_response")).toBe(0);
    expect(level({ ...rct, doseResponse: { p: 0.001, test: "non_linearity" } }, "dose_response")).toBe(0);
  });
});

describe("certainty arithmetic", () => {
  it("adds the levels to the start and stays within very low … high", () => {
    expect(gradeCertainty(rct).suggestedCertainty).toBe("high");
    // high (4) − 2 (risk of bias) − 2 (I² 80, PI includes null) − 1 (CI includes null) = −1 → very low.
    const worst = gradeCertainty({
      ...rct,
      riskOfBias: { low: 0.4, high: 0.6 },
      I2: 80,
      effect: { ...rct.effect, ciUpper: ln(1.1) },
    });
    expect(worst.factors.filter((f) => f.kind === "downgrade").map((f) => f.suggested)).toEqual([
      -2, -2, 0, -1, 0,
    ]);
    expect(worst.suggestedCertainty).toBe("very_low");
    // low (2) + 2 (RR 0.15) + 1 (dose–response) = 5 → high.
    const best = gradeCertainty({
      ...nrsi,
      effect: { ...nrsi.effect, estimate: ln(0.15), ciLower: ln(0.1), ciUpper: ln(0.25) },
      doseResponse: { p: 0.01, test: "slope" },
    });
    expect(best.suggestedCertainty).toBe("high");
    expect(gradeCertainty({ ...rct, riskOfBias: { low: 0.7, high: 0.3 } }).suggestedCertainty).toBe(
      "moderate",
    );
    expect(gradeCertainty(nrsi).suggestedCertainty).toBe("low");
  });
});

describe("reviewer decisions", () => {
  it("applies overrides with footnotes and reports what is still pending", () => {
    const input: SofInput = { ...rct, riskOfBias: { low: 0.7, high: 0.3 } };
    const decisions: Decisions = {
      risk_of_bias: {
        action: "override",
        level: 0,
        footnote: "The high-risk trial's bias would favour control.",
      },
      indirectness: { action: "override", level: -1, footnote: "Only adults under 65 were studied." },
      imprecision: { action: "accept" },
    };
    const row = gradeCertainty(input, decisions);
    expect(row.suggestedCertainty).toBe("moderate");
    expect(row.finalCertainty).toBe("moderate"); // 4 + 0 − 1
    expect(factor(row, "risk_of_bias")).toMatchObject({
      suggested: -1,
      final: 0,
      decision: "overridden",
      footnote: expect.stringMatching(/favour/),
    });
    expect(factor(row, "imprecision").decision).toBe("accepted");
    expect(factor(row, "inconsistency").decision).toBe("pending");
    expect(row.allDecided).toBe(false);
  });

  it("recomputes an accepted upgrade once the rating down is overridden", () => {
    const input: SofInput = {
      ...nrsi,
      riskOfBias: { low: 0.7, serious: 0.3 },
      effect: { ...nrsi.effect, estimate: ln(0.3), ciLower: ln(0.2), ciUpper: ln(0.45) },
    };
    const row = gradeCertainty(input, {
      risk_of_bias: {
        action: "override",
        level: 0,
        footnote: "Sensitivity analysis without the serious-risk study agrees.",
      },
      large_effect: { action: "accept" },
    });
    const large = factor(row, "large_effect");
    expect(large).toMatchObject({ suggested: 0, final: 1, decision: "accepted" });
    expect(large.finalReason).toMatch(/→ \+1/);
    expect(row.suggestedCertainty).toBe("very_low"); // 2 − 1
    expect(row.finalCertainty).toBe("moderate"); // 2 + 0 + 1
  });

  it("bounds decisions and inputs with zod", () => {
    expect(
      DecisionsSchema.safeParse({ risk_of_bias: { action: "override", level: -3, footnote: "x" } }).success,
    ).toBe(false);
    expect(
      DecisionsSchema.safeParse({ large_effect: { action: "override", level: -1, footnote: "x" } }).success,
    ).toBe(false);
    expect(DecisionsSchema.safeParse({ risk_of_bias: { action: "override", level: -1 } }).success).toBe(
      false,
    );
    expect(
      DecisionsSchema.safeParse({ risk_of_bias: { action: "override", level: -1, footnote: "a\u0000" } })
        .success,
    ).toBe(false);
    expect(
      DecisionsSchema.safeParse({
        risk_of_bias: { action: "override", level: -1, footnote: "x".repeat(2001) },
      }).success,
    ).toBe(false);
    expect(DecisionsSchema.safeParse({ risk_of_bias: { action: "accept" } }).success).toBe(true);
    expect(SofInputSchema.safeParse(rct).success).toBe(true);
    expect(SofInputSchema.safeParse({ ...rct, riskOfBias: { low: 0.8, high: 0.3 } }).success).toBe(false);
    expect(SofInputSchema.safeParse({ ...rct, effect: { ...rct.effect, estimate: 1 } }).success).toBe(false);
    expect(SofInputSchema.safeParse({ ...rct, I2: 120 }).success).toBe(false);
  });
});
