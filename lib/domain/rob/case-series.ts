// Single-arm studies: the JBI Critical Appraisal Checklist for Case Series (Munn Z, Barker TH,
// Moola S, et al. Methodological quality of case series studies: an introduction to the JBI
// critical appraisal tool. JBI Evid Synth 2020;18(10):2127–2133), as data — its ten items as
// domains, answered Yes / No / Unclear / Not applicable — with the team's overall rule.
//
// Why this tool: the dashboard's single-arm evidence is mostly case series of cell therapies.
// The JBI checklist was built for case series included in reviews of effectiveness and asks
// about the biases that matter most for them — selection (clear inclusion criteria, consecutive
// and complete inclusion), measurement of the condition, and reporting of participants, sites
// and outcomes. The usual alternative, the non-comparative items of MINORS (Slim et al., ANZ J
// Surg 2003), was designed for surgical non-randomised studies and is scored 0–2 per item and
// summed; summary scores hide which bias is present and are discouraged for risk-of-bias
// assessment (Cochrane Handbook, chapter 25; Jüni et al. JAMA 1999), and MINORS mixes design
// features with items (such as a prospective sample-size calculation) that say little about the
// bias of a single-arm result. JBI judges item by item, which fits a traffic-light display.
//
// JBI defines no overall score or judgement. The overall suggestion here is THE TEAM'S RULE,
// not JBI's: "high" when any item the team marks critical (default items 1 inclusion criteria,
// 4 consecutive inclusion, 5 complete inclusion, 8 outcomes reported) is answered No; "some
// concerns" when any item is Unclear or a non-critical item is No; "low" otherwise. Not
// applicable items do not count. Item level: Yes → low, Unclear → some concerns, No → high.
import {
  JBI_ANSWERS,
  type Answers,
  type DomainDefinition,
  type DomainSuggestion,
  type JbiItemJudgment,
  type OverallOptions,
  type OverallSuggestion,
  type Question,
  type Rob2Judgment,
  type ToolDefinition,
} from "./types";
import { Walk } from "./walk";

/** The team's default critical items (see the module comment). */
export const DEFAULT_JBI_CRITICAL_ITEMS: readonly string[] = ["1", "4", "5", "8"];

const ITEMS: readonly { id: string; short: string; text: string }[] = [
  {
    id: "1",
    short: "Clear inclusion criteria",
    text: "Were the criteria for including participants in the case series clear?",
  },
  {
    id: "2",
    short: "Condition measured reliably",
    text: "Was the condition measured in a standard, reliable way for every participant included?",
  },
  {
    id: "3",
    short: "Valid identification of the condition",
    text: "Were valid methods used to identify the condition in every participant included?",
  },
  { id: "4", short: "Consecutive inclusion", text: "Were participants included consecutively?" },
  {
    id: "5",
    short: "Complete inclusion",
    text: "Were all eligible participants included (complete inclusion)?",
  },
  { id: "6", short: "Demographics reported", text: "Were the participants' demographics clearly reported?" },
  {
    id: "7",
    short: "Clinical information reported",
    text: "Was the participants' clinical information clearly reported?",
  },
  {
    id: "8",
    short: "Outcomes reported",
    text: "Were the outcomes or follow-up results of the cases clearly reported?",
  },
  {
    id: "9",
    short: "Site demographics reported",
    text: "Was demographic information on the presenting site(s) or clinic(s) clearly reported?",
  },
  { id: "10", short: "Appropriate statistics", text: "Was the statistical analysis appropriate?" },
];

const SOURCE = "JBI checklist for case series, item answer";

function itemDomain(item: (typeof ITEMS)[number]): DomainDefinition<JbiItemJudgment> {
  const question: Question = {
    id: item.id,
    short: item.short,
    text: item.text,
    answers: JBI_ANSWERS,
    askedWhen: null,
    applies: () => true,
  };
  return {
    id: `D${item.id}`,
    short: item.short,
    name: `${item.id}. ${item.text}`,
    questions: [question],
    judge(a: Answers): DomainSuggestion<JbiItemJudgment> {
      const w = new Walk<JbiItemJudgment>([question], a, SOURCE);
      const answer = w.ask(item.id, { naIsAnswer: true });
      switch (answer) {
        case "Y":
          return w.done("low", "Low: Yes");
        case "N":
          return w.done("high", "High: No");
        case "U":
          return w.done("some_concerns", "Some concerns: Unclear");
        case "NA":
          return w.done("not_applicable", "Not applicable");
        default:
          return w.unresolved();
      }
    },
  };
}

const DOMAINS = ITEMS.map(itemDomain);

/** The team's overall rule (not JBI's, which has none): see the module comment. */
export function jbiOverall(
  judgments: readonly { domainId: string; judgment: JbiItemJudgment | null }[],
  options: OverallOptions = {},
): OverallSuggestion<Rob2Judgment> {
  const critical = new Set((options.jbiCriticalItems ?? DEFAULT_JBI_CRITICAL_ITEMS).map((i) => `D${i}`));
  const rule = `team rule, critical items ${[...critical].map((d) => d.slice(1)).join(", ") || "none"}; JBI defines no overall judgement`;
  const result = (suggested: Rob2Judgment | null, reason: string): OverallSuggestion<Rob2Judgment> => ({
    suggested,
    reasons: [`${reason} (${rule})`],
    multipleSomeConcerns: false,
  });
  const criticalNo = judgments
    .filter((j) => critical.has(j.domainId) && j.judgment === "high")
    .map((j) => j.domainId);
  if (criticalNo.length > 0)
    return result("high", `High: critical item ${criticalNo.map((d) => d.slice(1)).join(", ")} answered No`);
  const missing = judgments.filter((j) => j.judgment === null).map((j) => j.domainId.slice(1));
  if (missing.length > 0) return result(null, `no suggestion: item ${missing.join(", ")} unanswered`);
  const concerns = judgments
    .filter((j) => j.judgment === "some_concerns" || j.judgment === "high")
    .map((j) => `${j.domainId.slice(1)} (${j.judgment === "high" ? "No" : "Unclear"})`);
  if (concerns.length > 0) return result("some_concerns", `Some concerns: item ${concerns.join(", ")}`);
  return result("low", "Low: every applicable item answered Yes");
}

export const JBI_CASE_SERIES: ToolDefinition<JbiItemJudgment, Rob2Judgment> = {
  id: "jbi-case-series",
  name: "JBI Critical Appraisal Checklist for Case Series",
  citation:
    "Munn Z, Barker TH, Moola S, et al. Methodological quality of case series studies: an introduction to the JBI critical appraisal tool. JBI Evid Synth 2020;18(10):2127–2133.",
  variants: [],
  domainJudgments: ["low", "some_concerns", "high", "not_applicable"],
  overallJudgments: ["low", "some_concerns", "high"],
  robvis: "Generic",
  domains() {
    return DOMAINS;
  },
  overall: jbiOverall,
};
