"use client";
// The chart's data table, behind a disclosure: its rows are drawn in the browser, when it is
// opened, from the chart's own data (read once from `src` for the chart and the table), so a
// large chart's arms do not reach the page a second time as a thousand table rows.
import { useState } from "react";
import type { ChartOptions } from "@/lib/domain/charts/options";
import { fmtInt } from "@/lib/domain/format";
import { ArmTable } from "./arm-table";
import { useChartData } from "./chart-source";
import { tableArms } from "./chart-text";

export function ChartDataDetails({
  src,
  count,
  view,
  colourBy,
}: {
  src: string;
  /** How many arms the table holds (known on the server without the points). */
  count: number;
  view: ChartOptions["view"];
  colourBy: ChartOptions["colourBy"];
}) {
  const [open, setOpen] = useState(false);
  const source = useChartData(open ? src : null);
  return (
    <details className="card chart-data" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Data table: the {fmtInt.format(count)} arm{count === 1 ? "" : "s"} drawn
      </summary>
      {open && source.state === "ready" && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Arms drawn on the chart">
          <ArmTable arms={tableArms(source.data, view)} colourBy={view === "ladders" ? "none" : colourBy} />
        </div>
      )}
      {open && source.state === "loading" && <p aria-busy="true">Reading the arms…</p>}
      {open && source.state === "failed" && (
        <p role="alert">The arms could not be read. Close and open the table to try again.</p>
      )}
    </details>
  );
}
