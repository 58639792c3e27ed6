// The registry of risk-of-bias tools, so that callers can go from a tool id to its definition.
import { domainsOf } from "./assessment";
import { JBI_CASE_SERIES } from "./case-series";
import { ROB2 } from "./rob2";
import { ROBINS_I } from "./robins-i";
import type { DomainDefinition, Judgment, ToolDefinition, ToolId, Variant } from "./types";

export const TOOLS: Record<ToolId, ToolDefinition<Judgment, Judgment>> = {
  rob2: ROB2,
  "robins-i": ROBINS_I,
  "jbi-case-series": JBI_CASE_SERIES,
};

export function getTool(id: ToolId): ToolDefinition<Judgment, Judgment> {
  return TOOLS[id];
}

/** The domains the tool asks for a variant; the variant is ignored by tools without variants. */
export function toolDomains(id: ToolId, variant: Variant | null): readonly DomainDefinition<Judgment>[] {
  return domainsOf(TOOLS[id], variant);
}

/** Domain ids and short names without a variant (D2/D4 keep their ids across variants). */
export function domainColumns(id: ToolId): { id: string; short: string; name: string }[] {
  return toolDomains(id, "assignment").map((d) => ({
    id: d.id,
    short: d.short,
    name: d.name.replace(/ \(effect of [^)]*\)$/, ""),
  }));
}
