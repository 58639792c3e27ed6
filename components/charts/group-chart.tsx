"use client";
// Dose by group: every arm on a log cells/kg axis, with each group's median and IQR over all its arms.
import {
  CartesianGrid,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { DoseChartData } from "@/lib/contracts/charts";
import { attributeOf, jitter, whiskerOf } from "@/lib/domain/charts/dose-chart";
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

export function DoseByGroup({
  data,
  options,
  shape,
  paint,
  label,
  groupTitle,
}: {
  data: DoseChartData;
  options: ChartOptions;
  shape: Shape;
  paint: Paint;
  label: Label;
  groupTitle?: string;
}) {
  const index = new Map(data.groups.map((g, i) => [g.key, i]));
  const points: Point[] = data.points.map((a) => {
    const key = paint(a);
    return {
      ...a,
      x: (index.get(a.group ?? attributeOf(a, options.groupBy)) ?? 0) + jitter(a.armId),
      y: a.value,
      colour: key.colour,
      colourKey: key.value,
      err: whiskerOf(a),
    };
  });
  const { domain, ticks } = yDomain([
    ...data.points.flatMap(extent),
    ...data.groups.flatMap((g) => [g.q1, g.q3]),
  ]);
  const many = data.groups.length > 5;
  // A sampled chart draws, behind its sample of points, how all of each group's arms spread over
  // the dose axis (a mirrored histogram in quarter decades), and its medians and IQRs on top, so
  // that they are not buried under a thousand markers.
  const density = data.groups.flatMap((g, i) => {
    const bins = g.bins ?? [];
    const most = Math.max(1, ...bins.map((b) => b.n));
    return bins.map((b) => (
      <ReferenceArea
        key={`density-${g.key}-${b.lo}`}
        x1={i - (0.45 * b.n) / most}
        x2={i + (0.45 * b.n) / most}
        y1={10 ** b.lo}
        y2={10 ** (b.lo + 0.25)}
        fill="#2563eb"
        fillOpacity={0.2}
        stroke="none"
        ifOverflow="hidden"
      />
    ));
  });
  const boxes = (
    <>
      {data.groups.map((g, i) => (
        <ReferenceArea
          key={`iqr-${g.key}`}
          x1={i - 0.36}
          x2={i + 0.36}
          y1={g.q1}
          y2={g.q3}
          fill="#4b5563"
          fillOpacity={0.12}
          stroke="#4b5563"
          strokeOpacity={0.6}
          ifOverflow="hidden"
        />
      ))}
      {data.groups.map((g, i) => (
        <ReferenceLine
          key={`median-${g.key}`}
          segment={[
            { x: i - 0.42, y: g.median },
            { x: i + 0.42, y: g.median },
          ]}
          stroke="#111827"
          strokeWidth={3}
          ifOverflow="hidden"
        />
      ))}
    </>
  );
  return (
    <ResponsiveContainer width="100%" height={HEIGHT + (many ? 40 : 0)}>
      <ScatterChart margin={{ top: 12, right: 16, bottom: many ? 56 : 24, left: 16 }}>
        <CartesianGrid stroke="#e5e7eb" />
        {data.sampled && density}
        <XAxis
          type="number"
          dataKey="x"
          domain={[-0.5, Math.max(0.5, data.groups.length - 0.5)]}
          ticks={data.groups.map((_, i) => i)}
          tickFormatter={(i: number) => {
            const g = data.groups[i];
            return g ? `${label(options.groupBy, g.key)} (${g.arms})` : "";
          }}
          interval={0}
          angle={many ? -30 : 0}
          textAnchor={many ? "end" : "middle"}
          tick={AXIS}
          label={{
            value:
              groupTitle ??
              `Grouped by ${options.groupBy === "tissue" ? "cell source" : options.groupBy} (arms)`,
            position: "insideBottom",
            offset: many ? -48 : -16,
            ...AXIS,
          }}
        />
        <YAxis {...doseAxis(domain, ticks, data.scale)} />
        {!data.sampled && boxes}
        <Tooltip content={(p) => <ArmTooltip active={p.active} payload={p.payload} />} cursor={false} />
        {colourSeries(points, shape)}
        {data.sampled && boxes}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
