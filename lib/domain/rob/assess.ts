// One study's risk-of-bias assessment by tool id: the suggestion per domain and overall with the
// reviewer's overrides (assessment.ts), for callers that hold an id rather than a definition. The
// zod schema that bounds what a person may send is in assess-schemas.ts (kept out of the browser).
import { assessWith, type AssessmentInput, type AssessmentResult } from "./assessment";
import { getTool, toolDomains } from "./tools";
import type { Answers, ToolId, Variant } from "./types";

export type { AssessmentInput, AssessmentResult, DomainResult, OverallResult, Override } from "./assessment";

export function assess(input: AssessmentInput): AssessmentResult {
  return assessWith(getTool(input.tool), input);
}

/** The questions the tool asks given the answers so far, in order (for a form to show). */
export function applicableQuestions(tool: ToolId, variant: Variant | null, answers: Answers): string[] {
  return toolDomains(tool, variant).flatMap((d) =>
    d.questions.filter((q) => q.applies(answers)).map((q) => q.id),
  );
}
