// One study's risk-of-bias assessment: the tool's suggested judgement per domain and overall,
// the reviewer's overrides (each with a justification, as RoB 2 and ROBINS-I require), worked out
// from the tool's definition. No registry of tools here: the browser's form loads only the tool it
// shows (assess.ts goes from a tool id to its definition, for the server).
import type { Answers, DomainDefinition, Judgment, ToolDefinition, ToolId, Variant } from "./types";

export interface Override<J extends Judgment = Judgment> {
  judgment: J;
  justification: string;
}

export interface AssessmentInput {
  tool: ToolId;
  /** Required for RoB 2 and ROBINS-I (the effect of interest); null for JBI. */
  variant: Variant | null;
  answers: Answers;
  /** Reviewer overrides per domain id ("D1"). */
  overrides?: Readonly<Partial<Record<string, Override>>>;
  overallOverride?: Override | null;
  /** JBI: the items the team treats as critical; default 1, 4, 5, 8. */
  jbiCriticalItems?: readonly string[];
}

export interface DomainResult {
  domainId: string;
  short: string;
  name: string;
  suggested: Judgment | null;
  /** The override if there is one, else the suggestion. */
  final: Judgment | null;
  overridden: boolean;
  justification: string | null;
  reasons: string[];
  consider: Judgment[];
  warnings: string[];
}

export interface OverallResult {
  /** Computed from the domains' final judgements. */
  suggested: Judgment | null;
  final: Judgment | null;
  overridden: boolean;
  justification: string | null;
  reasons: string[];
  multipleSomeConcerns: boolean;
}

export interface AssessmentResult {
  tool: ToolId;
  variant: Variant | null;
  domains: DomainResult[];
  overall: OverallResult;
}

/** The domains a tool asks for a variant; the variant is ignored by tools without variants. */
export function domainsOf(
  tool: ToolDefinition<Judgment, Judgment>,
  variant: Variant | null,
): readonly DomainDefinition<Judgment>[] {
  return tool.domains(tool.variants.length > 0 ? variant : null);
}

/** Assesses with the tool's definition in hand (the browser loads only the tool it shows). */
export function assessWith(
  tool: ToolDefinition<Judgment, Judgment>,
  input: AssessmentInput,
): AssessmentResult {
  const variant = tool.variants.length > 0 ? input.variant : null;
  if (tool.variants.length > 0 && variant === null) {
    throw new Error(`${tool.name} needs a variant: ${tool.variants.join(" or ")}`);
  }
  const domains = domainsOf(tool, variant).map((d): DomainResult => {
    const s = d.judge(input.answers);
    const o = input.overrides?.[d.id];
    return {
      domainId: d.id,
      short: d.short,
      name: d.name,
      suggested: s.suggested,
      final: o ? o.judgment : s.suggested,
      overridden: o !== undefined,
      justification: o?.justification ?? null,
      reasons: s.reasons,
      consider: s.consider,
      warnings: s.warnings,
    };
  });
  // Both tools derive the overall judgement from the domain judgements as the reviewers left
  // them, so overrides of domains flow into the overall suggestion.
  const o = tool.overall(
    domains.map((d) => ({ domainId: d.domainId, judgment: d.final })),
    // Without a choice, JBI's own default (items 1, 4, 5 and 8 critical).
    input.jbiCriticalItems ? { jbiCriticalItems: input.jbiCriticalItems } : {},
  );
  const oo = input.overallOverride ?? null;
  return {
    tool: input.tool,
    variant,
    domains,
    overall: {
      suggested: o.suggested,
      final: oo ? oo.judgment : o.suggested,
      overridden: oo !== null,
      justification: oo?.justification ?? null,
      reasons: o.reasons,
      multipleSomeConcerns: o.multipleSomeConcerns,
    },
  };
}
