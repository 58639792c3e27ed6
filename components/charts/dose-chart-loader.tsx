"use client";
// Loads the charting code only when a chart is on the page, after the page itself has loaded; the
// points come with the page (`data`) or, for a large chart, from `src` (see chart-source.ts).
import dynamic from "next/dynamic";
import type { DoseChartProps } from "./dose-chart";
import { useChartData } from "./chart-source";

const DoseChart = dynamic(() => import("./dose-chart"), {
  ssr: false,
  loading: () => <Drawing />,
});

function Drawing() {
  return (
    <p className="chart-loading" aria-busy="true">
      Drawing the chart…
    </p>
  );
}

export function DoseChartLoader(props: DoseChartProps) {
  return <DoseChart {...props} />;
}

/** The chart of the data at `src`. */
export function RemoteDoseChart({ src, ...props }: Omit<DoseChartProps, "data"> & { src: string }) {
  const source = useChartData(src);
  if (source.state === "failed")
    return (
      <p className="chart-loading" role="alert">
        The chart could not be loaded. Reload the page to try again.
      </p>
    );
  if (source.state === "loading") return <Drawing />;
  return <DoseChart {...props} data={source.data} />;
}
