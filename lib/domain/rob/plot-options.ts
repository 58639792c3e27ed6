// The risk-of-bias plots' choices, kept in the page's URL beside the filter and the analysis
// choices (whose weights the summary plot can take).
import { z } from "zod";
import { paramValues, type Params } from "../url-params";
import { TOOL_IDS } from "./types";

export const RobPlotOptionsSchema = z.object({
  tool: z.enum(TOOL_IDS).default("rob2"),
  /** "" = every outcome (and whole-study assessments), one row per study–outcome. */
  outcome: z.string().trim().max(120).default(""),
  weighted: z.boolean().default(false),
  palette: z.enum(["robvis", "colourblind"]).default("robvis"),
});
export type RobPlotOptions = z.output<typeof RobPlotOptionsSchema>;

/** The URL parameters of these choices ("outcome" is the analysis's too). */
export const ROB_PLOT_PARAMS = ["tool", "outcome", "weighted", "palette"] as const;

export function parseRobPlotOptions(params: Params): { options: RobPlotOptions; ignored: string[] } {
  const first = (k: string) => paramValues(params, k)[0]?.trim() || undefined;
  const raw: Record<string, unknown> = {
    tool: first("tool")?.toLowerCase(),
    outcome: first("outcome"),
    weighted: first("weighted") === "1",
    palette: first("palette"),
  };
  const ignored: string[] = [];
  let parsed = RobPlotOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      ignored.push(key);
      delete raw[key];
    }
    parsed = RobPlotOptionsSchema.safeParse(raw);
  }
  return { options: parsed.data ?? RobPlotOptionsSchema.parse({}), ignored };
}

export function robPlotOptionsToParams(o: RobPlotOptions): URLSearchParams {
  const p = new URLSearchParams();
  if (o.tool !== "rob2") p.set("tool", o.tool);
  if (o.outcome) p.set("outcome", o.outcome);
  if (o.weighted) p.set("weighted", "1");
  if (o.palette !== "robvis") p.set("palette", o.palette);
  return p;
}

export { TOOL_SHORT_NAMES } from "./tool-names";
