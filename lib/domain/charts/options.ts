// What the dose chart shows, read from and written back into the URL so a chart is part of a
// shared link. The cohort filter (with its dose settings) travels beside it.
import { z } from "zod";
import { firstParam, type Params } from "../url-params";
import { CHART_VIEWS, COLOUR_BYS, GROUP_BYS, SCATTER_XS } from "./labels";

export * from "./labels";

export const ChartOptionsSchema = z.object({
  view: z.enum(CHART_VIEWS).default("groups"),
  groupBy: z.enum(GROUP_BYS).default("disease"),
  colourBy: z.enum(COLOUR_BYS).default("tissue"),
  x: z.enum(SCATTER_XS).default("enrollment"),
});
export type ChartOptions = z.output<typeof ChartOptionsSchema>;
export const DEFAULT_CHART_OPTIONS: ChartOptions = ChartOptionsSchema.parse({});

/** URL parameters, short and stable: a chart's link saved today must open in later versions. */
export const CHART_PARAMS = { view: "view", groupBy: "group", colourBy: "colour", x: "x" } as const;
const KEYS = CHART_PARAMS;

/** Reads the chart options; a value it does not know falls back to the default and is reported. */
export function parseChartOptions(params: Params): { options: ChartOptions; ignored: string[] } {
  const options = { ...DEFAULT_CHART_OPTIONS };
  const ignored: string[] = [];
  for (const [field, key] of Object.entries(KEYS) as [keyof ChartOptions, string][]) {
    const raw = firstParam(params, key);
    if (raw === undefined || raw === "") continue;
    const parsed = ChartOptionsSchema.shape[field].safeParse(raw);
    if (parsed.success) (options as Record<string, string>)[field] = parsed.data;
    else ignored.push(key);
  }
  return { options, ignored };
}

/** The options that differ from the defaults, as URL parameters. */
export function chartOptionsToParams(options: ChartOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(KEYS) as [keyof ChartOptions, string][])
    if (options[field] !== DEFAULT_CHART_OPTIONS[field]) out[key] = options[field];
  return out;
}
