"use client";
// What the dose charts share: a drawn point, its dot and tooltip, the log dose axis, and one
// recharts series per colour key.
import { createContext, useContext, type ReactNode } from "react";
import { ErrorBar, Scatter } from "recharts";
import {
  attributeLabel,
  fmtDose,
  logTicks,
  pointSizeOf,
  unitOf,
  type ArmLike,
  type ColourKey,
} from "@/lib/domain/charts/dose-chart";
import type { DoseScale } from "@/lib/domain/dose/dose";
import { fmtAdministrations } from "@/lib/domain/format";
import { basisLabel, cellSourceLabel, donorLabel } from "@/lib/domain/vocabulary";

export interface Point extends ArmLike {
  x: number;
  y: number;
  colour: string;
  /** The colour key's value, one Scatter series per key. */
  colourKey: string;
  /** The reported spread as distances below and above the value (see whiskerOf). */
  err?: [number, number];
}

/** A point's value and the ends of its whisker, for fitting an axis to them. */
export const extent = (a: ArmLike) => (a.spread ? [a.value, a.spread.low, a.spread.high] : [a.value]);

export const HEIGHT = 440;
export const AXIS = { fontSize: 12, fill: "#374151" };

function radius(n: number | null): number {
  return Math.max(3, Math.min(14, 2.5 + Math.sqrt(n ?? 9)));
}

export function Dot({ onOpen }: { onOpen: ((studyId: string) => void) | null }) {
  function DotShape(props: unknown): ReactNode {
    const { cx, cy, payload } = props as { cx?: number; cy?: number; payload?: Point };
    if (cx === undefined || cy === undefined || !payload) return null;
    return (
      <circle
        cx={cx}
        cy={cy}
        r={radius(pointSizeOf(payload))}
        fill={payload.estimated ? "#ffffff" : payload.colour}
        fillOpacity={payload.estimated ? 1 : 0.7}
        stroke={payload.colour}
        strokeWidth={payload.estimated ? 2 : 1}
        style={onOpen ? { cursor: "pointer" } : undefined}
        onClick={onOpen ? () => onOpen(payload.studyId) : undefined}
      >
        <title>{`${payload.disease} · ${payload.reference ?? payload.registryId ?? "study"}: ${fmtDose(payload.value)} ${unitOf(payload.basis)}`}</title>
      </circle>
    );
  }
  return DotShape;
}

/** Whether the chart is on a read-only page, where points do not open studies. */
export const ReadOnly = createContext(false);

/** The chart's dose scale: per administration, or cumulative over all of them. */
export const Scale = createContext<DoseScale>("per_administration");

export function ArmTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const readOnly = useContext(ReadOnly);
  const scale = useContext(Scale);
  const arm = active ? (payload?.[0]?.payload as Point | undefined) : undefined;
  if (!arm || arm.armId === undefined) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {arm.disease} · {arm.citation ?? arm.reference ?? "No reference"}
      </strong>
      <div>{arm.product || "Product not stated"}</div>
      <div>
        {cellSourceLabel(arm.tissue)}, {donorLabel(arm.donor)}; route {arm.route}
      </div>
      {arm.registryId && <div>Registry: {arm.registryId}</div>}
      <div>
        {arm.n !== null
          ? `n = ${arm.n}`
          : `n for the arm not given; the study enrolled ${arm.enrollment ?? "an unstated number"}`}
      </div>
      <div>
        Dose as written: {arm.doseText} ({basisLabel(arm.basis)})
      </div>
      {arm.administrations !== undefined && (
        <div>
          Given {fmtAdministrations({ administrations: arm.administrations, schedule: arm.schedule ?? null })}
        </div>
      )}
      {arm.coAdministered && <div>Co-administered: {arm.coAdministered.join("; ")}</div>}
      <div>
        Drawn at {fmtDose(arm.value)} {unitOf(arm.basis)}
        {scale === "cumulative" ? " over all administrations" : ""}
        {arm.estimated ? " (estimated from total cells)" : ""}
        {arm.atLeast ? ", the lower bound the study gives" : ""}
      </div>
      {arm.spread && (
        <div>
          {arm.spread.kind === "range" ? "Range" : "Mean ± SD"}: {fmtDose(arm.spread.low)} to{" "}
          {fmtDose(arm.spread.high)} {unitOf(arm.basis)} (whisker)
        </div>
      )}
      {!readOnly && <div className="muted">Click to open the study</div>}
    </div>
  );
}

/** The log cells/kg y axis of the group and scatter charts. */
export function doseAxis(domain: [number, number], ticks: number[], scale: DoseScale = "per_administration") {
  return {
    type: "number" as const,
    dataKey: "y",
    scale: "log" as const,
    domain,
    ticks,
    tickFormatter: fmtDose,
    allowDataOverflow: true,
    tick: AXIS,
    width: 86,
    label: {
      value: scale === "cumulative" ? "Cumulative dose (cells/kg, log)" : "Dose (cells/kg, log scale)",
      angle: -90,
      position: "insideLeft" as const,
      offset: 0,
      dy: 70,
      ...AXIS,
    },
  };
}

export function yDomain(values: number[]): { domain: [number, number]; ticks: number[] } {
  const positive = values.filter((v) => v > 0);
  const ticks = logTicks(Math.min(...positive), Math.max(...positive));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

export type Shape = (props: unknown) => ReactNode;
export type Paint = (arm: ArmLike) => ColourKey;
export type Label = (by: Parameters<typeof attributeLabel>[0], v: string) => string;

/** One Scatter per colour key (so the legend's colours and the points' agree), each point with
 * the whisker of its reported spread. Called as a function: recharts reads its series from the
 * chart's children. */
export function colourSeries(points: Point[], shape: Shape): ReactNode[] {
  const series = new Map<string, Point[]>();
  for (const p of points) {
    const list = series.get(p.colourKey);
    if (list) list.push(p);
    else series.set(p.colourKey, [p]);
  }
  return [...series.entries()].map(([key, pts]) => (
    <Scatter key={key} name={key} data={pts} shape={shape} isAnimationActive={false} fill={pts[0]!.colour}>
      <ErrorBar dataKey="err" direction="y" width={4} stroke={pts[0]!.colour} isAnimationActive={false} />
    </Scatter>
  ));
}
