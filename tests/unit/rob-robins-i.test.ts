// ROBINS-I (2016) domain mappings run over every answer combination of each domain, against
// decision tables written by hand from the 2016 tool: the signalling questions and their "If …"
// conditions (ROBINS-I tool template, 19 September 2016) and each domain's judgement criteria
// (detailed guidance 2016, "Reaching risk of bias judgements"; BMJ 2016;355:i4919). The 2016 tool
// has no algorithm: where its criteria leave a choice, the row states the app's documented
// reading (lib/domain/rob/robins-i.ts), and `null` rows are those the criteria cannot settle
// from the answers.
import { describe, expect, it } from "vitest";
import { ROBINS_I, robinsIOverall } from "../../lib/domain/rob/robins-i";
import type { DomainDefinition, RobinsIJudgment, Variant } from "../../lib/domain/rob/types";
import {
  ANY,
  enumerate,
  inGroup,
  matching,
  show,
  type Combo,
  type Row,
  type TestQuestion,
} from "../fixtures/rob/decision-table";

type J = RobinsIJudgment | null;

function domain(id: string, variant: Variant = "assignment"): DomainDefinition<RobinsIJudgment> {
  return ROBINS_I.domains(variant).find((d) => d.id === id)!;
}

function check(def: DomainDefinition, questions: readonly TestQuestion[], rows: readonly Row<J>[]) {
  const failures: string[] = [];
  const used = new Set<Row<J>>();
  for (const c of enumerate(questions)) {
    const m = matching(rows, c);
    if (m.length !== 1) {
      failures.push(`${show(c)}: ${m.length} table rows match`);
      continue;
    }
    used.add(m[0]!);
    const got = def.judge(c).suggested;
    if (got !== m[0]!.expected)
      failures.push(`${show(c)}: algorithm ${got}, table ${m[0]!.expected} (${m[0]!.source})`);
    for (const tq of questions) {
      const q = def.questions.find((x) => x.id === tq.id)!;
      if (q.applies(c) !== (tq.asked ? tq.asked(c) : true))
        failures.push(`${show(c)}: ${tq.id} applicability differs`);
    }
  }
  for (const r of rows) if (!used.has(r)) failures.push(`row never used: ${r.when.join(", ")}`);
  return failures;
}

describe("ROBINS-I domain 1, confounding", () => {
  // 1.2 "If Y/PY to 1.1"; 1.3 "If Y/PY [to 1.2], go to 1.3"; 1.4–1.6 baseline confounding,
  // when 1.2 or 1.3 is N/PN; 1.5 "If Y/PY to 1.4"; 1.7–1.8 when 1.3 is Y/PY; 1.8 "If Y/PY to 1.7".
  const baseline = (c: Combo) => inGroup(c["1.2"], "N/PN") || inGroup(c["1.3"], "N/PN");
  const questions: TestQuestion[] = [
    { id: "1.1", options: ANY },
    { id: "1.2", options: ANY, asked: (c) => inGroup(c["1.1"], "Y/PY") },
    { id: "1.3", options: ANY, asked: (c) => inGroup(c["1.2"], "Y/PY") },
    { id: "1.4", options: ANY, asked: baseline },
    { id: "1.5", options: ANY, asked: (c) => inGroup(c["1.4"], "Y/PY") },
    { id: "1.6", options: ANY, asked: baseline },
    { id: "1.7", options: ANY, asked: (c) => inGroup(c["1.3"], "Y/PY") },
    { id: "1.8", options: ANY, asked: (c) => inGroup(c["1.7"], "Y/PY") },
  ];
  const B = "either 1.2,1.3 in N/PN"; // the baseline-confounding path
  const rows: Row<J>[] = [
    { when: ["1.1 in N/PN"], expected: "low", source: "Low: no confounding expected" },
    {
      when: ["1.1 in NI"],
      expected: "no_information",
      source: "No information on whether confounding might be present",
    },
    { when: ["1.1 in Y/PY", "1.2 in NI"], expected: null, source: "path (baseline or time-varying) unknown" },
    { when: ["1.2 in Y/PY", "1.3 in NI"], expected: null, source: "path unknown" },
    {
      when: [B, "1.4 in N/PN"],
      expected: "serious",
      source: "Serious (i): an important domain not controlled",
    },
    {
      when: [B, "1.4 in NI", "1.6 in Y/PY"],
      expected: "serious",
      source: "app reading: post-intervention adjustment is not appropriate control",
    },
    { when: [B, "1.4 in NI", "1.6 in N/PN/NI"], expected: null, source: "control unknown" },
    {
      when: [B, "1.4 in Y/PY", "1.5 in N/PN"],
      expected: "serious",
      source: "Serious (ii): measurement unreliable",
    },
    {
      when: [B, "1.4 in Y/PY", "1.5 in NI", "1.6 in Y/PY"],
      expected: "serious",
      source: "app reading of 1.6",
    },
    {
      when: [B, "1.4 in Y/PY", "1.5 in NI", "1.6 in N/PN/NI"],
      expected: null,
      source: "measurement unknown",
    },
    {
      when: [B, "1.4 in Y/PY", "1.5 in Y/PY", "1.6 in Y/PY"],
      expected: "serious",
      source: "app reading of 1.6",
    },
    {
      when: [B, "1.4 in Y/PY", "1.5 in Y/PY", "1.6 in NI"],
      expected: null,
      source: "post-intervention adjustment unknown",
    },
    {
      when: [B, "1.4 in Y/PY", "1.5 in Y/PY", "1.6 in N/PN"],
      expected: "moderate",
      source: "Moderate (i) and (ii)",
    },
    { when: ["1.3 in Y/PY", "1.7 in N/PN"], expected: "serious", source: "Serious (i), time-varying" },
    { when: ["1.3 in Y/PY", "1.7 in NI"], expected: null, source: "control unknown" },
    {
      when: ["1.3 in Y/PY", "1.7 in Y/PY", "1.8 in N/PN"],
      expected: "serious",
      source: "Serious (ii), time-varying",
    },
    { when: ["1.3 in Y/PY", "1.7 in Y/PY", "1.8 in NI"], expected: null, source: "measurement unknown" },
    {
      when: ["1.3 in Y/PY", "1.7 in Y/PY", "1.8 in Y/PY"],
      expected: "moderate",
      source: "Moderate, time-varying",
    },
  ];
  it("matches the criteria table for every combination", () => {
    expect(check(domain("D1"), questions, rows)).toEqual([]);
  });
  it("never suggests critical, but lists it on serious paths", () => {
    const r = domain("D1").judge({ "1.1": "Y", "1.2": "N", "1.4": "N", "1.6": "N" });
    expect(r.suggested).toBe("serious");
    expect(r.consider).toEqual(["critical"]);
  });
});

describe("ROBINS-I domain 2, selection of participants", () => {
  // 2.2 "If Y/PY to 2.1"; 2.3 "If Y/PY to 2.2"; 2.5 "If Y/PY to 2.2 and 2.3, or N/PN to 2.4".
  const questions: TestQuestion[] = [
    { id: "2.1", options: ANY },
    { id: "2.2", options: ANY, asked: (c) => inGroup(c["2.1"], "Y/PY") },
    { id: "2.3", options: ANY, asked: (c) => inGroup(c["2.2"], "Y/PY") },
    { id: "2.4", options: ANY },
    { id: "2.5", options: ANY, asked: (c) => inGroup(c["2.3"], "Y/PY") || inGroup(c["2.4"], "N/PN") },
  ];
  const none = "either 2.1,2.2,2.3 in N/PN"; // no selection related to intervention and outcome
  const unknown = "either 2.1,2.2,2.3 in NI";
  const rows: Row<J>[] = [
    { when: [none, "2.4 in Y/PY"], expected: "low", source: "Low (i) and (ii)" },
    { when: [none, "2.4 in NI"], expected: null, source: "timing unknown" },
    { when: [unknown, "2.4 in Y/PY"], expected: null, source: "selection unknown" },
    {
      when: ["2.1 in NI", "2.4 in NI"],
      expected: "no_information",
      source: "No information on selection or timing",
    },
    {
      when: ["either 2.2,2.3 in NI", "2.4 in NI"],
      expected: null,
      source: "selection and timing unknown, but 2.1 answered",
    },
    {
      when: ["2.3 in Y/PY", "2.4 in Y/PY/PN/N", "2.5 in Y/PY"],
      expected: "moderate",
      source: "Moderate (i): adjusted",
    },
    { when: ["2.3 in Y/PY", "2.4 in NI", "2.5 in Y/PY"], expected: null, source: "timing unknown" },
    {
      when: ["2.3 in Y/PY", "2.5 in N/PN"],
      expected: "serious",
      source: "Serious (i): not adjusted (critical if very strong)",
    },
    { when: ["2.3 in Y/PY", "2.5 in NI"], expected: null, source: "adjustment unknown" },
    {
      when: ["2.4 in N/PN", none, "2.5 in Y/PY"],
      expected: "moderate",
      source: "Moderate (ii)(b): adjusted",
    },
    { when: ["2.4 in N/PN", unknown, "2.5 in Y/PY"], expected: null, source: "selection unknown" },
    {
      when: ["2.4 in N/PN", "neither 2.3 in Y/PY", "2.5 in N/PN"],
      expected: "serious",
      source: "Serious (ii) (moderate if few affected)",
    },
    {
      when: ["2.4 in N/PN", "neither 2.3 in Y/PY", "2.5 in NI"],
      expected: null,
      source: "adjustment unknown",
    },
  ];
  it("matches the criteria table for every combination", () => {
    expect(check(domain("D2"), questions, rows)).toEqual([]);
  });
});

describe("ROBINS-I domain 3, classification of interventions", () => {
  const questions: TestQuestion[] = [
    { id: "3.1", options: ANY },
    { id: "3.2", options: ANY },
    { id: "3.3", options: ANY },
  ];
  const rows: Row<J>[] = [
    { when: ["3.1 in N/PN"], expected: "serious", source: "Serious: not well defined" },
    {
      when: ["3.1 in Y/PY/NI", "3.3 in Y/PY"],
      expected: "serious",
      source: "Serious: could be affected by knowledge of the outcome",
    },
    {
      when: ["3.1 in NI", "3.3 in N/PN/NI"],
      expected: "no_information",
      source: "No information: no definition",
    },
    {
      when: ["3.1 in Y/PY", "3.2 in NI", "3.3 in N/PN/NI"],
      expected: "no_information",
      source: "No information: no source",
    },
    {
      when: ["3.1 in Y/PY", "3.2 in Y/PY/N/PN", "3.3 in NI"],
      expected: null,
      source: "influence of outcome unknown",
    },
    { when: ["3.1 in Y/PY", "3.2 in Y/PY", "3.3 in N/PN"], expected: "low", source: "Low" },
    {
      when: ["3.1 in Y/PY", "3.2 in N/PN", "3.3 in N/PN"],
      expected: "moderate",
      source: "Moderate: some aspects retrospective",
    },
  ];
  it("matches the criteria table for all 125 combinations", () => {
    expect(check(domain("D3"), questions, rows)).toEqual([]);
  });
});

describe("ROBINS-I domain 4, deviations from intended interventions", () => {
  it("effect of assignment: matches the criteria table", () => {
    const questions: TestQuestion[] = [
      { id: "4.1", options: ANY },
      { id: "4.2", options: ANY, asked: (c) => inGroup(c["4.1"], "Y/PY") },
    ];
    const rows: Row<J>[] = [
      { when: ["4.1 in N/PN"], expected: "low", source: "Low (i): usual practice" },
      { when: ["4.1 in NI"], expected: "no_information", source: "No information on deviations" },
      { when: ["4.2 in Y/PY"], expected: "serious", source: "Serious: unbalanced and affecting the outcome" },
      {
        when: ["4.2 in N/PN"],
        expected: "moderate",
        source: "app reading: Moderate (slight impact), Low (ii) to consider",
      },
      { when: ["4.2 in NI"], expected: null, source: "unknown" },
    ];
    expect(check(domain("D4"), questions, rows)).toEqual([]);
  });
  it("effect of starting and adhering: matches the criteria table", () => {
    // 4.6 "If N/PN to 4.3, 4.4 or 4.5".
    const questions: TestQuestion[] = [
      { id: "4.3", options: ANY },
      { id: "4.4", options: ANY },
      { id: "4.5", options: ANY },
      { id: "4.6", options: ANY, asked: (c) => ["4.3", "4.4", "4.5"].some((id) => inGroup(c[id], "N/PN")) },
    ];
    const S = "4.3,4.4,4.5";
    const rows: Row<J>[] = [
      { when: [`all ${S} in Y/PY`], expected: "low", source: "Low" },
      {
        when: [`either ${S} in N/PN`, "4.6 in Y/PY"],
        expected: "moderate",
        source: "Moderate (ii): appropriate analysis",
      },
      {
        when: [`either ${S} in N/PN`, "4.6 in N/PN"],
        expected: "serious",
        source: "Serious: no appropriate analysis",
      },
      { when: [`either ${S} in N/PN`, "4.6 in NI"], expected: null, source: "analysis unknown" },
      { when: [`all ${S} in NI`], expected: "no_information", source: "No information on deviations" },
      {
        when: [`neither ${S} in N/PN`, `either ${S} in NI`, `either ${S} in Y/PY`],
        expected: null,
        source: "partly unknown",
      },
    ];
    expect(check(domain("D4", "adhering"), questions, rows)).toEqual([]);
  });
});

describe("ROBINS-I domain 5, missing data", () => {
  // 5.4 and 5.5 "If PN/N to 5.1, or Y/PY to 5.2 or 5.3".
  const triggered = (c: Combo) =>
    inGroup(c["5.1"], "N/PN") || inGroup(c["5.2"], "Y/PY") || inGroup(c["5.3"], "Y/PY");
  const questions: TestQuestion[] = [
    { id: "5.1", options: ANY },
    { id: "5.2", options: ANY },
    { id: "5.3", options: ANY },
    { id: "5.4", options: ANY, asked: triggered },
    { id: "5.5", options: ANY, asked: triggered },
  ];
  const rows: Row<J>[] = [
    // asked (not NA) ⇔ triggered, by the conditions above
    { when: ["5.4 in Y/PY"], expected: "low", source: "Low (ii): similar across interventions" },
    { when: ["5.4 in N/PN/NI", "5.5 in Y/PY"], expected: "low", source: "Low (iii): robust" },
    {
      when: ["5.4 in N/PN/NI", "5.5 in N/PN/NI"],
      expected: null,
      source: "moderate/serious/critical by degree, or unknown",
    },
    {
      when: ["5.4 in NA", "5.1 in Y/PY", "all 5.2,5.3 in N/PN"],
      expected: "low",
      source: "Low (i): reasonably complete",
    },
    {
      when: ["5.4 in NA", "5.1 in NI"],
      expected: "no_information",
      source: "No information on missing data",
    },
    {
      when: ["5.4 in NA", "5.1 in Y/PY", "either 5.2,5.3 in NI"],
      expected: null,
      source: "exclusions unknown",
    },
  ];
  it("matches the criteria table for every combination", () => {
    expect(check(domain("D5"), questions, rows)).toEqual([]);
  });
});

describe("ROBINS-I domain 6, measurement of outcomes", () => {
  const questions: TestQuestion[] = ["6.1", "6.2", "6.3", "6.4"].map((id) => ({ id, options: ANY }));
  const rows: Row<J>[] = [
    { when: ["6.3 in N/PN"], expected: "serious", source: "Serious (i): methods not comparable" },
    {
      when: ["6.3 in Y/PY/NI", "6.4 in Y/PY"],
      expected: "serious",
      source: "Serious (iii): error related to intervention",
    },
    {
      when: ["6.3 in Y/PY/NI", "6.4 in N/PN/NI", "all 6.1,6.2 in Y/PY"],
      expected: "serious",
      source: "Serious (ii): subjective, aware assessors",
    },
    {
      when: ["6.3 in NI", "6.4 in N/PN/NI", "either 6.1,6.2 in N/PN/NI"],
      expected: "no_information",
      source: "No information on methods",
    },
    {
      when: ["6.3 in Y/PY", "6.4 in NI", "either 6.1,6.2 in N/PN/NI"],
      expected: null,
      source: "error unknown",
    },
    { when: ["6.3 in Y/PY", "6.4 in N/PN", "either 6.1,6.2 in N/PN"], expected: "low", source: "Low" },
    {
      when: ["6.3 in Y/PY", "6.4 in N/PN", "neither 6.1,6.2 in N/PN", "either 6.1,6.2 in NI"],
      expected: null,
      source: "objectivity or blinding unknown",
    },
  ];
  it("matches the criteria table for all 625 combinations", () => {
    expect(check(domain("D6"), questions, rows)).toEqual([]);
  });
});

describe("ROBINS-I domain 7, selection of the reported result", () => {
  const questions: TestQuestion[] = ["7.1", "7.2", "7.3"].map((id) => ({ id, options: ANY }));
  const S = "7.1,7.2,7.3";
  const rows: Row<J>[] = [
    { when: [`either ${S} in Y/PY`], expected: "serious", source: "Serious" },
    { when: [`all ${S} in N/PN`], expected: "moderate", source: "Moderate (Low needs protocol evidence)" },
    { when: [`all ${S} in NI`], expected: "no_information", source: "No information" },
    {
      when: [`neither ${S} in Y/PY`, `either ${S} in NI`, `either ${S} in N/PN`],
      expected: null,
      source: "partly unknown",
    },
  ];
  it("matches the criteria table for all 125 combinations", () => {
    expect(check(domain("D7"), questions, rows)).toEqual([]);
  });
});

describe("ROBINS-I overall judgement", () => {
  it("follows the 2016 overall criteria for every combination of domain judgements", () => {
    const levels: (RobinsIJudgment | null)[] = [
      "low",
      "moderate",
      "serious",
      "critical",
      "no_information",
      null,
    ];
    let combos: (RobinsIJudgment | null)[][] = [[]];
    for (let d = 0; d < 7; d++) combos = combos.flatMap((c) => levels.map((l) => [...c, l]));
    const failures: string[] = [];
    for (const c of combos) {
      // Critical if any critical; serious if any serious (none critical); otherwise unknown
      // domains leave no suggestion; no information if information is lacking in a domain; moderate
      // if low or moderate everywhere with a moderate; low if low everywhere.
      const expected = c.includes("critical")
        ? "critical"
        : c.includes("serious")
          ? "serious"
          : c.includes(null)
            ? null
            : c.includes("no_information")
              ? "no_information"
              : c.includes("moderate")
                ? "moderate"
                : "low";
      const got = robinsIOverall(c.map((judgment, i) => ({ domainId: `D${i + 1}`, judgment }))).suggested;
      if (got !== expected) failures.push(`${c.join(",")}: ${got}`);
    }
    expect(failures).toEqual([]);
    expect(combos.length).toBe(6 ** 7);
  });
});
