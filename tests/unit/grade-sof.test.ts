// A summary-of-findings row built from a pooled analysis: the shares of weight at each risk of
// bias, the imprecision threshold on the analysis scale, the row's numbers and ratings against a
// hand calculation, the team's decisions, and the table as CSV.
import { describe, expect, it } from "vitest";
import { parseAnalysisOptions, runAnalysis, type AnalysisRow } from "../../lib/domain/analysis";
import { leaveOutHighRisk } from "../../lib/domain/analysis/sensitivity";
import {
  certaintySymbols,
  effectText,
  NO_SETTINGS,
  riskOfBiasShares,
  sofCsv,
  sofFootnotes,
  summaryOfFindingsRow,
  thresholdOnAnalysisScale,
} from "../../lib/domain/grade/sof";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const row = (n: number, xi: number, ni: number, over: Partial<AnalysisRow> = {}): AnalysisRow => ({
  studyId: id(n),
  reference: `[${n}]`,
  disease: "RA",
  tissue: "BM",
  route: "I.V",
  donor: "autologous",
  trialId: null,
  registryId: null,
  design: "single_arm",
  dose: null,
  xi,
  ni,
  studyDesign: "randomised",
  robOverall: "low",
  rob: "Low",
  ...over,
});
// Fixed effect on the logit scale: v = 1/x + 1/(n − x); weights 7.5, 15 and 3.75 (of 26.25).
const rows = [row(1, 10, 40), row(2, 30, 60, { robOverall: "high", rob: "High" }), row(3, 5, 20)];
const options = parseAnalysisOptions({ outcome: "remission", method: "FE" }).options;

describe("riskOfBiasShares", () => {
  it("gives each judgement its share of the weight; studies without a consensus count as no information", () => {
    expect(
      riskOfBiasShares([
        { weight: 50, judgment: "low" },
        { weight: 30, judgment: "high" },
        { weight: 20, judgment: null },
      ]),
    ).toEqual({ low: 0.5, high: 0.3, no_information: 0.2 });
  });
});

describe("thresholdOnAnalysisScale", () => {
  it("takes ratios to the log scale and proportions to the logit, and refuses what cannot be", () => {
    expect(thresholdOnAnalysisScale("RR", 0.8)).toBeCloseTo(Math.log(0.8), 12);
    expect(thresholdOnAnalysisScale("PLO", 0.3)).toBeCloseTo(Math.log(0.3 / 0.7), 12);
    expect(thresholdOnAnalysisScale("MD", -2)).toBe(-2);
    expect(thresholdOnAnalysisScale("OR", 0)).toEqual({ error: "A OR threshold must be above 0" });
    expect(thresholdOnAnalysisScale("PFT", 0.3)).toHaveProperty("error");
  });
});

describe("summaryOfFindingsRow", () => {
  const result = runAnalysis(rows, options);
  it("counts studies and participants and rates down for the weight at high risk", () => {
    const r = summaryOfFindingsRow("remission", result, NO_SETTINGS)!;
    expect([r.k, r.participants, r.start, r.measure]).toEqual([3, 120, "high", "PLO"]);
    expect(r.designs).toEqual({ randomised: 3, non_randomised: 0, single_arm: 0, unknown: 0 });
    const rob = r.factors.find((f) => f.factor === "risk_of_bias")!;
    // 15 / 26.25 = 57.1% at high risk: at least 50% → −2.
    expect(rob.suggested).toBe(-2);
    expect(rob.reason).toMatch(/^57\.1% of the weight/);
    // Pooled logit: (7.5·logit(.25) + 15·logit(.5) + 3.75·logit(.25)) / 26.25 = (11.25/26.25)·ln(1/3).
    const pooled = (11.25 / 26.25) * Math.log(1 / 3);
    expect(r.effect.estimate).toBeCloseTo(1 / (1 + Math.exp(-pooled)), 10);
    // ilogit(−0.4708) = 0.3844
    expect(effectText(r)).toMatch(/^PLO 0\.384 \(/);
    expect(sofFootnotes(r)[0]).toMatch(/^Risk of bias −2: 57\.1% of the weight/);
  });

  it("starts low when a study's design is not known, and says so", () => {
    const r = summaryOfFindingsRow(
      "remission",
      runAnalysis([rows[0]!, { ...rows[2]!, studyDesign: null }], options),
      NO_SETTINGS,
    )!;
    expect(r.start).toBe("low");
    expect(r.notes[0]).toBe("1 study has no design set: counted as non-randomised.");
  });

  it("applies the team's threshold on its measure only, and the decisions with their footnotes", () => {
    const r = summaryOfFindingsRow("remission", result, {
      threshold: 0.6,
      thresholdMeasure: "PLO",
      ois: { size: 200, unit: "participants" },
      decisions: {
        risk_of_bias: { action: "override", level: -1, footnote: "Attrition was balanced" },
        imprecision: { action: "accept" },
      },
    })!;
    const imprecision = r.factors.find((f) => f.factor === "imprecision")!;
    expect(imprecision.reason).toMatch(/the threshold 0\.405/); // logit(0.6)
    expect(imprecision.reason).toMatch(/120 participants fall short of the optimal information size of 200/);
    expect(imprecision.decision).toBe("accepted");
    const rob = r.factors.find((f) => f.factor === "risk_of_bias")!;
    expect([rob.decision, rob.final, rob.footnote]).toEqual(["overridden", -1, "Attrition was balanced"]);
    const other = summaryOfFindingsRow("remission", result, {
      ...NO_SETTINGS,
      threshold: 0.8,
      thresholdMeasure: "RR",
    })!;
    expect(other.notes[0]).toMatch(/set for RR; this analysis uses PLO, so the null is used/);
  });

  it("is null without a pooled model", () => {
    expect(summaryOfFindingsRow("x", runAnalysis([rows[0]!], options), NO_SETTINGS)).toBeNull();
  });
});

describe("sofCsv", () => {
  it("writes one row per outcome with each rating's level and the footnotes", () => {
    const r = summaryOfFindingsRow("remission", runAnalysis(rows, options), NO_SETTINGS)!;
    const [header, line] = sofCsv([r]).split("\r\n");
    expect(header).toBe(
      "outcome,studies,participants,randomised,non_randomised,single_arm,design_unknown,measure,estimate,ci_lower,ci_upper,starting_certainty,risk_of_bias,inconsistency,indirectness,imprecision,publication_bias,large_effect,dose_response,plausible_confounding,certainty,suggested_certainty,all_decided,footnotes",
    );
    const cells = line!.split(",");
    expect(cells.slice(0, 8)).toEqual([
      "remission",
      "3",
      "120",
      "3",
      "0",
      "0",
      "0",
      "PLO (logit proportion)",
    ]);
    expect(cells[12]).toBe("-2");
    expect(certaintySymbols("low")).toBe("⊕⊕◯◯");
  });
});

describe("leaveOutHighRisk", () => {
  it("pools the studies that are not at high risk, with the same choices", () => {
    const s = leaveOutHighRisk(
      [
        ...rows,
        row(4, 4, 8, { robOverall: null, rob: "Not assessed" }),
        row(5, 2, 9, { robOverall: "serious" }),
      ],
      options,
    );
    expect(s.left.map((l) => [l.label, l.judgment])).toEqual([
      ["[2] · RA", "high"],
      ["[5] · RA", "serious"],
    ]);
    expect(s.unassessed).toBe(1);
    expect(s.result.studies.map((x) => x.row.reference)).toEqual(["[1]", "[3]", "[4]"]);
  });
});
