// robvis's summary plot as plain SVG: per domain and overall, one bar split into the share of
// studies (or, weighted, of the meta-analysis's weight) at each judgement, each share labelled
// with its percentage where it fits; a data table beside it says the same in words.
import type { SummaryPlot as SummaryData } from "@/lib/domain/rob/plots";
import { inkOn } from "./traffic-light-plot";

const FONT = { fontSize: 12, fill: "#1f2937" } as const;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function SummaryPlot({ data, title }: { data: SummaryData; title: string }) {
  const labelW = 260;
  const barW = 520;
  const rowH = 30;
  const top = 36;
  const width = labelW + barW + 24;
  const legendY = top + rowH * data.columns.length + 40;
  const height = legendY + 20 * Math.ceil(data.legend.length / 3) + 8;
  return (
    <svg
      data-export="summary"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby="summary-title"
      className="rob-plot"
    >
      <title id="summary-title">{title}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <text x={labelW} y={22} {...FONT} fontWeight={600}>
        {data.weighted ? "Share of the meta-analysis's weight" : "Share of studies"}
      </text>
      {data.columns.map((c, i) => {
        const y = top + i * rowH;
        let x = labelW;
        return (
          <g key={c.id}>
            <text x={8} y={y + 19} {...FONT} fontWeight={c.id === "overall" ? 700 : 400}>
              {c.id === "overall"
                ? "Overall"
                : `${c.id} ${c.name.length > 28 ? `${c.name.slice(0, 27)}…` : c.name}`}
            </text>
            {c.total === 0 && (
              <rect
                x={labelW}
                y={y + 4}
                width={barW}
                height={rowH - 8}
                fill="#ffffff"
                stroke="#9ca3af"
                strokeDasharray="3 3"
              />
            )}
            {c.shares
              .filter((s) => s.share > 0)
              .map((s) => {
                const w = s.share * barW;
                const at = x;
                x += w;
                return (
                  <g key={s.judgment}>
                    <rect
                      x={at}
                      y={y + 4}
                      width={w}
                      height={rowH - 8}
                      fill={s.colour}
                      stroke="#374151"
                      strokeWidth={0.5}
                    />
                    {w >= 34 && (
                      <text
                        x={at + w / 2}
                        y={y + 19}
                        fontSize={11}
                        fill={inkOn(s.colour)}
                        textAnchor="middle"
                      >
                        {pct(s.share)}
                      </text>
                    )}
                    <title>{`${c.id === "overall" ? "Overall" : c.id}, ${s.label}: ${pct(s.share)} (${s.studies} stud${s.studies === 1 ? "y" : "ies"})`}</title>
                  </g>
                );
              })}
          </g>
        );
      })}
      {[0, 0.25, 0.5, 0.75, 1].map((t) => (
        <g key={t}>
          <line
            x1={labelW + t * barW}
            x2={labelW + t * barW}
            y1={top + rowH * data.columns.length}
            y2={top + rowH * data.columns.length + 5}
            stroke="#374151"
          />
          <text x={labelW + t * barW} y={top + rowH * data.columns.length + 18} {...FONT} textAnchor="middle">
            {t * 100}%
          </text>
        </g>
      ))}
      {data.legend.map((l, i) => {
        const x = 8 + (i % 3) * 190;
        const y = legendY + Math.floor(i / 3) * 20;
        return (
          <g key={l.judgment}>
            <rect x={x} y={y - 11} width={14} height={14} fill={l.colour} stroke="#374151" />
            <text x={x + 20} y={y} {...FONT}>
              {l.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The summary plot's numbers as a table. */
export function SummaryTable({ data }: { data: SummaryData }) {
  const levels = data.legend;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Summary plot data">
      <table className="data" data-testid="rob-summary-table">
        <thead>
          <tr>
            <th scope="col">Domain</th>
            {levels.map((l) => (
              <th scope="col" className="num" key={l.judgment}>
                {l.label}
              </th>
            ))}
            <th scope="col" className="num">
              {data.weighted ? "Total weight" : "Studies"}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.columns.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.id === "overall" ? "Overall" : `${c.id} ${c.name}`}</th>
              {c.shares.map((s) => (
                <td className="num" key={s.judgment}>
                  {pct(s.share)}
                </td>
              ))}
              <td className="num">{data.weighted ? `${Math.round(c.total * 10) / 10}%` : c.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
