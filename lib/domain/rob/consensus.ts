// What the app keeps of a risk-of-bias assessment (its final judgement per domain and overall),
// when reviewers' submitted assessments agree so that the consensus follows by itself, and which
// judgements count as high risk for sensitivity analyses, filters and GRADE.
import { z } from "zod";
import type { AssessmentResult } from "./assess";
import { getTool, toolDomains } from "./tools";
import { JUDGMENT_LABELS, JUDGMENTS, type Judgment, type ToolId } from "./types";

/** The key under which the overall judgement is kept beside the domain ids ("D1" …). */
export const OVERALL = "overall";

/** Final judgement per domain id and under "overall" (null: not judged yet). */
export type JudgmentMap = Record<string, Judgment | null>;

export const JudgmentSchema = z.enum(JUDGMENTS);
/** Reads a stored judgement map (a JSON column); unknown keys or values are refused. */
export const JudgmentMapSchema = z.record(z.string().max(10), JudgmentSchema.nullable());

export function judgmentsOf(result: AssessmentResult): JudgmentMap {
  const out: JudgmentMap = {};
  for (const d of result.domains) out[d.domainId] = d.final;
  out[OVERALL] = result.overall.final;
  return out;
}

/** Every domain and the overall judgement have a final judgement: the assessment can be submitted. */
export function isComplete(result: AssessmentResult): boolean {
  return result.domains.every((d) => d.final !== null) && result.overall.final !== null;
}

/** The keys a tool's judgement map has: its domain ids, then "overall". */
export function judgmentKeys(tool: ToolId): string[] {
  return [...toolDomains(tool, "assignment").map((d) => d.id), OVERALL];
}

/**
 * The judgements every submitted assessment gives, when there are at least two, all made with
 * the same tool, and they agree on every domain and overall; otherwise null.
 */
export function agreedJudgments(
  submitted: readonly { tool: ToolId; judgments: JudgmentMap }[],
): { tool: ToolId; judgments: JudgmentMap; overall: Judgment } | null {
  const first = submitted[0];
  if (!first || submitted.length < 2) return null;
  if (submitted.some((a) => a.tool !== first.tool)) return null;
  const keys = judgmentKeys(first.tool);
  for (const key of keys) {
    const j = first.judgments[key] ?? null;
    if (j === null || submitted.some((a) => (a.judgments[key] ?? null) !== j)) return null;
  }
  const judgments = Object.fromEntries(keys.map((k) => [k, first.judgments[k] ?? null]));
  return { tool: first.tool, judgments, overall: first.judgments[OVERALL]! };
}

/** Whether two judgement maps give the same judgement under every key (order does not matter). */
export function sameJudgments(a: JudgmentMap, b: JudgmentMap): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? null) === (b[k] ?? null));
}

/** High (RoB 2, JBI), serious or critical (ROBINS-I): left out by the sensitivity analysis. */
export const SEVERE_JUDGMENTS: readonly Judgment[] = ["high", "serious", "critical"];
export const isSevere = (j: Judgment | null | undefined): boolean =>
  j !== null && j !== undefined && SEVERE_JUDGMENTS.includes(j);

/** Which judgements a tool allows in a domain and overall (for a consensus form and its check). */
export function allowedJudgments(tool: ToolId): {
  domain: readonly Judgment[];
  overall: readonly Judgment[];
} {
  const t = getTool(tool);
  return { domain: t.domainJudgments, overall: t.overallJudgments };
}

/** A judgement in words, or "Not assessed". */
export const judgmentLabel = (j: Judgment | null | undefined): string =>
  j ? JUDGMENT_LABELS[j] : "Not assessed";
