// Forest, funnel and bubble plots of a meta-analysis, drawn as plain SVG on the server (they
// export as they are shown: see plot-export.tsx). Positions are on the analysis scale (log ratio,
// logit…); tick labels are on the scale people read.
import type { AnalysisOptions, AnalysisResult } from "@/lib/domain/analysis";
import { backTransform, harmonicMean, type Measure } from "@/lib/domain/stats/meta";
import { qnorm } from "@/lib/domain/stats/distributions";

const FONT = { fontSize: 12, fill: "#1f2937" } as const;
const RATIO: Measure[] = ["RR", "OR"];

function ticks(lo: number, hi: number, measure: Measure): number[] {
  if (RATIO.includes(measure)) {
    const nice = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].map(Math.log);
    const inside = nice.filter((t) => t >= lo && t <= hi);
    return inside.length >= 2 ? inside : [lo, (lo + hi) / 2, hi];
  }
  const step = (hi - lo) / 4;
  return [0, 1, 2, 3, 4].map((i) => lo + i * step);
}

const fmt = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);

function scaleFor(result: AnalysisResult) {
  const hn = result.measure === "PFT" ? harmonicMean(result.studies.map((s) => s.n ?? 1)) : undefined;
  return (v: number) => backTransform(result.measure, v, hn);
}

export function ForestPlot({
  result,
  title,
  subgroup,
}: {
  result: AnalysisResult;
  title: string;
  subgroup: AnalysisOptions["subgroup"];
}) {
  const m = result.model!;
  const bt = scaleFor(result);
  const crit = qnorm(0.975);
  const rows = result.studies.map((s) => ({
    ...s,
    lo: s.yi - crit * Math.sqrt(s.vi),
    hi: s.yi + crit * Math.sqrt(s.vi),
  }));
  const values = [
    ...rows.flatMap((r) => [r.lo, r.hi]),
    m.ci_lb[0]!,
    m.ci_ub[0]!,
    ...(m.pi_lb !== null ? [m.pi_lb, m.pi_ub!] : []),
  ];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!RATIO.includes(result.measure) && result.measure !== "PLO" && result.measure !== "PFT") {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const pad = (hi - lo) * 0.05 || 1;
  lo -= pad;
  hi += pad;
  const width = 940;
  const x0 = 440;
  const x1 = 720;
  const x = (v: number) => x0 + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (x1 - x0);
  const rowH = 22;
  const top = 40;
  const groups = result.subgroups
    ? result.subgroups.groups.map((g) => ({
        key: g.key,
        fit: g,
        rows: rows.filter((r) => subgroup !== "none" && r.row[subgroup] === g.key),
      }))
    : [{ key: "", fit: null, rows }];
  let y = top;
  const maxW = Math.max(...rows.map((r) => r.weight), 1);
  const body: React.ReactNode[] = [];
  for (const g of groups) {
    if (g.key) {
      y += 6;
      body.push(
        <text key={`h-${g.key}`} x={8} y={y + 12} {...FONT} fontWeight={600}>
          {g.key}
        </text>,
      );
      y += rowH;
    }
    for (const r of g.rows) {
      const side = 4 + 10 * Math.sqrt(r.weight / maxW);
      body.push(
        <g key={r.row.studyId}>
          <text x={8} y={y + 15} {...FONT}>
            {r.label.length > 40 ? `${r.label.slice(0, 39)}…` : r.label}
          </text>
          <text x={330} y={y + 15} {...FONT} textAnchor="end">
            {r.n ?? "—"}
          </text>
          <text x={420} y={y + 15} {...FONT} textAnchor="end">
            {r.row.dose ? r.row.dose.toExponential(1).replace("e+", "e") : "—"}
          </text>
          <line x1={x(r.lo)} x2={x(r.hi)} y1={y + 11} y2={y + 11} stroke="#374151" />
          <rect x={x(r.yi) - side / 2} y={y + 11 - side / 2} width={side} height={side} fill="#0072B2" />
          <text x={730} y={y + 15} {...FONT}>
            {`${fmt(bt(r.yi))} [${fmt(bt(r.lo))}, ${fmt(bt(r.hi))}]`}
          </text>
          <text x={930} y={y + 15} {...FONT} textAnchor="end">
            {r.weight.toFixed(1)}%
          </text>
        </g>,
      );
      y += rowH;
    }
    if (g.fit && g.fit.k >= 2) {
      const cy = y + 11;
      body.push(
        <g key={`d-${g.key}`}>
          <text x={8} y={y + 15} {...FONT} fontStyle="italic">
            Subgroup {g.key} (k = {g.fit.k}, I² = {g.fit.I2.toFixed(0)}%)
          </text>
          <polygon
            points={`${x(g.fit.ci_lb)},${cy} ${x(g.fit.estimate)},${cy - 6} ${x(g.fit.ci_ub)},${cy} ${x(g.fit.estimate)},${cy + 6}`}
            fill="#56B4E9"
            stroke="#1f2937"
          />
          <text x={730} y={y + 15} {...FONT} fontStyle="italic">
            {`${fmt(bt(g.fit.estimate))} [${fmt(bt(g.fit.ci_lb))}, ${fmt(bt(g.fit.ci_ub))}]`}
          </text>
        </g>,
      );
      y += rowH;
    }
  }
  y += 8;
  const cy = y + 11;
  const pooled = (
    <g>
      <text x={8} y={y + 15} {...FONT} fontWeight={600}>
        Pooled ({result.method}
        {result.knha ? ", Knapp–Hartung" : ""}; k = {m.k})
      </text>
      <polygon
        points={`${x(m.ci_lb[0]!)},${cy} ${x(m.b[0]!)},${cy - 8} ${x(m.ci_ub[0]!)},${cy} ${x(m.b[0]!)},${cy + 8}`}
        fill="#D55E00"
        stroke="#1f2937"
      />
      <text x={730} y={y + 15} {...FONT} fontWeight={600}>
        {`${fmt(bt(m.b[0]!))} [${fmt(bt(m.ci_lb[0]!))}, ${fmt(bt(m.ci_ub[0]!))}]`}
      </text>
      <text x={930} y={y + 15} {...FONT} textAnchor="end">
        100%
      </text>
    </g>
  );
  y += rowH;
  const pi =
    m.pi_lb !== null ? (
      <g>
        <text x={8} y={y + 15} {...FONT}>
          Prediction interval
        </text>
        <line
          x1={x(m.pi_lb)}
          x2={x(m.pi_ub!)}
          y1={y + 11}
          y2={y + 11}
          stroke="#D55E00"
          strokeWidth={2}
          strokeDasharray="5 3"
        />
        <text x={730} y={y + 15} {...FONT}>
          {`[${fmt(bt(m.pi_lb))}, ${fmt(bt(m.pi_ub!))}]`}
        </text>
      </g>
    ) : null;
  y += rowH + 8;
  const axisY = y;
  const nullLine = RATIO.includes(result.measure) || ["RD", "MD", "SMD"].includes(result.measure) ? 0 : null;
  const height = axisY + 44;
  return (
    <svg
      data-export="forest"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby="forest-title"
      style={{ maxWidth: width }}
    >
      <title id="forest-title">{title}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <text x={8} y={24} {...FONT} fontWeight={600}>
        Study
      </text>
      <text x={330} y={24} {...FONT} fontWeight={600} textAnchor="end">
        n
      </text>
      <text x={420} y={24} {...FONT} fontWeight={600} textAnchor="end">
        Dose/kg
      </text>
      <text x={730} y={24} {...FONT} fontWeight={600}>
        Estimate [95% CI]
      </text>
      <text x={930} y={24} {...FONT} fontWeight={600} textAnchor="end">
        Weight
      </text>
      {nullLine !== null && nullLine >= lo && nullLine <= hi && (
        <line x1={x(nullLine)} x2={x(nullLine)} y1={top} y2={axisY} stroke="#9ca3af" strokeDasharray="3 3" />
      )}
      {body}
      {pooled}
      {pi}
      <line x1={x0} x2={x1} y1={axisY} y2={axisY} stroke="#374151" />
      {ticks(lo, hi, result.measure).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={axisY} y2={axisY + 5} stroke="#374151" />
          <text x={x(t)} y={axisY + 18} {...FONT} textAnchor="middle">
            {fmt(bt(t))}
          </text>
        </g>
      ))}
      <text x={(x0 + x1) / 2} y={axisY + 36} {...FONT} textAnchor="middle">
        {AXIS_LABEL[result.measure]}
      </text>
    </svg>
  );
}

export const AXIS_LABEL: Record<Measure, string> = {
  RR: "Risk ratio (log scale)",
  OR: "Odds ratio (log scale)",
  RD: "Risk difference",
  MD: "Mean difference",
  SMD: "Standardised mean difference (Hedges' g)",
  PLO: "Proportion (logit scale)",
  PFT: "Proportion (double-arcsine scale)",
};

function Frame({
  id,
  title,
  width,
  height,
  children,
}: {
  id: string;
  title: string;
  width: number;
  height: number;
  children: React.ReactNode;
}) {
  return (
    <svg
      data-export={id}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title`}
      style={{ maxWidth: width }}
    >
      <title id={`${id}-title`}>{title}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      {children}
    </svg>
  );
}

export function FunnelPlot({ result, title }: { result: AnalysisResult; title: string }) {
  const m = result.model!;
  const b = m.b[0]!;
  const ses = result.studies.map((s) => Math.sqrt(s.vi));
  const maxSe = Math.max(...ses) * 1.05;
  const crit = qnorm(0.975);
  const xs = result.studies.map((s) => s.yi);
  const lo = Math.min(...xs, b - crit * maxSe);
  const hi = Math.max(...xs, b + crit * maxSe);
  const [w, h, l, r, t, btm] = [520, 360, 60, 20, 20, 50];
  const x = (v: number) => l + ((v - lo) / (hi - lo)) * (w - l - r);
  const y = (se: number) => t + (se / maxSe) * (h - t - btm);
  const bt = scaleFor(result);
  return (
    <Frame id="funnel" title={title} width={w} height={h}>
      <polygon
        points={`${x(b)},${y(0)} ${x(b - crit * maxSe)},${y(maxSe)} ${x(b + crit * maxSe)},${y(maxSe)}`}
        fill="#f3f4f6"
        stroke="#9ca3af"
        strokeDasharray="4 3"
      />
      <line x1={x(b)} x2={x(b)} y1={y(0)} y2={y(maxSe)} stroke="#D55E00" />
      {result.studies.map((s, i) => (
        <circle key={s.row.studyId} cx={x(s.yi)} cy={y(ses[i]!)} r={4} fill="#0072B2" fillOpacity={0.8}>
          <title>{`${s.label}: ${fmt(bt(s.yi))}, SE ${ses[i]!.toFixed(3)}`}</title>
        </circle>
      ))}
      <line x1={l} x2={w - r} y1={h - btm} y2={h - btm} stroke="#374151" />
      <line x1={l} x2={l} y1={t} y2={h - btm} stroke="#374151" />
      {ticks(lo, hi, result.measure).map((v) => (
        <text key={v} x={x(v)} y={h - btm + 16} {...FONT} textAnchor="middle">
          {fmt(bt(v))}
        </text>
      ))}
      {[0, maxSe / 2, maxSe].map((se) => (
        <text key={se} x={l - 6} y={y(se) + 4} {...FONT} textAnchor="end">
          {se.toFixed(2)}
        </text>
      ))}
      <text x={(l + w - r) / 2} y={h - 10} {...FONT} textAnchor="middle">
        {AXIS_LABEL[result.measure]}
      </text>
      <text
        x={14}
        y={(t + h - btm) / 2}
        {...FONT}
        textAnchor="middle"
        transform={`rotate(-90 14 ${(t + h - btm) / 2})`}
      >
        Standard error
      </text>
    </Frame>
  );
}

export function BubblePlot({ result, title }: { result: AnalysisResult; title: string }) {
  const reg = result.regression!;
  const points = result.studies
    .filter((s) => s.row.dose && s.row.dose > 0)
    .map((s) => ({ s, lx: Math.log10(s.row.dose!) }));
  const lxs = points.map((p) => p.lx);
  const ys = points.map((p) => p.s.yi);
  const [xlo, xhi] = [Math.min(...lxs) - 0.2, Math.max(...lxs) + 0.2];
  const [ylo, yhi] = [Math.min(...ys) - 0.3, Math.max(...ys) + 0.3];
  const [w, h, l, r, t, btm] = [520, 360, 60, 20, 20, 50];
  const x = (v: number) => l + ((v - xlo) / (xhi - xlo)) * (w - l - r);
  const y = (v: number) => h - btm - ((v - ylo) / (yhi - ylo)) * (h - t - btm);
  const weights = points.map((p) => 1 / (p.s.vi + reg.model.tau2));
  const maxW = Math.max(...weights);
  const [b0, b1] = reg.model.b as [number, number];
  const bt = scaleFor(result);
  const xt = Array.from({ length: Math.floor(xhi) - Math.ceil(xlo) + 1 }, (_, i) => Math.ceil(xlo) + i);
  return (
    <Frame id="bubble" title={title} width={w} height={h}>
      {points.map((p, i) => (
        <circle
          key={p.s.row.studyId}
          cx={x(p.lx)}
          cy={y(p.s.yi)}
          r={3 + 12 * Math.sqrt(weights[i]! / maxW)}
          fill="#009E73"
          fillOpacity={0.45}
          stroke="#065f46"
        >
          <title>{`${p.s.label}: dose ${p.s.row.dose!.toExponential(1)} cells/kg, effect ${fmt(bt(p.s.yi))}`}</title>
        </circle>
      ))}
      <line
        x1={x(xlo)}
        x2={x(xhi)}
        y1={y(b0 + b1 * xlo)}
        y2={y(b0 + b1 * xhi)}
        stroke="#D55E00"
        strokeWidth={2}
      />
      <line x1={l} x2={w - r} y1={h - btm} y2={h - btm} stroke="#374151" />
      <line x1={l} x2={l} y1={t} y2={h - btm} stroke="#374151" />
      {xt.map((v) => (
        <text key={v} x={x(v)} y={h - btm + 16} {...FONT} textAnchor="middle">
          {`10^${v}`}
        </text>
      ))}
      {[ylo + 0.3, (ylo + yhi) / 2, yhi - 0.3].map((v) => (
        <text key={v} x={l - 6} y={y(v) + 4} {...FONT} textAnchor="end">
          {fmt(bt(v))}
        </text>
      ))}
      <text x={(l + w - r) / 2} y={h - 10} {...FONT} textAnchor="middle">
        Dose (cells/kg, log10 scale)
      </text>
      <text
        x={14}
        y={(t + h - btm) / 2}
        {...FONT}
        textAnchor="middle"
        transform={`rotate(-90 14 ${(t + h - btm) / 2})`}
      >
        {AXIS_LABEL[result.measure]}
      </text>
    </Frame>
  );
}
