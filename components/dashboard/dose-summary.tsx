// The dose summary as a box on a log cells/kg axis (min, quartiles, median, max), with the
// same numbers in words for screen readers and for people who prefer them.
import type { DoseSummary } from "@/lib/contracts/dashboard";
import { fmtCellsPerKg, fmtInt } from "@/lib/domain/format";

export function DoseSummaryView({ dose, weight }: { dose: DoseSummary; weight: number }) {
  const { min, max, q1, q3, median } = dose;
  const cumulative = dose.scale === "cumulative";
  const what = cumulative ? "Cumulative doses" : "Doses";
  const width = 520;
  const pad = 30;
  let svg = null;
  if (min !== null && max !== null && q1 !== null && q3 !== null && median !== null && min > 0) {
    const lo = Math.floor(Math.log10(min));
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
    const x = (v: number) => pad + ((Math.log10(v) - lo) / (hi - lo)) * (width - 2 * pad);
    const ticks = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
    svg = (
      <svg
        viewBox={`0 0 ${width} 70`}
        width="100%"
        role="img"
        aria-labelledby="dose-box-title"
        style={{ maxWidth: width }}
      >
        <title id="dose-box-title">
          {what} in cells/kg: minimum {fmtCellsPerKg(min)}, interquartile range {fmtCellsPerKg(q1)} to{" "}
          {fmtCellsPerKg(q3)}, median {fmtCellsPerKg(median)}, maximum {fmtCellsPerKg(max)}
        </title>
        <line x1={x(min)} x2={x(max)} y1={25} y2={25} stroke="#334155" />
        <rect
          x={x(q1)}
          y={13}
          width={Math.max(2, x(q3) - x(q1))}
          height={24}
          fill="#bfdbfe"
          stroke="#1d4ed8"
        />
        <line x1={x(median)} x2={x(median)} y1={10} y2={40} stroke="#1e3a8a" strokeWidth={3} />
        <line x1={x(min)} x2={x(min)} y1={18} y2={32} stroke="#334155" />
        <line x1={x(max)} x2={x(max)} y1={18} y2={32} stroke="#334155" />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(10 ** t)} x2={x(10 ** t)} y1={45} y2={50} stroke="#475569" />
            <text x={x(10 ** t)} y={64} textAnchor="middle" fontSize="11" fill="#334155">
              10{String(t).replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]!)}
            </text>
          </g>
        ))}
      </svg>
    );
  }
  return (
    <section className="card" aria-labelledby="dose-heading">
      <h2 id="dose-heading" className="card-title">
        {cumulative ? "Cumulative dose in cells/kg" : "Dose in cells/kg"}
      </h2>
      <p className="muted small">
        {cumulative
          ? "Over all administrations: the dose per administration times their number."
          : "Per administration."}
      </p>
      {dose.arms === 0 ? (
        <p>
          No arm in this selection has a {cumulative ? "cumulative dose" : "dose"} that converts to cells/kg.
          {cumulative && dose.withoutCount > 0 && (
            <>
              {" "}
              {fmtInt.format(dose.withoutCount)} arm{dose.withoutCount === 1 ? " has" : "s have"} a dose but
              no stated number of administrations.
            </>
          )}
        </p>
      ) : (
        <>
          {svg}
          <dl className="facts">
            <dt>Median</dt>
            <dd>{fmtCellsPerKg(median)}</dd>
            <dt>Interquartile range</dt>
            <dd>
              {fmtCellsPerKg(q1)} – {fmtCellsPerKg(q3)}
            </dd>
            <dt>Range</dt>
            <dd>
              {fmtCellsPerKg(min)} – {fmtCellsPerKg(max)}
            </dd>
            <dt>Arms</dt>
            <dd>
              {fmtInt.format(dose.arms)}, of which {fmtInt.format(dose.estimated)} estimated from total cells
              at {weight} kg
            </dd>
            <dt>Not convertible</dt>
            <dd>
              {fmtInt.format(dose.notConvertible)} arm{dose.notConvertible === 1 ? "" : "s"} (per joint, per
              ml, per m², per cm² or unknown)
            </dd>
            {cumulative && dose.withoutCount > 0 && (
              <>
                <dt>No number of administrations</dt>
                <dd>
                  {fmtInt.format(dose.withoutCount)} arm{dose.withoutCount === 1 ? "" : "s"} left out: the
                  table does not say how often {dose.withoutCount === 1 ? "it was" : "they were"} given
                </dd>
              </>
            )}
            {dose.excludedEstimated > 0 && (
              <>
                <dt>Left out</dt>
                <dd>{fmtInt.format(dose.excludedEstimated)} estimated arms (excluded by the filter)</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
