// robvis's traffic-light plot drawn as plain SVG on the server: one row per study (or
// study–outcome), one column per domain and the overall judgement, each cell a disc in the
// judgement's colour with its symbol, so that nothing rests on colour alone; the legend and the
// domains' names below. Exports as it is shown.
import type { TrafficLight } from "@/lib/domain/rob/plots";

const FONT = { fontSize: 12, fill: "#1f2937" } as const;

/** Black or white, whichever reads better on `colour` (#rrggbb). */
export function inkOn(colour: string | null): string {
  if (!colour) return "#1f2937";
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";
}

const trim = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function TrafficLightPlot({ data, title }: { data: TrafficLight; title: string }) {
  const labelW = 300;
  const colW = 46;
  const rowH = 30;
  const top = 44;
  const cols = data.columns;
  const width = Math.max(labelW + colW * cols.length + 24, 560);
  const bodyBottom = top + rowH * data.rows.length;
  const legendY = bodyBottom + 28;
  const namesY = legendY + 20 * Math.ceil(data.legend.length / 3) + 16;
  const height = namesY + 18 * cols.filter((c) => c.id !== "overall").length + 12;
  const cx = (i: number) => labelW + colW * i + colW / 2;
  return (
    <svg
      data-export="traffic-light"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby="traffic-light-title"
      className="rob-plot"
    >
      <title id="traffic-light-title">{title}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <text x={8} y={28} {...FONT} fontWeight={600}>
        Study
      </text>
      {cols.map((c, i) => (
        <text key={c.id} x={cx(i)} y={28} {...FONT} fontWeight={600} textAnchor="middle">
          {c.id === "overall" ? "Overall" : c.id}
        </text>
      ))}
      {data.rows.map((r, ri) => {
        const y = top + ri * rowH;
        return (
          <g key={r.studyId}>
            {ri % 2 === 0 && <rect x={0} y={y} width={width} height={rowH} fill="#f3f4f6" />}
            <text x={8} y={y + 19} {...FONT}>
              {trim(r.label, 44)}
            </text>
            {r.cells.map((cell, ci) => (
              <g key={cell.columnId}>
                <circle
                  cx={cx(ci)}
                  cy={y + rowH / 2}
                  r={11}
                  fill={cell.colour ?? "#ffffff"}
                  stroke={cell.colour ? "#374151" : "#9ca3af"}
                  strokeDasharray={cell.colour ? undefined : "2 2"}
                />
                <text
                  x={cx(ci)}
                  y={y + rowH / 2 + 5}
                  fontSize={14}
                  fontWeight={700}
                  fill={inkOn(cell.colour)}
                  textAnchor="middle"
                >
                  {cell.symbol}
                </text>
                <title>{`${r.label}, ${cell.columnId === "overall" ? "overall" : cell.columnId}: ${cell.label}`}</title>
              </g>
            ))}
          </g>
        );
      })}
      {data.legend.map((l, i) => {
        const x = 8 + (i % 3) * 190;
        const y = legendY + Math.floor(i / 3) * 20;
        return (
          <g key={l.judgment}>
            <circle cx={x + 8} cy={y - 4} r={8} fill={l.colour} stroke="#374151" />
            <text x={x + 8} y={y} fontSize={11} fontWeight={700} fill={inkOn(l.colour)} textAnchor="middle">
              {l.symbol}
            </text>
            <text x={x + 22} y={y} {...FONT}>
              {l.label}
            </text>
          </g>
        );
      })}
      {cols
        .filter((c) => c.id !== "overall")
        .map((c, i) => (
          <text key={c.id} x={8} y={namesY + i * 18} fontSize={11} fill="#374151">
            {trim(`${c.id}: ${c.name}`, 110)}
          </text>
        ))}
    </svg>
  );
}
