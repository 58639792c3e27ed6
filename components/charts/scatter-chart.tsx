"use client";
// Dose against enrollment, publication year or outcome category.
import { CartesianGrid, ResponsiveContainer, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { DoseChartData } from "@/lib/contracts/charts";
import { jitter, logTicks, scatterX, whiskerOf } from "@/lib/domain/charts/dose-chart";
import type { ChartOptions } from "@/lib/domain/charts/options";
import {
  ArmTooltip,
  AXIS,
  colourSeries,
  doseAxis,
  extent,
  HEIGHT,
  yDomain,
  type Label,
  type Paint,
  type Point,
  type Shape,
} from "./chart-parts";

export function DoseScatter({
  data,
  options,
  shape,
  paint,
  label,
  missingNote,
}: {
  data: DoseChartData;
  options: ChartOptions;
  shape: Shape;
  paint: Paint;
  label: Label;
  missingNote: string | null;
}) {
  const categorical = options.x === "category";
  const categories = categorical
    ? [...new Set(data.points.map((a) => String(scatterX(a, "category"))))].sort()
    : [];
  const points: Point[] = [];
  for (const a of data.points) {
    const raw = scatterX(a, options.x);
    if (raw === null) continue;
    const key = paint(a);
    const x = categorical ? categories.indexOf(String(raw)) + jitter(a.armId) : Number(raw);
    points.push({ ...a, x, y: a.value, colour: key.colour, colourKey: key.value, err: whiskerOf(a) });
  }
  const { domain, ticks } = yDomain(points.flatMap(extent));
  const xs = points.map((p) => p.x);
  const xLabel = {
    enrollment: "Enrollment (patients, log scale)",
    year: "Publication year",
    category: "Outcome category (consensus tag)",
  }[options.x];
  const enrollTicks =
    options.x === "enrollment" && xs.length ? logTicks(Math.min(...xs), Math.max(...xs)) : undefined;
  return (
    <>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <ScatterChart margin={{ top: 12, right: 16, bottom: 28, left: 16 }}>
          <CartesianGrid stroke="#e5e7eb" />
          <XAxis
            type="number"
            dataKey="x"
            scale={options.x === "enrollment" ? "log" : "auto"}
            domain={
              categorical
                ? [-0.5, Math.max(0.5, categories.length - 0.5)]
                : enrollTicks
                  ? [enrollTicks[0]!, enrollTicks[enrollTicks.length - 1]!]
                  : ["dataMin - 1", "dataMax + 1"]
            }
            ticks={categorical ? categories.map((_, i) => i) : enrollTicks}
            tickFormatter={(v: number) =>
              categorical ? label("category", categories[v] ?? "") : String(Math.round(v))
            }
            allowDecimals={false}
            interval={categorical ? 0 : "preserveEnd"}
            tick={AXIS}
            label={{ value: xLabel, position: "insideBottom", offset: -18, ...AXIS }}
          />
          <YAxis {...doseAxis(domain, ticks, data.scale)} />
          <Tooltip content={(p) => <ArmTooltip active={p.active} payload={p.payload} />} cursor={false} />
          {colourSeries(points, shape)}
        </ScatterChart>
      </ResponsiveContainer>
      {missingNote && <p className="muted">{missingNote}</p>}
    </>
  );
}
