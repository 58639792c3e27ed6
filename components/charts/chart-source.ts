"use client";
// The chart data of a page that does not carry its points in its HTML: read once per address
// from /api/charts.json and shared by everything on the page that draws them (the chart and its
// data table).
import { useEffect, useState } from "react";
import type { DoseChartData } from "@/lib/contracts/charts";

const loads = new Map<string, Promise<DoseChartData>>();

function load(src: string): Promise<DoseChartData> {
  let p = loads.get(src);
  if (!p) {
    p = fetch(src, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      async (res) => {
        if (!res.ok) throw new Error(`chart data: ${res.status}`);
        return (await res.json()) as DoseChartData;
      },
    );
    // A failed read may be tried again (by reloading the part of the page that asked for it).
    p.catch(() => loads.delete(src));
    loads.set(src, p);
    if (loads.size > 20) loads.delete(loads.keys().next().value!);
  }
  return p;
}

export type ChartSource =
  { state: "loading" } | { state: "failed" } | { state: "ready"; data: DoseChartData };

/** The data at `src`, or null to read nothing yet. */
export function useChartData(src: string | null): ChartSource {
  const [result, setResult] = useState<{ src: string; source: ChartSource } | null>(null);
  useEffect(() => {
    if (!src) return;
    let live = true;
    load(src).then(
      (data) => live && setResult({ src, source: { state: "ready", data } }),
      () => live && setResult({ src, source: { state: "failed" } }),
    );
    return () => {
      live = false;
    };
  }, [src]);
  return result && result.src === src ? result.source : { state: "loading" };
}
