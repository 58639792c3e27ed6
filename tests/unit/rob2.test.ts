// RoB 2's domain algorithms run over every answer combination of each domain, against decision
// tables transcribed by hand from the figures "Algorithm for suggested judgement of risk of bias
// arising from …" of the RoB 2 full guidance (Higgins, Savović, Page, Elbers, Sterne, 22 August
// 2019), one figure per domain (two for domain 2), and the guidance's overall rule.
import { describe, expect, it } from "vitest";
import { ROB2, rob2Overall } from "../../lib/domain/rob/rob2";
import type { DomainDefinition, Rob2Judgment, Variant } from "../../lib/domain/rob/types";
import {
  ANY,
  ANY_NA,
  enumerate,
  inGroup,
  matching,
  show,
  type Combo,
  type Row,
  type TestQuestion,
} from "../fixtures/rob/decision-table";

type J = Rob2Judgment | null;

function domain(id: string, variant: Variant = "assignment"): DomainDefinition<Rob2Judgment> {
  return ROB2.domains(variant).find((d) => d.id === id)!;
}

/** Runs the algorithm over every combination; returns the failures (empty when all agree). */
function check(def: DomainDefinition, questions: readonly TestQuestion[], rows: readonly Row<J>[]) {
  const failures: string[] = [];
  const used = new Set<Row<J>>();
  const combos = enumerate(questions);
  for (const c of combos) {
    const m = matching(rows, c);
    if (m.length !== 1) {
      failures.push(`${show(c)}: ${m.length} table rows match`);
      continue;
    }
    used.add(m[0]!);
    const got = def.judge(c).suggested;
    if (got !== m[0]!.expected)
      failures.push(`${show(c)}: algorithm ${got}, table ${m[0]!.expected} (${m[0]!.source})`);
    // The tool's "asked when" conditions agree with the hand-written ones.
    for (const tq of questions) {
      const q = def.questions.find((x) => x.id === tq.id)!;
      if (q.applies(c) !== (tq.asked ? tq.asked(c) : true))
        failures.push(`${show(c)}: ${tq.id} applicability differs`);
    }
  }
  for (const r of rows) if (!used.has(r)) failures.push(`row never used: ${r.when.join(", ")}`);
  return { failures, combos: combos.length };
}

describe("RoB 2 domain 1, randomisation process", () => {
  const questions: TestQuestion[] = [
    { id: "1.1", options: ANY },
    { id: "1.2", options: ANY },
    { id: "1.3", options: ANY },
  ];
  const src = "guidance, domain 1 algorithm";
  const rows: Row<J>[] = [
    { when: ["1.2 in Y/PY", "1.1 in Y/PY/NI", "1.3 in N/PN/NI"], expected: "low", source: src },
    { when: ["1.2 in Y/PY", "1.1 in Y/PY/NI", "1.3 in Y/PY"], expected: "some_concerns", source: src },
    { when: ["1.2 in Y/PY", "1.1 in N/PN"], expected: "some_concerns", source: src },
    { when: ["1.2 in NI", "1.3 in N/PN/NI"], expected: "some_concerns", source: src },
    { when: ["1.2 in NI", "1.3 in Y/PY"], expected: "high", source: src },
    { when: ["1.2 in N/PN"], expected: "high", source: src },
  ];
  it("matches the flowchart for all 125 combinations", () => {
    const r = check(domain("D1"), questions, rows);
    expect(r.failures).toEqual([]);
    expect(r.combos).toBe(125);
  });
});

describe("RoB 2 domain 2, effect of assignment to intervention", () => {
  const aware = (c: Combo) => inGroup(c["2.1"], "Y/PY/NI") || inGroup(c["2.2"], "Y/PY/NI");
  // "2.3 If Y/PY/NI to 2.1 or 2.2", "2.4 If Y/PY to 2.3", "2.5 If Y/PY/NI to 2.4",
  // "2.7 If N/PN/NI to 2.6".
  const questions: TestQuestion[] = [
    { id: "2.1", options: ANY },
    { id: "2.2", options: ANY },
    { id: "2.3", options: ANY, asked: aware },
    { id: "2.4", options: ANY, asked: (c) => inGroup(c["2.3"], "Y/PY") },
    { id: "2.5", options: ANY, asked: (c) => inGroup(c["2.4"], "Y/PY/NI") },
    { id: "2.6", options: ANY },
    { id: "2.7", options: ANY, asked: (c) => inGroup(c["2.6"], "N/PN/NI") },
  ];
  const p1 = "guidance, domain 2 (assignment) algorithm, part 1";
  const part1: Row<Rob2Judgment>[] = [
    { when: ["all 2.1,2.2 in N/PN"], expected: "low", source: p1 },
    { when: ["either 2.1,2.2 in Y/PY/NI", "2.3 in N/PN"], expected: "low", source: p1 },
    { when: ["either 2.1,2.2 in Y/PY/NI", "2.3 in NI"], expected: "some_concerns", source: p1 },
    { when: ["2.3 in Y/PY", "2.4 in N/PN"], expected: "some_concerns", source: p1 },
    { when: ["2.3 in Y/PY", "2.4 in Y/PY/NI", "2.5 in Y/PY"], expected: "some_concerns", source: p1 },
    { when: ["2.3 in Y/PY", "2.4 in Y/PY/NI", "2.5 in N/PN/NI"], expected: "high", source: p1 },
  ];
  const p2 = "guidance, domain 2 (assignment) algorithm, part 2";
  const part2: Row<Rob2Judgment>[] = [
    { when: ["2.6 in Y/PY"], expected: "low", source: p2 },
    { when: ["2.6 in N/PN/NI", "2.7 in N/PN"], expected: "some_concerns", source: p2 },
    { when: ["2.6 in N/PN/NI", "2.7 in Y/PY/NI"], expected: "high", source: p2 },
  ];
  // "Criteria for the domain": low if both parts are low, high if either is high, else some concerns.
  const combine: Record<Rob2Judgment, Record<Rob2Judgment, Rob2Judgment>> = {
    low: { low: "low", some_concerns: "some_concerns", high: "high" },
    some_concerns: { low: "some_concerns", some_concerns: "some_concerns", high: "high" },
    high: { low: "high", some_concerns: "high", high: "high" },
  };
  it("matches both parts and their combination for every combination", () => {
    const failures: string[] = [];
    const combos = enumerate(questions);
    const def = domain("D2");
    for (const c of combos) {
      const a = matching(part1, c);
      const b = matching(part2, c);
      if (a.length !== 1 || b.length !== 1) {
        failures.push(`${show(c)}: ${a.length} part-1 rows, ${b.length} part-2 rows`);
        continue;
      }
      const expected = combine[a[0]!.expected][b[0]!.expected];
      const got = def.judge(c).suggested;
      if (got !== expected) failures.push(`${show(c)}: algorithm ${got}, table ${expected}`);
      for (const tq of questions) {
        const q = def.questions.find((x) => x.id === tq.id)!;
        if (q.applies(c) !== (tq.asked ? tq.asked(c) : true))
          failures.push(`${show(c)}: ${tq.id} applicability differs`);
      }
    }
    expect(failures).toEqual([]);
    expect(combos.length).toBeGreaterThan(1000);
  });
});

describe("RoB 2 domain 2, effect of adhering to intervention", () => {
  const aware = (c: Combo) => inGroup(c["2.1"], "Y/PY/NI") || inGroup(c["2.2"], "Y/PY/NI");
  // 2.3 "[If applicable:] If Y/PY/NI to 2.1 or 2.2"; 2.4, 2.5 "[If applicable]" (NA when the
  // assessment does not address them); 2.6 "If N/PN/NI to 2.3, or Y/PY/NI to 2.4 or 2.5".
  const questions: TestQuestion[] = [
    { id: "2.1", options: ANY },
    { id: "2.2", options: ANY },
    { id: "2.3", options: ANY_NA, asked: aware },
    { id: "2.4", options: ANY_NA },
    { id: "2.5", options: ANY_NA },
    {
      id: "2.6",
      options: ANY,
      asked: (c) =>
        (aware(c) && inGroup(c["2.3"], "N/PN/NI")) ||
        inGroup(c["2.4"], "Y/PY/NI") ||
        inGroup(c["2.5"], "Y/PY/NI"),
    },
  ];
  const src = "guidance, domain 2 (adhering) algorithm";
  const rows: Row<J>[] = [
    { when: ["all 2.1,2.2 in N/PN", "all 2.4,2.5 in NA/N/PN"], expected: "low", source: src },
    {
      when: ["all 2.1,2.2 in N/PN", "either 2.4,2.5 in Y/PY/NI", "2.6 in Y/PY"],
      expected: "some_concerns",
      source: src,
    },
    {
      when: ["all 2.1,2.2 in N/PN", "either 2.4,2.5 in Y/PY/NI", "2.6 in N/PN/NI"],
      expected: "high",
      source: src,
    },
    {
      when: ["either 2.1,2.2 in Y/PY/NI", "2.3 in NA/Y/PY", "all 2.4,2.5 in NA/N/PN"],
      expected: "low",
      source: src,
    },
    {
      when: ["either 2.1,2.2 in Y/PY/NI", "2.3 in NA/Y/PY", "either 2.4,2.5 in Y/PY/NI", "2.6 in Y/PY"],
      expected: "some_concerns",
      source: src,
    },
    {
      when: ["either 2.1,2.2 in Y/PY/NI", "2.3 in NA/Y/PY", "either 2.4,2.5 in Y/PY/NI", "2.6 in N/PN/NI"],
      expected: "high",
      source: src,
    },
    {
      when: ["either 2.1,2.2 in Y/PY/NI", "2.3 in N/PN/NI", "2.6 in Y/PY"],
      expected: "some_concerns",
      source: src,
    },
    {
      when: ["either 2.1,2.2 in Y/PY/NI", "2.3 in N/PN/NI", "2.6 in N/PN/NI"],
      expected: "high",
      source: src,
    },
  ];
  it("matches the flowchart for every combination", () => {
    const r = check(domain("D2", "adhering"), questions, rows);
    expect(r.failures).toEqual([]);
  });
});

describe("RoB 2 domain 3, missing outcome data", () => {
  // 3.2 "If N/PN/NI to 3.1" (answers NA/Y/PY/PN/N: no NI); 3.3 "If N/PN to 3.2"; 3.4 "If Y/PY/NI to 3.3".
  const questions: TestQuestion[] = [
    { id: "3.1", options: ANY },
    { id: "3.2", options: ["Y", "PY", "PN", "N"], asked: (c) => inGroup(c["3.1"], "N/PN/NI") },
    { id: "3.3", options: ANY, asked: (c) => inGroup(c["3.2"], "N/PN") },
    { id: "3.4", options: ANY, asked: (c) => inGroup(c["3.3"], "Y/PY/NI") },
  ];
  const src = "guidance, domain 3 algorithm";
  const rows: Row<J>[] = [
    { when: ["3.1 in Y/PY"], expected: "low", source: src },
    { when: ["3.1 in N/PN/NI", "3.2 in Y/PY"], expected: "low", source: src },
    { when: ["3.2 in N/PN", "3.3 in N/PN"], expected: "low", source: src },
    { when: ["3.2 in N/PN", "3.3 in Y/PY/NI", "3.4 in N/PN"], expected: "some_concerns", source: src },
    { when: ["3.2 in N/PN", "3.3 in Y/PY/NI", "3.4 in Y/PY/NI"], expected: "high", source: src },
  ];
  it("matches the flowchart for every combination", () => {
    const r = check(domain("D3"), questions, rows);
    expect(r.failures).toEqual([]);
  });
});

describe("RoB 2 domain 4, measurement of the outcome", () => {
  // 4.3 "If N/PN/NI to 4.1 and 4.2"; 4.4 "If Y/PY/NI to 4.3"; 4.5 "If Y/PY/NI to 4.4".
  const questions: TestQuestion[] = [
    { id: "4.1", options: ANY },
    { id: "4.2", options: ANY },
    { id: "4.3", options: ANY, asked: (c) => inGroup(c["4.1"], "N/PN/NI") && inGroup(c["4.2"], "N/PN/NI") },
    { id: "4.4", options: ANY, asked: (c) => inGroup(c["4.3"], "Y/PY/NI") },
    { id: "4.5", options: ANY, asked: (c) => inGroup(c["4.4"], "Y/PY/NI") },
  ];
  const src = "guidance, domain 4 algorithm";
  const rows: Row<J>[] = [
    { when: ["4.1 in Y/PY"], expected: "high", source: src },
    { when: ["4.1 in N/PN/NI", "4.2 in Y/PY"], expected: "high", source: src },
    // 4.2 N/PN branch
    { when: ["4.2 in N/PN", "4.3 in N/PN"], expected: "low", source: src },
    { when: ["4.2 in N/PN", "4.3 in Y/PY/NI", "4.4 in N/PN"], expected: "low", source: src },
    { when: ["4.2 in N/PN", "4.4 in Y/PY/NI", "4.5 in N/PN"], expected: "some_concerns", source: src },
    { when: ["4.2 in N/PN", "4.4 in Y/PY/NI", "4.5 in Y/PY/NI"], expected: "high", source: src },
    // 4.2 NI branch
    { when: ["4.2 in NI", "4.3 in N/PN"], expected: "some_concerns", source: src },
    { when: ["4.2 in NI", "4.3 in Y/PY/NI", "4.4 in N/PN"], expected: "some_concerns", source: src },
    { when: ["4.2 in NI", "4.4 in Y/PY/NI", "4.5 in N/PN"], expected: "some_concerns", source: src },
    { when: ["4.2 in NI", "4.4 in Y/PY/NI", "4.5 in Y/PY/NI"], expected: "high", source: src },
  ];
  it("matches the flowchart for every combination", () => {
    const r = check(domain("D4"), questions, rows);
    expect(r.failures).toEqual([]);
  });
});

describe("RoB 2 domain 5, selection of the reported result", () => {
  const questions: TestQuestion[] = [
    { id: "5.1", options: ANY },
    { id: "5.2", options: ANY },
    { id: "5.3", options: ANY },
  ];
  const src = "guidance, domain 5 algorithm";
  const rows: Row<J>[] = [
    { when: ["either 5.2,5.3 in Y/PY"], expected: "high", source: src },
    { when: ["neither 5.2,5.3 in Y/PY", "either 5.2,5.3 in NI"], expected: "some_concerns", source: src },
    { when: ["all 5.2,5.3 in N/PN", "5.1 in Y/PY"], expected: "low", source: src },
    { when: ["all 5.2,5.3 in N/PN", "5.1 in N/PN/NI"], expected: "some_concerns", source: src },
  ];
  it("matches the flowchart for all 125 combinations", () => {
    const r = check(domain("D5"), questions, rows);
    expect(r.failures).toEqual([]);
    expect(r.combos).toBe(125);
  });
});

describe("RoB 2 overall judgement", () => {
  const levels: Rob2Judgment[] = ["low", "some_concerns", "high"];
  it("follows the guidance's overall criteria for all 243 combinations of domain judgements", () => {
    const failures: string[] = [];
    let combos: Rob2Judgment[][] = [[]];
    for (let d = 0; d < 5; d++) combos = combos.flatMap((c) => levels.map((l) => [...c, l]));
    for (const c of combos) {
      // Guidance: low if low in all domains; high if high in at least one; some concerns if
      // some concerns in at least one and high in none (multiple: a reviewer may raise to high).
      const expected = c.includes("high") ? "high" : c.includes("some_concerns") ? "some_concerns" : "low";
      const multiple = !c.includes("high") && c.filter((x) => x === "some_concerns").length >= 2;
      const got = rob2Overall(c.map((judgment, i) => ({ domainId: `D${i + 1}`, judgment })));
      if (got.suggested !== expected || got.multipleSomeConcerns !== multiple) {
        failures.push(`${c.join(",")}: ${got.suggested}/${got.multipleSomeConcerns}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("gives high even when another domain is unresolved, and no suggestion otherwise", () => {
    const d = (judgment: Rob2Judgment | null, i: number) => ({ domainId: `D${i}`, judgment });
    expect(rob2Overall([d("high", 1), d(null, 2)]).suggested).toBe("high");
    const r = rob2Overall([d("low", 1), d(null, 2)]);
    expect(r.suggested).toBeNull();
    expect(r.reasons[0]).toMatch(/D2 without a judgement/);
  });
});

describe("RoB 2 answers the algorithm cannot use", () => {
  it("gives no suggestion, with the reason, when a needed answer is missing", () => {
    const r = domain("D1").judge({ "1.2": "Y", "1.3": "N" });
    expect(r.suggested).toBeNull();
    expect(r.reasons.join("\n")).toMatch(/1\.1 .*needed on this path but is unanswered/);
  });

  it("gives no suggestion when a question that applies is answered NA", () => {
    const r = domain("D3").judge({ "3.1": "N", "3.2": "NA" });
    expect(r.suggested).toBeNull();
    expect(r.reasons.join("\n")).toMatch(/3\.2 .*answered NA/);
  });

  it("warns about answers to questions the tool does not ask on this path", () => {
    const r = domain("D3").judge({ "3.1": "Y", "3.2": "N" });
    expect(r.suggested).toBe("low");
    expect(r.warnings).toEqual([
      expect.stringMatching(/^3\.2 is answered N, but the tool asks it only if N\/PN\/NI to 3\.1/),
    ]);
  });

  it("names each question with its text, answers and condition", () => {
    const q27 = domain("D2").questions.find((q) => q.id === "2.7")!;
    expect(q27.askedWhen).toBe("if N/PN/NI to 2.6");
    expect(q27.answers).toEqual(["NA", "Y", "PY", "PN", "N", "NI"]);
    expect(domain("D3").questions.find((q) => q.id === "3.2")!.answers).not.toContain("NI");
    expect(domain("D1").questions.every((q) => !q.answers.includes("NA"))).toBe(true);
  });
});
