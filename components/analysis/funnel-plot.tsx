// The funnel plot: effects against their standard errors, with the pseudo-confidence region.
import type { AnalysisResult } from "@/lib/domain/analysis";
import { qnorm } from "@/lib/domain/stats/distributions";
import { AXIS_LABEL, FONT, fmt, scaleFor, ticks, Frame } from "./plot-frame";

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
