// Assessments: overrides with justifications, the overall judgement from final domain
// judgements, the zod schema's bounds, and the JBI case-series checklist with the team's rule.
import { describe, expect, it } from "vitest";
import { applicableQuestions, assess, type AssessmentInput } from "../../lib/domain/rob/assess";
import { AssessmentInputSchema } from "../../lib/domain/rob/assess-schemas";
import { JBI_CASE_SERIES } from "../../lib/domain/rob/case-series";
import type { Answers } from "../../lib/domain/rob/types";

const lowRob2: Answers = {
  "1.1": "Y",
  "1.2": "Y",
  "1.3": "N",
  "2.1": "N",
  "2.2": "N",
  "2.6": "Y",
  "3.1": "Y",
  "4.1": "N",
  "4.2": "N",
  "4.3": "N",
  "5.1": "Y",
  "5.2": "N",
  "5.3": "N",
};

describe("assess", () => {
  it("suggests per domain and overall, and applies overrides with their justification", () => {
    const plain = assess({ tool: "rob2", variant: "assignment", answers: lowRob2 });
    expect(plain.domains.map((d) => d.suggested)).toEqual(["low", "low", "low", "low", "low"]);
    expect(plain.overall.final).toBe("low");

    const input: AssessmentInput = {
      tool: "rob2",
      variant: "assignment",
      answers: lowRob2,
      overrides: {
        D3: { judgment: "some_concerns", justification: "Dropout differed by arm in the CONSORT diagram." },
        D4: { judgment: "some_concerns", justification: "Patient-reported outcome in an open trial." },
      },
    };
    const r = assess(input);
    const d3 = r.domains.find((d) => d.domainId === "D3")!;
    expect(d3).toMatchObject({ suggested: "low", final: "some_concerns", overridden: true });
    expect(d3.justification).toMatch(/CONSORT/);
    // The overall suggestion comes from the final domain judgements.
    expect(r.overall).toMatchObject({
      suggested: "some_concerns",
      final: "some_concerns",
      multipleSomeConcerns: true,
    });

    const raised = assess({
      ...input,
      overallOverride: { judgment: "high", justification: "Concerns in D3 and D4 together." },
    });
    expect(raised.overall).toMatchObject({ suggested: "some_concerns", final: "high", overridden: true });
  });

  it("needs a variant for RoB 2 and ROBINS-I", () => {
    expect(() => assess({ tool: "robins-i", variant: null, answers: {} })).toThrow(/needs a variant/);
  });

  it("lists the questions that apply given the answers so far", () => {
    const ids = applicableQuestions("rob2", "assignment", { "2.1": "N", "2.2": "N", "2.6": "N" });
    expect(ids).toContain("2.7");
    expect(ids).not.toContain("2.3");
    expect(applicableQuestions("rob2", "assignment", { "2.1": "Y" })).toContain("2.3");
  });
});

describe("AssessmentInputSchema", () => {
  const base = { tool: "rob2", variant: "assignment", answers: { "1.1": "Y" } };
  const issues = (v: unknown) => {
    const r = AssessmentInputSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("accepts a valid assessment and types its answers", () => {
    const r = AssessmentInputSchema.safeParse({
      ...base,
      overrides: { D1: { judgment: "high", justification: "  why  " } },
    });
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.overrides?.D1?.justification).toBe("why");
  });

  it("rejects answers outside the question's set, unknown questions and other variants' questions", () => {
    expect(issues({ ...base, answers: { "1.1": "NA" } })).toEqual([
      expect.stringMatching(/^answers\.1\.1: "NA" is not an answer to 1\.1/),
    ]);
    expect(issues({ ...base, answers: { "3.2": "NI" } })[0]).toMatch(/not an answer to 3\.2/);
    expect(issues({ ...base, answers: { "9.9": "Y" } })[0]).toMatch(/9\.9 is not a question of RoB 2/);
    expect(issues({ ...base, variant: "adhering", answers: { "2.7": "Y" } })[0]).toMatch(
      /2\.7 is not asked for the adhering variant/,
    );
  });

  it("bounds justifications: 1–2000 characters, no NUL", () => {
    const o = (justification: string) => ({
      ...base,
      overrides: { D1: { judgment: "high", justification } },
    });
    expect(issues(o("   "))[0]).toMatch(/Give a justification/);
    expect(issues(o("x".repeat(2000)))).toEqual([]);
    expect(issues(o("x".repeat(2001)))[0]).toMatch(/at most 2,000/);
    expect(issues(o("a\u0000b"))[0]).toMatch(/NUL/);
  });

  it("rejects judgements of another tool, unknown domains and a missing variant", () => {
    expect(issues({ ...base, overrides: { D1: { judgment: "serious", justification: "x" } } }).length).toBe(
      1,
    );
    expect(issues({ ...base, overrides: { D8: { judgment: "high", justification: "x" } } })[0]).toMatch(
      /D8 is not a domain/,
    );
    expect(issues({ tool: "robins-i", answers: {} })[0]).toMatch(/^variant/);
    expect(issues({ tool: "jbi-case-series", answers: { "1": "U" } })).toEqual([]);
  });
});

describe("JBI case series with the team's overall rule", () => {
  const all = (a: "Y" | "N" | "U" | "NA"): Answers =>
    Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`${i + 1}`, a]));
  const run = (answers: Answers, jbiCriticalItems?: string[]) =>
    assess({ tool: "jbi-case-series", variant: null, answers, jbiCriticalItems });

  it("maps item answers to item judgements", () => {
    const r = run({ ...all("Y"), "2": "N", "3": "U", "9": "NA" });
    expect(r.domains.map((d) => d.suggested)).toEqual([
      "low",
      "high",
      "some_concerns",
      "low",
      "low",
      "low",
      "low",
      "low",
      "not_applicable",
      "low",
    ]);
    expect(JBI_CASE_SERIES.domains(null)).toHaveLength(10);
  });

  it("is high when a critical item (default 1, 4, 5, 8) is No", () => {
    for (const item of ["1", "4", "5", "8"])
      expect(run({ ...all("Y"), [item]: "N" }).overall.suggested).toBe("high");
    expect(run({ ...all("Y"), "2": "N" }).overall.suggested).toBe("some_concerns");
    expect(run({ ...all("Y"), "4": "U" }).overall.suggested).toBe("some_concerns");
    expect(run({ ...all("Y"), "9": "NA" }).overall.suggested).toBe("low");
    expect(run(all("Y")).overall.reasons[0]).toMatch(/team rule.*JBI defines no overall judgement/);
  });

  it("takes the team's own critical items", () => {
    expect(run({ ...all("Y"), "2": "N" }, ["2"]).overall.suggested).toBe("high");
    expect(run({ ...all("Y"), "1": "N" }, ["2"]).overall.suggested).toBe("some_concerns");
  });

  it("gives no suggestion while an item is unanswered, unless a critical item is already No", () => {
    const partial: Answers = { "1": "Y", "2": "Y" };
    expect(run(partial).overall.suggested).toBeNull();
    expect(run({ ...partial, "5": "N" }).overall.suggested).toBe("high");
  });
});
