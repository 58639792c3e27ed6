// The meta-analysis choices of the analysis page, kept in its URL and saved with cohorts.
import { z } from "zod";
import { MEASURES, METHODS } from "../stats/meta";
import { paramKeys, paramValues, type Params } from "../url-params";

/** What subgroups and moderators can be: study attributes, and the overall risk of bias. */
export const ATTRIBUTES = ["disease", "tissue", "route", "donor", "rob"] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export const AnalysisOptionsSchema = z.object({
  outcome: z.string().trim().max(120).default(""),
  measure: z.enum(MEASURES).optional(),
  method: z.enum(METHODS).default("REML"),
  knha: z.boolean().default(false),
  subgroup: z.enum(["none", ...ATTRIBUTES]).default("none"),
  mods: z.enum(["none", "dose", ...ATTRIBUTES]).default("none"),
  /** Studies chosen to stand for their registered trial (instead of the largest). */
  use: z.array(z.uuid()).max(500).default([]),
});
export type AnalysisOptions = z.output<typeof AnalysisOptionsSchema>;

const all = paramValues;
/** `use` and `use_<n>` (one radio group per trial in the form). */
const uses = (p: Params): string[] =>
  paramKeys(p)
    .filter((k) => /^use(_\d+)?$/.test(k))
    .flatMap((k) => all(p, k));

export function parseAnalysisOptions(params: Params): { options: AnalysisOptions; ignored: string[] } {
  const raw: Record<string, unknown> = {
    outcome: all(params, "outcome")[0],
    measure: all(params, "measure")[0]?.toUpperCase() || undefined,
    method: all(params, "method")[0]?.toUpperCase() || undefined,
    knha: all(params, "knha")[0] === "1",
    subgroup: all(params, "sub")[0] || undefined,
    mods: all(params, "mods")[0] || undefined,
    use: uses(params)
      .flatMap((u) => u.split(","))
      .filter(Boolean),
  };
  const ignored: string[] = [];
  let parsed = AnalysisOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      ignored.push(key);
      delete raw[key];
    }
    parsed = AnalysisOptionsSchema.safeParse(raw);
  }
  return { options: parsed.data ?? AnalysisOptionsSchema.parse({}), ignored };
}

export function analysisOptionsToParams(o: AnalysisOptions): URLSearchParams {
  const p = new URLSearchParams();
  if (o.outcome) p.set("outcome", o.outcome);
  if (o.measure) p.set("measure", o.measure);
  if (o.method !== "REML") p.set("method", o.method);
  if (o.knha) p.set("knha", "1");
  if (o.subgroup !== "none") p.set("sub", o.subgroup);
  if (o.mods !== "none") p.set("mods", o.mods);
  for (const u of o.use) p.append("use", u);
  return p;
}

/** The URL parameters the analysis choices use (a cohort's link opens its saved ones unless the
 * address gives some of these). */
export const ANALYSIS_PARAMS = ["outcome", "measure", "method", "knha", "sub", "mods", "use"] as const;
