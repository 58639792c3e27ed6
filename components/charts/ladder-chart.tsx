"use client";
// Dose ladders: the arms of each multi-dose study joined on one line.
import {
  CartesianGrid,
  ErrorBar,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { DoseChartData } from "@/lib/contracts/charts";
import { fmtDose, PALETTE, whiskerOf } from "@/lib/domain/charts/dose-chart";
import { ArmTooltip, AXIS, extent, yDomain, type Paint, type Point, type Shape } from "./chart-parts";

export function Ladders({ data, shape, paint }: { data: DoseChartData; shape: Shape; paint: Paint }) {
  if (data.ladders.length === 0)
    return <p>No study in this selection gives two or more doses in cells/kg.</p>;
  const rows = data.ladders;
  const values = rows.flatMap((l) => l.arms.flatMap(extent));
  const { domain, ticks } = yDomain(values);
  const height = Math.max(220, rows.length * 26 + 80);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ScatterChart margin={{ top: 12, right: 24, bottom: 28, left: 16 }}>
        <CartesianGrid stroke="#e5e7eb" />
        <XAxis
          type="number"
          dataKey="x"
          scale="log"
          domain={domain}
          ticks={ticks}
          tickFormatter={fmtDose}
          allowDataOverflow
          tick={AXIS}
          label={{
            value:
              data.scale === "cumulative"
                ? "Cumulative dose (cells/kg, log scale)"
                : "Dose (cells/kg, log scale)",
            position: "insideBottom",
            offset: -16,
            ...AXIS,
          }}
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={[-0.5, rows.length - 0.5]}
          ticks={rows.map((_, i) => i)}
          reversed
          interval={0}
          tickFormatter={(i: number) => {
            const l = rows[i]?.label ?? "";
            return l.length > 38 ? `${l.slice(0, 37)}…` : l;
          }}
          tick={AXIS}
          width={250}
        />
        <Tooltip content={(p) => <ArmTooltip active={p.active} payload={p.payload} />} cursor={false} />
        {rows.map((l, i) => {
          const pts: Point[] = l.arms.map((a) => ({
            ...a,
            x: a.value,
            y: i,
            colour: paint(a).colour,
            colourKey: "",
            err: whiskerOf(a),
          }));
          return (
            <Scatter
              key={l.studyId}
              name={l.label}
              data={pts}
              shape={shape}
              line={{ stroke: PALETTE[0], strokeWidth: 2 }}
              lineJointType="linear"
              isAnimationActive={false}
              fill={PALETTE[0]}
            >
              <ErrorBar dataKey="err" direction="x" width={4} stroke={PALETTE[0]} isAnimationActive={false} />
            </Scatter>
          );
        })}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
