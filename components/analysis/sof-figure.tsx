// The summary of findings drawn as a figure (plain SVG), for PNG and SVG downloads: a row per
// outcome with its studies, participants, effect and certainty, and numbered footnotes below.
import { CERTAINTY_LABELS } from "@/lib/domain/grade/certainty";
import { certaintySymbols, effectText, sofFootnotes } from "@/lib/domain/grade/sof";
import type { SofRowView } from "@/lib/contracts/risk-of-bias";

const FONT = { fontSize: 12, fill: "#1f2937" } as const;

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function SofFigure({ rows, title }: { rows: SofRowView[]; title: string }) {
  const width = 940;
  const rowH = 26;
  const top = 40;
  let n = 0;
  const notes = rows.map((r) => sofFootnotes(r).map((text) => ({ n: ++n, text })));
  const noteLines = notes.flat().flatMap((f) => wrap(`${f.n}. ${f.text}`, 140));
  const tableBottom = top + rowH * rows.length;
  const height = tableBottom + 24 + noteLines.length * 16 + 8;
  const cols = [8, 300, 400, 500, 740];
  return (
    <svg
      data-export="sof"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby="sof-title"
      className="rob-plot"
    >
      <title id="sof-title">{title}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      {["Outcome", "Studies", "Participants", "Effect (95% CI)", "Certainty"].map((h, i) => (
        <text key={h} x={cols[i]} y={26} {...FONT} fontWeight={600}>
          {h}
        </text>
      ))}
      <line x1={0} x2={width} y1={top - 6} y2={top - 6} stroke="#374151" />
      {rows.map((r, i) => {
        const y = top + i * rowH + 16;
        const marks = notes[i]!.map((f) => f.n).join(",");
        return (
          <g key={r.outcome}>
            <text x={cols[0]} y={y} {...FONT}>
              {r.outcome.length > 42 ? `${r.outcome.slice(0, 41)}…` : r.outcome}
            </text>
            <text x={cols[1]} y={y} {...FONT}>
              {r.k}
            </text>
            <text x={cols[2]} y={y} {...FONT}>
              {r.participants ?? "—"}
            </text>
            <text x={cols[3]} y={y} {...FONT}>
              {effectText(r)}
            </text>
            <text x={cols[4]} y={y} {...FONT}>
              {`${certaintySymbols(r.certainty)} ${CERTAINTY_LABELS[r.certainty]}${marks ? ` (${marks})` : ""}`}
            </text>
          </g>
        );
      })}
      <line x1={0} x2={width} y1={tableBottom + 4} y2={tableBottom + 4} stroke="#374151" />
      {noteLines.map((l, i) => (
        <text key={i} x={8} y={tableBottom + 24 + i * 16} fontSize={11} fill="#374151">
          {l}
        </text>
      ))}
    </svg>
  );
}
