"use client";
// Loads the charting code only when a chart is on the page, after the page itself has loaded.
import dynamic from "next/dynamic";
import type { DoseChartProps } from "./dose-chart";

const DoseChart = dynamic(() => import("./dose-chart"), {
  ssr: false,
  loading: () => (
    <p className="chart-loading" aria-busy="true">
      Drawing the chart…
    </p>
  ),
});

export function DoseChartLoader(props: DoseChartProps) {
  return <DoseChart {...props} />;
}
