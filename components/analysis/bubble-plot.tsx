// The bubble plot of a meta-regression on log10 dose: studies sized by weight, with the fitted line.
import type { AnalysisResult } from "@/lib/domain/analysis";
import { AXIS_LABEL, FONT, fmt, scaleFor, Frame } from "./plot-frame";

export function BubblePlot({
  result,
  title,
  cumulative = false,
}: {
  result: AnalysisResult;
  title: string;
  cumulative?: boolean;
}) {
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
        {cumulative ? "Cumulative dose" : "Dose"} (cells/kg, log10 scale)
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
