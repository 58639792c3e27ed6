// What a reviewer's risk-of-bias form sends, as the server reads it (answers the tool does not ask
// dropped, overrides needing a justification), when submitted assessments agree so that the
// consensus follows, and the plots' choices in the URL.
import { describe, expect, it } from "vitest";
import { agreedJudgments, isSevere, sameJudgments } from "../../lib/domain/rob/consensus";
import { parseRobPlotOptions, robPlotOptionsToParams } from "../../lib/domain/rob/plot-options";
import { RobConsensusSchema, SaveRobAssessmentSchema } from "../../lib/validation/rob";

const STUDY = "6f1c1c8e-5d1b-4d3c-9a55-0e7f2b1a9c01";
const base = { studyId: STUDY, outcome: " remission ", tool: "rob2", variant: "assignment", version: "0" };

describe("SaveRobAssessmentSchema", () => {
  it("keeps the answers the tool asks, drops the others, and reads overrides with their justification", () => {
    const v = SaveRobAssessmentSchema.parse({
      ...base,
      intent: "submit",
      "q_1.1": "Y",
      "q_2.1": "N",
      "q_2.2": "N",
      // 2.3 is asked only when 2.1 or 2.2 is Y/PY/NI: dropped.
      "q_2.3": "Y",
      ov_D1: "high",
      just_D1: "  Sealed envelopes, opened in advance  ",
      ov_overall: "",
    });
    expect(v.outcome).toBe("remission");
    expect(v.submit).toBe(true);
    expect(v.input.answers).toEqual({ "1.1": "Y", "2.1": "N", "2.2": "N" });
    expect(v.input.overrides).toEqual({
      D1: { judgment: "high", justification: "Sealed envelopes, opened in advance" },
    });
    expect(v.input.overallOverride).toBeNull();
  });

  it("names the field of an answer the question does not allow, and of a missing justification", () => {
    const r = SaveRobAssessmentSchema.safeParse({ ...base, "q_1.1": "U", ov_overall: "high" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["just_overall", "Say why you depart from the suggested judgement"],
      ["q_1.1", '"U" is not an answer to 1.1 (allowed: Y, PY, PN, N, NI)'],
    ]);
  });

  it("has no variant for the JBI checklist, and bounds every text", () => {
    const v = SaveRobAssessmentSchema.parse({
      ...base,
      tool: "jbi-case-series",
      variant: "adhering",
      q_1: "Y",
    });
    expect(v.input.variant).toBeNull();
    expect(SaveRobAssessmentSchema.safeParse({ ...base, outcome: "x".repeat(121) }).success).toBe(false);
    expect(SaveRobAssessmentSchema.safeParse({ ...base, just_D1: "x".repeat(2001) }).success).toBe(false);
  });
});

describe("RobConsensusSchema", () => {
  it("needs a judgement the tool allows for every domain and overall, unless it follows the agreement", () => {
    const set = { studyId: STUDY, tool: "robins-i", mode: "set", version: "0" };
    const all = Object.fromEntries(
      ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "overall"].map((k) => [`c_${k}`, "moderate"]),
    );
    expect(RobConsensusSchema.parse({ ...set, ...all }).judgments.overall).toBe("moderate");
    const bad = RobConsensusSchema.safeParse({ ...set, ...all, c_D4: "some_concerns" });
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["c_D4"]);
    expect(RobConsensusSchema.parse({ ...set, mode: "automatic" }).automatic).toBe(true);
  });
});

describe("agreedJudgments", () => {
  const j = (overall: string, d1 = "low") =>
    ({ D1: d1, D2: "low", D3: "low", D4: "low", D5: "low", overall }) as Record<string, "low" | "high">;
  it("follows when two or more submitted assessments agree on every domain and overall", () => {
    expect(agreedJudgments([{ tool: "rob2", judgments: j("low") }])).toBeNull();
    expect(
      agreedJudgments([
        { tool: "rob2", judgments: j("low") },
        { tool: "rob2", judgments: j("low") },
      ]),
    ).toEqual({
      tool: "rob2",
      judgments: j("low"),
      overall: "low",
    });
    expect(
      agreedJudgments([
        { tool: "rob2", judgments: j("high", "high") },
        { tool: "rob2", judgments: j("high") },
      ]),
    ).toBeNull();
    expect(
      agreedJudgments([
        { tool: "rob2", judgments: j("low") },
        { tool: "jbi-case-series", judgments: j("low") },
      ]),
    ).toBeNull();
  });
  it("compares maps whatever their key order, and calls high, serious and critical severe", () => {
    expect(sameJudgments({ D1: "low", overall: "high" }, { overall: "high", D1: "low" })).toBe(true);
    expect(sameJudgments({ D1: "low" }, { D1: "low", D2: null })).toBe(true);
    expect(
      ["low", "some_concerns", "moderate", "high", "serious", "critical", null].map((x) =>
        isSevere(x as never),
      ),
    ).toEqual([false, false, false, true, true, true, false]);
  });
});

describe("the plots' choices", () => {
  it("round-trip through the URL and drop what they cannot read", () => {
    const { options, ignored } = parseRobPlotOptions(
      new URLSearchParams("tool=ROBINS-I&outcome=remission&weighted=1&palette=colourblind"),
    );
    expect(options).toEqual({
      tool: "robins-i",
      outcome: "remission",
      weighted: true,
      palette: "colourblind",
    });
    expect(ignored).toEqual([]);
    expect(robPlotOptionsToParams(options).toString()).toBe(
      "tool=robins-i&outcome=remission&weighted=1&palette=colourblind",
    );
    const bad = parseRobPlotOptions({ tool: "cochrane", palette: "neon" });
    expect(bad.ignored.sort()).toEqual(["palette", "tool"]);
    expect(bad.options.tool).toBe("rob2");
  });
});
