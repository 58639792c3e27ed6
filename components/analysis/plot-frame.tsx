// What the meta-analysis plots share: ticks on the scale people read (ratios on a log axis),
// number formats, and the frame with axes that the funnel and bubble plots draw in. Plain SVG on
// the server: the plots export as they are shown.
import type { AnalysisResult } from "@/lib/domain/analysis";
import { backTransform, harmonicMean, type Measure } from "@/lib/domain/stats/meta";

/** The x axis label of each measure. */
export const AXIS_LABEL: Record<Measure, string> = {
  RR: "Risk ratio (log scale)",
  OR: "Odds ratio (log scale)",
  RD: "Risk difference",
  MD: "Mean difference",
  SMD: "Standardised mean difference (Hedges' g)",
  PLO: "Proportion (logit scale)",
  PFT: "Proportion (double-arcsine scale)",
};

export const FONT = { fontSize: 12, fill: "#1f2937" } as const;
export const RATIO: Measure[] = ["RR", "OR"];

export function ticks(lo: number, hi: number, measure: Measure): number[] {
  if (RATIO.includes(measure)) {
    const nice = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].map(Math.log);
    const inside = nice.filter((t) => t >= lo && t <= hi);
    return inside.length >= 2 ? inside : [lo, (lo + hi) / 2, hi];
  }
  const step = (hi - lo) / 4;
  return [0, 1, 2, 3, 4].map((i) => lo + i * step);
}

export const fmt = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);

export function scaleFor(result: AnalysisResult) {
  const hn = result.measure === "PFT" ? harmonicMean(result.studies.map((s) => s.n ?? 1)) : undefined;
  return (v: number) => backTransform(result.measure, v, hn);
}

export function Frame({
  id,
  title,
  width,
  height,
  children,
}: {
  id: string;
  title: string;
  width: number;
  height: number;
  children: React.ReactNode;
}) {
  return (
    <svg
      data-export={id}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title`}
      style={{ maxWidth: width }}
    >
      <title id={`${id}-title`}>{title}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      {children}
    </svg>
  );
}
