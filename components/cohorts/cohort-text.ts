// The words a cohort's chart carries: its title and a caption naming the cohort, its state,
// its filter and the reference weight, also written into its exports.
import type { DoseChartData } from "@/lib/contracts/charts";
import { fmtInt, fmtUtcMinute } from "@/lib/domain/format";

/** The title of a cohort's chart, which says when its doses are cumulative. */
export const cohortChartTitle = (chart: Pick<DoseChartData, "scale">) =>
  `${chart.scale === "cumulative" ? "Cumulative MSC doses" : "MSC doses"} by disease (cells/kg, log scale)`;

export function cohortChartCaption(input: {
  name: string;
  frozenAt: Date | null;
  chips: readonly string[];
  weightKg: number;
  chart: Pick<DoseChartData, "sampled" | "points" | "convertible">;
}): string {
  const { name, frozenAt, chips, weightKg, chart } = input;
  return `Cohort “${name}” (${frozenAt ? `frozen ${fmtUtcMinute(frozenAt)}` : "live"}). Filter: ${
    chips.length ? chips.join("; ") : "all studies"
  }. Reference body weight ${weightKg} kg.${
    chart.sampled
      ? ` Showing an even random sample of ${fmtInt.format(chart.points.length)} of ${fmtInt.format(chart.convertible)} arms.`
      : ""
  }`;
}

/** The page of a member table asked for in the URL (1 to 100,000). */
export function memberPage(value: string | undefined): number {
  return Math.max(1, Math.min(100_000, Number.parseInt(value ?? "1", 10) || 1));
}
