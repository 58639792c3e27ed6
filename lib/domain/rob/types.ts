// Shared vocabulary of the risk-of-bias tools: answer codes, judgements, and the shape in which
// each tool (RoB 2, ROBINS-I, JBI case series) is described as data.

/** Signalling-question answers of RoB 2 and ROBINS-I (NA only where a question is conditional). */
export const SIGNALLING_ANSWERS = ["Y", "PY", "PN", "N", "NI", "NA"] as const;
export type SignallingAnswer = (typeof SIGNALLING_ANSWERS)[number];

/** JBI checklist answers: Yes, No, Unclear, Not applicable. */
export const JBI_ANSWERS = ["Y", "N", "U", "NA"] as const;
export type JbiAnswer = (typeof JBI_ANSWERS)[number];

export type Answer = SignallingAnswer | JbiAnswer;
export const ALL_ANSWERS: readonly Answer[] = ["Y", "PY", "PN", "N", "NI", "NA", "U"];

export const ANSWER_LABELS: Record<Answer, string> = {
  Y: "Yes",
  PY: "Probably yes",
  PN: "Probably no",
  N: "No",
  NI: "No information",
  NA: "Not applicable",
  U: "Unclear",
};

export function isAnswer(value: string): value is Answer {
  return (ALL_ANSWERS as readonly string[]).includes(value);
}

/** One study's answers, keyed by question id ("1.1"); an absent key is an unanswered question. */
export type Answers = Readonly<Partial<Record<string, Answer>>>;

/** Every judgement any of the tools can give, in robvis's order from best to worst. */
export const JUDGMENTS = [
  "low",
  "some_concerns",
  "moderate",
  "high",
  "serious",
  "critical",
  "no_information",
  "not_applicable",
] as const;
export type Judgment = (typeof JUDGMENTS)[number];

export type Rob2Judgment = "low" | "some_concerns" | "high";
export type RobinsIJudgment = "low" | "moderate" | "serious" | "critical" | "no_information";
/** A JBI item: Yes → low, Unclear → some concerns, No → high, Not applicable. */
export type JbiItemJudgment = "low" | "some_concerns" | "high" | "not_applicable";

export const JUDGMENT_LABELS: Record<Judgment, string> = {
  low: "Low",
  some_concerns: "Some concerns",
  moderate: "Moderate",
  high: "High",
  serious: "Serious",
  critical: "Critical",
  no_information: "No information",
  not_applicable: "Not applicable",
};

export const TOOL_IDS = ["rob2", "robins-i", "jbi-case-series"] as const;
export type ToolId = (typeof TOOL_IDS)[number];

/**
 * The effect the review team wants to assess. RoB 2 domain 2 and ROBINS-I domain 4 ask different
 * questions for the effect of assignment to intervention (intention to treat) and for the effect
 * of adhering to (ROBINS-I: starting and adhering to) intervention (per protocol).
 */
export const VARIANTS = ["assignment", "adhering"] as const;
export type Variant = (typeof VARIANTS)[number];

export interface Question {
  /** "1.1", as the tool numbers it (JBI: "1" … "10"). */
  id: string;
  /** The flowchart's short label, used in reasons. */
  short: string;
  /** The question in our words, faithful to the tool. */
  text: string;
  /** The answers the tool allows for this question. */
  answers: readonly Answer[];
  /** When the tool asks the question, as the tool says it; null when it is always asked. */
  askedWhen: string | null;
  /** Whether the question is asked, given the answers to earlier questions. */
  applies(answers: Answers): boolean;
}

export interface DomainSuggestion<J extends Judgment = Judgment> {
  /** The algorithm's judgement; null when the answers do not determine one (see reasons). */
  suggested: J | null;
  /** The path through the algorithm: each answer used, then the rule that gave the result. */
  reasons: string[];
  /** Other judgements the tool's criteria allow on this path, for the reviewer to weigh. */
  consider: J[];
  /** Questions answered although the tool does not ask them after the earlier answers. */
  warnings: string[];
}

export interface DomainDefinition<J extends Judgment = Judgment> {
  /** "D1" … */
  id: string;
  short: string;
  name: string;
  questions: readonly Question[];
  judge(answers: Answers): DomainSuggestion<J>;
}

export interface OverallSuggestion<O extends Judgment = Judgment> {
  suggested: O | null;
  reasons: string[];
  /**
   * RoB 2 only: some concerns in two or more domains. The guidance allows the overall judgement
   * to be raised to high when such concerns together substantially lower confidence in the result;
   * the algorithm keeps "some_concerns" and raises this flag for the reviewer.
   */
  multipleSomeConcerns: boolean;
}

export interface OverallOptions {
  /** JBI case series: the items the team treats as critical (ids "1" … "10"). */
  jbiCriticalItems?: readonly string[];
}

export interface ToolDefinition<J extends Judgment = Judgment, O extends Judgment = J> {
  id: ToolId;
  name: string;
  citation: string;
  /** The variants the tool needs chosen; empty when it has none. */
  variants: readonly Variant[];
  domainJudgments: readonly J[];
  overallJudgments: readonly O[];
  /** The `tool` argument robvis expects for this tool's data. */
  robvis: "ROB2" | "ROBINS-I" | "Generic";
  domains(variant: Variant | null): readonly DomainDefinition<J>[];
  overall(
    judgments: readonly { domainId: string; judgment: J | null }[],
    options?: OverallOptions,
  ): OverallSuggestion<O>;
}
