// The chart's legend: a mark per colour key, the hollow (estimated) point, the whisker, and the
// group median line and IQR box; the same marks go into the exported SVG and PNG.
import { whiskerLines, type LegendEntry } from "./export-chart";

export function ChartLegend({ legend }: { legend: LegendEntry[] }) {
  return (
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
              <rect x="1" y="1" width="16" height="12" fill={e.colour} fillOpacity="0.25" stroke={e.colour} />
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
  );
}
