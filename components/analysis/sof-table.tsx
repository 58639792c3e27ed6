// GRADE's summary of findings: one row per outcome with the studies and participants, the pooled
// effect with its interval and the certainty, each rating that moved it with its reason and the
// team's footnote; downloads as CSV and, drawn as a figure, as PNG or SVG.
import { CERTAINTY_LABELS } from "@/lib/domain/grade/certainty";
import { certaintySymbols, effectText, levelText, sofCsv } from "@/lib/domain/grade/sof";
import type { SofRowView, SofTableView } from "@/lib/contracts/risk-of-bias";
import { CsvDownload, PlotExport } from "./plot-export";
import { SofFigure } from "./sof-figure";

function designs(r: SofRowView): string {
  const parts = [
    r.designs.randomised && `${r.designs.randomised} randomised`,
    r.designs.non_randomised && `${r.designs.non_randomised} non-randomised`,
    r.designs.single_arm && `${r.designs.single_arm} single-arm`,
    r.designs.unknown && `${r.designs.unknown} design not set`,
  ].filter(Boolean);
  return parts.join(", ");
}

function Ratings({ row }: { row: SofRowView }) {
  const shown = row.factors.filter((f) => f.suggested !== 0 || f.final !== 0 || f.footnote);
  return (
    <ul className="plain-list">
      <li className="muted">{row.startReason}</li>
      {shown.map((f) => (
        <li key={f.factor} data-testid={`sof-${f.factor}`}>
          <strong>
            {f.label} {levelText(f.final)}
          </strong>{" "}
          <span className="muted">
            (
            {f.decision === "pending"
              ? "suggested, not decided yet"
              : f.decision === "accepted"
                ? "accepted"
                : `overridden; suggested ${levelText(f.suggested)}`}
            )
          </span>
          : {f.finalReason ?? f.reason}
          {f.footnote && <em> Footnote: {f.footnote}</em>}
        </li>
      ))}
      {row.notes.map((n) => (
        <li key={n} className="muted">
          {n}
        </li>
      ))}
    </ul>
  );
}

export function SofTable({ sof, scope, fileName }: { sof: SofTableView; scope: string; fileName: string }) {
  if (sof.rows.length === 0 && sof.skipped.length === 0) return null;
  const title = "Summary of findings (GRADE)";
  return (
    <section className="card" aria-labelledby="sof-heading">
      <h2 id="sof-heading">{title}</h2>
      <p className="muted">
        Certainty starts high for randomised evidence and low otherwise; the ratings are suggested from the
        data and accepted or overridden, with a footnote, by the reviewers (below).
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Studies</th>
              <th scope="col" className="num">
                Participants
              </th>
              <th scope="col">Effect (95% CI)</th>
              <th scope="col">Certainty</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {sof.rows.map((r) => (
              <tr key={r.outcome} data-testid="sof-row">
                <th scope="row">{r.outcome}</th>
                <td>
                  {r.k} <span className="muted">({designs(r)})</span>
                </td>
                <td className="num">{r.participants ?? "—"}</td>
                <td>{effectText(r)}</td>
                <td className="sof-certainty" data-testid="sof-certainty">
                  <span aria-hidden="true">{certaintySymbols(r.certainty)}</span>{" "}
                  {CERTAINTY_LABELS[r.certainty]}
                  {!r.allDecided && (
                    <div className="muted small">suggested: {CERTAINTY_LABELS[r.suggested]}</div>
                  )}
                </td>
                <td>
                  <Ratings row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sof.skipped.length > 0 && (
        <p className="muted">
          Not pooled: {sof.skipped.map((s) => `${s.outcome} (${s.reason})`).join("; ")}.
        </p>
      )}
      {sof.rows.length > 0 && (
        <>
          <p className="row-actions">
            <CsvDownload
              csv={sofCsv(sof.rows)}
              fileName={`${fileName}.csv`}
              label="Download summary of findings (CSV)"
            />
          </p>
          <details>
            <summary>As a figure (PNG, SVG)</summary>
            <PlotExport
              plot="sof"
              title={title}
              caption={`${scope}. Made with the evidence dashboard.`}
              fileName={fileName}
            >
              <SofFigure rows={sof.rows} title={title} />
            </PlotExport>
          </details>
        </>
      )}
    </section>
  );
}
