// The words around a dose chart: its title, the text summary beside it and the caption that
// also goes into its exports.
import type { ChartArm, DoseChartData } from "@/lib/contracts/charts";
import type { DoseScale } from "@/lib/domain/dose/dose";
import { fmtInt } from "@/lib/domain/format";
import { attributeLabel, summariseDoseChart } from "@/lib/domain/charts/dose-chart";
import { ATTRIBUTE_LABELS } from "@/lib/domain/charts/labels";
import type { ChartOptions } from "@/lib/domain/charts/options";

const TITLES: Record<ChartOptions["view"], (o: ChartOptions) => string> = {
  groups: (o) => `MSC doses by ${ATTRIBUTE_LABELS[o.groupBy].toLowerCase()} (cells/kg, log scale)`,
  ladders: () => "Dose ladders: studies with two or more doses (cells/kg, log scale)",
  scatter: (o) => `MSC dose against ${ATTRIBUTE_LABELS[o.x].toLowerCase()} (cells/kg, log scale)`,
};

/** The chart's title; on the cumulative scale it says so first. */
export const chartTitle = (options: ChartOptions, scale: DoseScale = "per_administration") => {
  const title = TITLES[options.view](options);
  return scale === "cumulative" ? `Cumulative: ${title}` : title;
};

/** A group's name on the chart: a disease with its full name, else the attribute's label. */
export function groupLabeller(options: ChartOptions, diseaseNames: Record<string, string>) {
  return (key: string) => {
    if (options.groupBy !== "disease") return attributeLabel(options.groupBy, key);
    const name = diseaseNames[key];
    return name && name !== key ? `${key} (${name})` : key;
  };
}

export interface ChartText {
  title: string;
  summary: string;
  caption: string;
}

export function chartText(input: {
  data: DoseChartData;
  options: ChartOptions;
  chips: readonly string[];
  weightKg: number;
  groupLabel: (key: string) => string;
}): ChartText {
  const { data, options, chips, weightKg, groupLabel } = input;
  const moreLadders = options.view === "ladders" && data.ladderStudies > data.ladders.length;
  const ladderSentence =
    options.view === "ladders"
      ? `${fmtInt.format(data.ladderStudies)} ${data.ladderStudies === 1 ? "study gives" : "studies give"} two or more doses in cells/kg` +
        (moreLadders ? `; the ${data.ladders.length} with the most arms are drawn. ` : ". ")
      : "";
  const summary =
    ladderSentence +
    summariseDoseChart({
      convertible: data.convertible,
      drawn: data.points.length,
      estimated: data.estimated,
      excludedEstimated: data.excludedEstimated,
      perJoint: data.perJoint,
      perMl: data.perMl,
      unknown: data.unknown,
      scale: data.scale ?? "per_administration",
      withoutCount: data.withoutCount ?? 0,
      groups: data.groups,
      groupBy: options.groupBy,
      weightKg,
      groupLabel,
    });
  const caption =
    `Filter: ${chips.length ? chips.join("; ") : "all studies"}. Reference body weight ${weightKg} kg. ` +
    (data.sampled
      ? `Showing an even random sample of ${fmtInt.format(data.points.length)} of ${fmtInt.format(data.convertible)} arms; medians, IQRs and ${options.view === "groups" ? "the shaded spread of each group" : "the counts"} use every arm. `
      : "") +
    (moreLadders
      ? `Showing the ${data.ladders.length} studies with the most arms of ${fmtInt.format(data.ladderStudies)}. `
      : "") +
    `${data.unknown} arm${data.unknown === 1 ? "" : "s"} without a readable dose not drawn.`;
  return { title: chartTitle(options, data.scale), summary, caption };
}

/** The arms the chart's data table lists: the ladders' arms, or every drawn arm. */
export function tableArms(data: DoseChartData, view: ChartOptions["view"]): ChartArm[] {
  return view === "ladders" ? data.ladders.flatMap((l) => l.arms) : [...data.points, ...data.otherPoints];
}
