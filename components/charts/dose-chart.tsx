"use client";
// The dose charts, drawn with recharts from data shaped on the server: dose by group (every arm
// on a log cells/kg axis, median and IQR per group), dose ladders (the arms of multi-arm studies
// joined), and dose against enrollment, year or outcome category. Loaded lazily (see
// dose-chart-loader.tsx) so the charting code is not part of any page's first load.
import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import type { DoseChartData } from "@/lib/contracts/charts";
import type { ChartOptions } from "@/lib/domain/charts/options";
import {
  attributeLabel,
  chartCsv,
  colourKeyOf,
  colourKeys,
  scatterMissingNote,
  type ArmLike,
} from "@/lib/domain/charts/dose-chart";
import { ChartLegend } from "./chart-legend";
import { Dot, ReadOnly, Scale, type Label } from "./chart-parts";
import { chartSvg, download, svgToPng, type LegendEntry } from "./export-chart";
import { DoseByGroup } from "./group-chart";
import { Ladders } from "./ladder-chart";
import { OtherPanels } from "./other-panels";
import { DoseScatter } from "./scatter-chart";

export interface DoseChartProps {
  data: DoseChartData;
  options: ChartOptions;
  weightKg: number;
  title: string;
  caption: string;
  /** Read-only share pages: points do not open study pages. */
  readOnly?: boolean;
  /** Names for the groups when they are not an attribute of the arms (cohorts compared). */
  groupLabels?: Record<string, string>;
  groupTitle?: string;
}

export default function DoseChart({
  data,
  options,
  weightKg,
  title,
  caption,
  readOnly = false,
  groupLabels,
  groupTitle,
}: DoseChartProps) {
  const router = useRouter();
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const open = (studyId: string) => router.push(`/studies/${studyId}`);
  const shape = Dot({ onOpen: readOnly ? null : open });
  const label: Label = attributeLabel;

  const colourBy = options.colourBy;
  const drawn: ArmLike[] =
    options.view === "ladders" ? data.ladders.flatMap((l) => l.arms) : [...data.points, ...data.otherPoints];
  const keys = options.view === "ladders" ? colourKeys(drawn, "none") : colourKeys(drawn, colourBy);
  const missingNote = options.view === "scatter" ? scatterMissingNote(data.points, options.x) : null;
  const paint = (arm: ArmLike) => colourKeyOf(arm, options.view === "ladders" ? "none" : colourBy, keys);

  const legend: LegendEntry[] = [
    ...keys.map((k) => ({
      label: colourBy === "none" || options.view === "ladders" ? "Arm" : k.label,
      colour: k.colour,
    })),
    ...(data.estimated > 0
      ? [{ label: `Hollow: estimated from total cells at ${weightKg} kg`, colour: "#374151", hollow: true }]
      : []),
    ...(drawn.some((a) => a.spread)
      ? [{ label: "Whisker: range or mean ± SD as reported", colour: "#374151", mark: "whisker" as const }]
      : []),
    ...(options.view === "groups"
      ? [
          { label: "Group median", colour: "#111827", mark: "line" as const },
          { label: "Interquartile range", colour: "#4b5563", mark: "box" as const },
        ]
      : []),
  ];

  async function exportAs(kind: "svg" | "png" | "csv") {
    setError(null);
    try {
      const name = `dose-chart-${options.view}`;
      if (kind === "csv") {
        download(
          new Blob([chartCsv(drawn, weightKg, data.scale)], {
            type: "text/csv",
          }),
          `${name}.csv`,
        );
        return;
      }
      const svg = chartSvg(ref.current!, {
        title,
        caption: missingNote ? `${caption} ${missingNote}` : caption,
        legend,
      });
      if (kind === "svg") download(new Blob([svg], { type: "image/svg+xml" }), `${name}.svg`);
      else download(await svgToPng(svg), `${name}.png`);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The file could not be made");
    }
  }

  let chart: ReactNode;
  if (options.view === "ladders") chart = <Ladders data={data} shape={shape} paint={paint} />;
  else if (options.view === "scatter")
    chart = (
      <DoseScatter
        data={data}
        options={options}
        shape={shape}
        paint={paint}
        label={label}
        missingNote={missingNote}
      />
    );
  else
    chart = (
      <DoseByGroup
        data={data}
        options={options}
        shape={shape}
        paint={paint}
        label={(by, v) => groupLabels?.[v] ?? label(by, v)}
        groupTitle={groupTitle}
      />
    );

  return (
    <ReadOnly.Provider value={readOnly}>
      <Scale.Provider value={data.scale ?? "per_administration"}>
        <div className="dose-chart">
          <div className="chart-toolbar" role="group" aria-label="Download the chart">
            <button type="button" className="button secondary" onClick={() => exportAs("png")}>
              Download PNG
            </button>
            <button type="button" className="button secondary" onClick={() => exportAs("svg")}>
              Download SVG
            </button>
            <button type="button" className="button secondary" onClick={() => exportAs("csv")}>
              Download data (CSV)
            </button>
          </div>
          {error && (
            <p className="alert error" role="alert">
              {error}
            </p>
          )}
          <div ref={ref} data-testid="chart-surface">
            {chart}
            {options.view !== "ladders" && data.otherPoints.length > 0 && (
              <OtherPanels data={data} shape={shape} paint={paint} />
            )}
          </div>
          <ChartLegend legend={legend} />
        </div>
      </Scale.Provider>
    </ReadOnly.Provider>
  );
}
