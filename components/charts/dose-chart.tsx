"use client";
// The dose charts, drawn with recharts from data shaped on the server: dose by group (every arm
// on a log cells/kg axis, median and IQR per group), dose ladders (the arms of multi-arm studies
// joined), and dose against enrollment, year or outcome category. Loaded lazily (see
// dose-chart-loader.tsx) so the charting code is not part of any page's first load.
import { useRouter } from "next/navigation";
import { createContext, useContext, useRef, useState, type ReactNode } from "react";
import {
  CartesianGrid,
  ErrorBar,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ChartOptions } from "@/lib/domain/charts/options";
import {
  attributeLabel,
  attributeOf,
  chartCsv,
  colourKeyOf,
  colourKeys,
  fmtDose,
  jitter,
  logTicks,
  OTHER_COLOUR,
  PALETTE,
  pointSizeOf,
  scatterMissingNote,
  scatterX,
  unitOf,
  whiskerOf,
  type ArmLike,
  type ColourKey,
} from "@/lib/domain/charts/dose-chart";
import { fmtInt } from "@/lib/domain/format";
import { cellSourceLabel, donorLabel, basisLabel } from "@/lib/domain/vocabulary";
import type { DoseChartData } from "@/lib/contracts/charts";
import { chartSvg, download, svgToPng, whiskerLines, type LegendEntry } from "./export-chart";

interface Point extends ArmLike {
  x: number;
  y: number;
  colour: string;
  /** The colour key's value, one Scatter series per key. */
  colourKey: string;
  /** The reported spread as distances below and above the value (see whiskerOf). */
  err?: [number, number];
}

/** A point's value and the ends of its whisker, for fitting an axis to them. */
const extent = (a: ArmLike) => (a.spread ? [a.value, a.spread.low, a.spread.high] : [a.value]);

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

const HEIGHT = 440;
const AXIS = { fontSize: 12, fill: "#374151" };

function radius(n: number | null): number {
  return Math.max(3, Math.min(14, 2.5 + Math.sqrt(n ?? 9)));
}

function Dot({ onOpen }: { onOpen: ((studyId: string) => void) | null }) {
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
const ReadOnly = createContext(false);

function ArmTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const readOnly = useContext(ReadOnly);
  const arm = active ? (payload?.[0]?.payload as Point | undefined) : undefined;
  if (!arm || arm.armId === undefined) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {arm.disease} · {arm.reference ?? "No reference"}
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
      <div>
        Drawn at {fmtDose(arm.value)} {unitOf(arm.basis)}
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
function doseAxis(domain: [number, number], ticks: number[]) {
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
      value: "Dose (cells/kg, log scale)",
      angle: -90,
      position: "insideLeft" as const,
      offset: 0,
      dy: 70,
      ...AXIS,
    },
  };
}

function yDomain(values: number[]): { domain: [number, number]; ticks: number[] } {
  const positive = values.filter((v) => v > 0);
  const ticks = logTicks(Math.min(...positive), Math.max(...positive));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
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
          new Blob([chartCsv(drawn, weightKg)], {
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
        <ul className="chart-legend" aria-label="Legend">
          {legend.map((e) => (
            <li key={e.label}>
              <svg width="18" height="14" aria-hidden="true">
                {e.mark === "line" ? (
                  <line x1="1" x2="17" y1="7" y2="7" stroke={e.colour} strokeWidth="3" />
                ) : e.mark === "whisker" ? (
                  whiskerLines(1, 1).map(([x1, y1, x2, y2]) => (
                    <line
                      key={`${x1}-${y1}`}
                      x1={x1}
                      y1={y1}
                      x2={x2}
                      y2={y2}
                      stroke={e.colour}
                      strokeWidth="1.5"
                    />
                  ))
                ) : e.mark === "box" ? (
                  <rect
                    x="1"
                    y="1"
                    width="16"
                    height="12"
                    fill={e.colour}
                    fillOpacity="0.25"
                    stroke={e.colour}
                  />
                ) : (
                  <circle
                    cx="9"
                    cy="7"
                    r="5"
                    fill={e.hollow ? "#fff" : e.colour}
                    stroke={e.colour}
                    strokeWidth="2"
                  />
                )}
              </svg>
              {e.label}
            </li>
          ))}
        </ul>
      </div>
    </ReadOnly.Provider>
  );
}

type Shape = (props: unknown) => ReactNode;
type Paint = (arm: ArmLike) => ColourKey;
type Label = (by: Parameters<typeof attributeLabel>[0], v: string) => string;

/** One Scatter per colour key (so the legend's colours and the points' agree), each point with
 * the whisker of its reported spread. Called as a function: recharts reads its series from the
 * chart's children. */
function colourSeries(points: Point[], shape: Shape): ReactNode[] {
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

function DoseByGroup({
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
  return (
    <ResponsiveContainer width="100%" height={HEIGHT + (many ? 40 : 0)}>
      <ScatterChart margin={{ top: 12, right: 16, bottom: many ? 56 : 24, left: 16 }}>
        <CartesianGrid stroke="#e5e7eb" />
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
        <YAxis {...doseAxis(domain, ticks)} />
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
        <Tooltip content={(p) => <ArmTooltip active={p.active} payload={p.payload} />} cursor={false} />
        {colourSeries(points, shape)}
      </ScatterChart>
    </ResponsiveContainer>
  );
}

function DoseScatter({
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
          <YAxis {...doseAxis(domain, ticks)} />
          <Tooltip content={(p) => <ArmTooltip active={p.active} payload={p.payload} />} cursor={false} />
          {colourSeries(points, shape)}
        </ScatterChart>
      </ResponsiveContainer>
      {missingNote && <p className="muted">{missingNote}</p>}
    </>
  );
}

function Ladders({ data, shape, paint }: { data: DoseChartData; shape: Shape; paint: Paint }) {
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
          label={{ value: "Dose (cells/kg, log scale)", position: "insideBottom", offset: -16, ...AXIS }}
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

/** The per joint and per ml arms, each unit in its own panel; above MAX_OTHER_POINTS in all, a
 * random sample of them (the heading says how many of how many). */
function OtherPanels({ data, shape, paint }: { data: DoseChartData; shape: Shape; paint: Paint }) {
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
