// The forest plot: each study's effect and interval with its weight, subgroup and pooled
// diamonds and the prediction interval, on the analysis scale with ticks on the reading scale;
// with each study's risk of bias on the right once the team has judged it.
import { attributeOf, type AnalysisOptions, type AnalysisResult } from "@/lib/domain/analysis";
import { qnorm } from "@/lib/domain/stats/distributions";
import { RobCells, robColumns, RobHeader, ROB_COLUMN_WIDTH } from "./forest-rob";
import { AXIS_LABEL, FONT, fmt, RATIO, scaleFor, ticks } from "./plot-frame";

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
  const rob = robColumns(result);
  const robX = 944;
  const width = rob ? robX + rob.ids.length * ROB_COLUMN_WIDTH + 8 : 940;
  const x0 = 440;
  const x1 = 720;
  const x = (v: number) => x0 + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (x1 - x0);
  const rowH = 22;
  const top = 40;
  const groups = result.subgroups
    ? result.subgroups.groups.map((g) => ({
        key: g.key,
        fit: g,
        rows: rows.filter((r) => subgroup !== "none" && attributeOf(r.row, subgroup) === g.key),
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
          {rob && <RobCells columns={rob} study={r} x={robX} y={y + 11} />}
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
      {rob && <RobHeader columns={rob} x={robX} />}
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
