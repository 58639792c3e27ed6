"use client";
// Doses per joint and per ml, each unit in its own panel, never on the cells/kg axis.
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
import { fmtDose, jitter, OTHER_COLOUR, unitOf, whiskerOf } from "@/lib/domain/charts/dose-chart";
import { fmtInt } from "@/lib/domain/format";
import { ArmTooltip, AXIS, extent, yDomain, type Paint, type Point, type Shape } from "./chart-parts";

/** The per joint and per ml arms, each unit in its own panel; above MAX_OTHER_POINTS in all, a
 * random sample of them (the heading says how many of how many). */
export function OtherPanels({ data, shape, paint }: { data: DoseChartData; shape: Shape; paint: Paint }) {
  const panels = (["per_joint", "per_ml"] as const)
    .map((basis) => ({
      basis,
      arms: data.otherPoints.filter((p) => p.basis === basis),
      total: basis === "per_joint" ? data.perJoint : data.perMl,
    }))
    .filter((p) => p.arms.length > 0);
  return (
    <div className="other-panels">
      {panels.map(({ basis, arms, total }) => {
        const pts: Point[] = arms.map((a) => ({
          ...a,
          x: jitter(a.armId),
          y: a.value,
          colour: paint(a).colour,
          colourKey: "",
          err: whiskerOf(a),
        }));
        const { domain, ticks } = yDomain(arms.flatMap(extent));
        return (
          <div key={basis} className="other-panel">
            <h3>
              {basis === "per_joint" ? "Per joint" : "Per ml"} ({fmtInt.format(total)} arm
              {total === 1 ? "" : "s"}
              {arms.length < total ? `, a random ${fmtInt.format(arms.length)} drawn` : ""}), not on the
              cells/kg axis
            </h3>
            <ResponsiveContainer width="100%" height={220}>
              <ScatterChart margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid stroke="#e5e7eb" />
                <XAxis type="number" dataKey="x" domain={[-0.5, 0.5]} tick={false} />
                <YAxis
                  type="number"
                  dataKey="y"
                  scale="log"
                  domain={domain}
                  ticks={ticks}
                  tickFormatter={fmtDose}
                  allowDataOverflow
                  tick={AXIS}
                  width={86}
                  label={{ value: unitOf(basis), angle: -90, position: "insideLeft", dy: 30, ...AXIS }}
                />
                <Tooltip
                  content={(p) => <ArmTooltip active={p.active} payload={p.payload} />}
                  cursor={false}
                />
                <Scatter data={pts} shape={shape} isAnimationActive={false} fill={OTHER_COLOUR}>
                  <ErrorBar
                    dataKey="err"
                    direction="y"
                    width={4}
                    stroke="#374151"
                    isAnimationActive={false}
                  />
                </Scatter>
              </ScatterChart>
            </ResponsiveContainer>
          </div>
        );
      })}
    </div>
  );
}
