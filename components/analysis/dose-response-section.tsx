// The dose–response curve of the chosen outcome over its per-arm data: the fitted curve with its
// 95% band, each arm as a bubble sized by its n (a study's arms joined by a line), the tests and a
// table of the curve. Drawn on the server as SVG; the shape is chosen by a form that keeps the
// page's other choices.
import type {
  DoseReading,
  DoseResponseChoices,
  DoseResponseShapeChoice,
  DoseResponseView,
} from "@/lib/contracts/dose-response";
import { DOSE_RESPONSE_PARAMS, doseResponseRCode } from "@/lib/domain/stats/dose-response";
import { CsvDownload, PlotExport } from "./plot-export";

const W = 640;
const H = 320;
const PAD = { left: 56, right: 16, top: 16, bottom: 44 };
const SHAPES: { value: DoseResponseShapeChoice; label: string }[] = [
  { value: "linear", label: "Linear" },
  { value: "quadratic", label: "Quadratic" },
  { value: "rcs", label: "Restricted cubic spline" },
];

const num = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : "—");
const pValue = (p: number) => (p < 0.001 ? "< 0.001" : num(p, 3));

function ticks(lo: number, hi: number, count = 5): number[] {
  const step = (hi - lo) / (count - 1 || 1);
  return Array.from({ length: count }, (_, i) => lo + step * i);
}

export function DoseResponseSection({
  view,
  choices,
  problems,
  typed,
  keep,
  outcomes,
}: {
  view: DoseResponseView | { problem: string } | null;
  choices: DoseResponseChoices;
  /** choices in the address that could not be used */
  problems: string[];
  /** the free-text fields as given */
  typed: { knotValues: string; reference: string };
  /** the page's other URL parameters, kept by the form */
  keep: [string, string][];
  /** the outcomes with per-arm data */
  outcomes: string[];
}) {
  const outcome = choices.outcome;
  return (
    <section className="card" aria-labelledby="dose-response-heading">
      <h2 id="dose-response-heading">Dose–response{outcome ? `: ${outcome}` : ""}</h2>
      <form method="get" action="/analysis" className="stack" aria-label="Dose–response choices">
        {keep
          .filter(([k]) => !(DOSE_RESPONSE_PARAMS as readonly string[]).includes(k))
          .map(([k, v], i) => (
            <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
          ))}
        <div className="field-grid">
          <div className="field">
            <label htmlFor="dr-outcome">Outcome</label>
            <select id="dr-outcome" name="dro" defaultValue={outcome}>
              {(outcomes.includes(outcome) || !outcome ? outcomes : [outcome, ...outcomes]).map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dr-model">Within or across studies</label>
            <select id="dr-model" name="drm" defaultValue={choices.model}>
              <option value="auto">As the data allow</option>
              <option value="within">Within studies (against each study&apos;s reference arm)</option>
              <option value="across">Across arms (arms nested in studies)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="dr-shape">Dose shape</label>
            <select id="dr-shape" name="dr" defaultValue={choices.shape}>
              {SHAPES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dr-knots">Spline knots</label>
            <select id="dr-knots" name="drk" defaultValue={String(choices.knotCount)}>
              {[3, 4, 5].map((k) => (
                <option key={k} value={k}>
                  {k} at Harrell&apos;s percentiles
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dr-knot-values">…or knots at doses (10⁶ cells/kg)</label>
            <span className="hint" id="dr-knot-values-hint">
              3 to 5 doses, separated by commas; they replace the percentiles.
            </span>
            <input
              id="dr-knot-values"
              name="drv"
              inputMode="decimal"
              defaultValue={typed.knotValues}
              aria-describedby="dr-knot-values-hint"
            />
          </div>
          <div className="field">
            <label htmlFor="dr-reference">Reference dose (10⁶ cells/kg)</label>
            <span className="hint" id="dr-reference-hint">
              Empty: the lowest dose of the studies&apos; reference arms (across arms, the lowest dose).
            </span>
            <input
              id="dr-reference"
              name="drref"
              inputMode="decimal"
              defaultValue={typed.reference}
              aria-describedby="dr-reference-hint"
            />
          </div>
        </div>
        <p className="muted small">
          Per administration or cumulative: the dashboard&apos;s dose scale, which this page follows.
        </p>
        <div>
          <button type="submit" className="button">
            Fit
          </button>
        </div>
      </form>
      {problems.length > 0 && (
        <div className="alert error" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      {view === null ? (
        <Empty />
      ) : "problem" in view ? (
        <p className="alert info" role="status">
          {view.problem}
        </p>
      ) : (
        <Fit view={view} />
      )}
    </section>
  );
}

function Empty() {
  return (
    <p className="muted">
      No dose–response fit for this outcome: it needs per-arm outcome data (entered on a study page or
      imported as CSV) for at least three arms at two or more doses in cells/kg.
    </p>
  );
}

function Fit({ view }: { view: DoseResponseView }) {
  const doses = [...view.curve.map((p) => p.dose), ...view.points.map((p) => p.dose)];
  const values = [
    ...view.curve.flatMap((p) => [p.ciLower, p.ciUpper, p.piLower, p.piUpper]),
    ...view.points.map((p) => p.value),
  ].filter(Number.isFinite);
  const x0 = Math.min(0, ...doses);
  const x1 = Math.max(...doses) || 1;
  const y0 = Math.min(...values);
  const y1 = Math.max(...values);
  const yPad = (y1 - y0 || 1) * 0.08;
  const [ylo, yhi] = [y0 - yPad, y1 + yPad];
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - ylo) / (yhi - ylo || 1)) * (H - PAD.top - PAD.bottom);
  const band = [
    ...view.curve.map((p) => `${sx(p.dose)},${sy(p.ciUpper)}`),
    ...[...view.curve].reverse().map((p) => `${sx(p.dose)},${sy(p.ciLower)}`),
  ].join(" ");
  const line = view.curve.map((p) => `${sx(p.dose)},${sy(p.estimate)}`).join(" ");
  const piLow = view.curve.map((p) => `${sx(p.dose)},${sy(p.piLower)}`).join(" ");
  const piHigh = view.curve.map((p) => `${sx(p.dose)},${sy(p.piUpper)}`).join(" ");
  const most = Math.max(1, ...view.points.map((p) => p.n));
  const byStudy = new Map<string, DoseResponseView["points"]>();
  for (const p of view.points) byStudy.set(p.studyId, [...(byStudy.get(p.studyId) ?? []), p]);
  const axis = view.cumulative ? "Cumulative dose (10⁶ cells/kg)" : "Dose per administration (10⁶ cells/kg)";
  const yLabel =
    view.measure === "mean difference"
      ? "Mean difference from the reference arm"
      : view.measure === "log relative risk"
        ? "Log relative risk against the reference arm"
        : view.measure === "mean"
          ? "Mean"
          : "Logit of the proportion";
  const fileBase = `dose-response-${
    view.outcome
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "outcome"
  }`;
  const curveCsv =
    [
      "dose_1e6_cells_per_kg,estimate,ci_lower,ci_upper,pi_lower,pi_upper",
      ...view.curve.map((p) => [p.dose, p.estimate, p.ciLower, p.ciUpper, p.piLower, p.piUpper].join(",")),
    ].join("\n") + "\n";
  const summary =
    `${view.model === "two-stage" ? "Within studies (two-stage, REML)" : "Across arms (arms nested in studies, REML)"}: ` +
    `${view.studies} studies, ${view.arms} arms. Dose effect: χ² ${num(view.overall.chi2)} on ${view.overall.df} df, p ${pValue(view.overall.p)}` +
    (view.nonlinearity
      ? `; non-linearity: χ² ${num(view.nonlinearity.chi2)} on ${view.nonlinearity.df} df, p ${pValue(view.nonlinearity.p)}`
      : "") +
    `. AIC ${num(view.AIC, 1)}.` +
    (view.truncated
      ? " More arms have data than one view fits: the studies read first are shown, each whole."
      : "");
  const knots = view.knots
    ? ` Knots at ${view.knots.map((k) => num(k)).join(", ")} (${view.knotsChosen ? "chosen doses" : "Harrell's percentiles of the arms' doses"}).`
    : "";
  const caption =
    `The fitted curve relative to dose ${num(view.reference)} with its 95% confidence band (shaded) and 95% prediction band (dashed: where a new study's curve would lie); each bubble is an arm, ` +
    `sized by its number of patients, and a study's arms are joined by a line.${knots}`;
  return (
    <>
      <p data-testid="dose-response-summary">{summary}</p>
      <PlotExport
        plot="dose-response"
        title={`Dose–response: ${view.outcome}`}
        caption={caption}
        fileName={`${fileBase}-curve`}
      >
        <figure className="chart-figure">
          <svg
            data-export="dose-response"
            viewBox={`0 0 ${W} ${H}`}
            role="img"
            aria-labelledby="dr-title dr-desc"
            className="dose-response-plot"
            width="100%"
          >
            <title id="dr-title">{`Dose–response curve of ${view.outcome}`}</title>
            <desc id="dr-desc">{summary}</desc>
            {ticks(ylo, yhi).map((t) => (
              <g key={`y${t}`}>
                <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} stroke="#e5e7eb" />
                <text x={PAD.left - 6} y={sy(t) + 4} textAnchor="end" fontSize="11" fill="#374151">
                  {num(t, 1)}
                </text>
              </g>
            ))}
            {ticks(x0, x1).map((t) => (
              <text
                key={`x${t}`}
                x={sx(t)}
                y={H - PAD.bottom + 16}
                textAnchor="middle"
                fontSize="11"
                fill="#374151"
              >
                {num(t, 1)}
              </text>
            ))}
            <text x={(W + PAD.left) / 2} y={H - 8} textAnchor="middle" fontSize="12" fill="#111827">
              {axis}
            </text>
            <text
              x={14}
              y={(H - PAD.bottom) / 2}
              textAnchor="middle"
              fontSize="12"
              fill="#111827"
              transform={`rotate(-90 14 ${(H - PAD.bottom) / 2})`}
            >
              {yLabel}
            </text>
            <polygon points={band} fill="#2563eb" fillOpacity={0.15} stroke="none" />
            <polyline points={piLow} fill="none" stroke="#1d4ed8" strokeDasharray="4 3" strokeWidth={1} />
            <polyline points={piHigh} fill="none" stroke="#1d4ed8" strokeDasharray="4 3" strokeWidth={1} />
            <polyline points={line} fill="none" stroke="#1d4ed8" strokeWidth={2.5} />
            {[...byStudy.values()].map((arms) =>
              arms.length > 1 ? (
                <polyline
                  key={`s${arms[0]!.studyId}`}
                  points={[...arms]
                    .sort((a, b) => a.dose - b.dose)
                    .map((p) => `${sx(p.dose)},${sy(p.value)}`)
                    .join(" ")}
                  fill="none"
                  stroke="#6b7280"
                  strokeOpacity={0.6}
                />
              ) : null,
            )}
            {view.points.map((p, i) => (
              <circle
                key={`p${i}`}
                cx={sx(p.dose)}
                cy={sy(p.value)}
                r={3 + 9 * Math.sqrt(p.n / most)}
                fill="#f59e0b"
                fillOpacity={0.55}
                stroke="#92400e"
              >
                <title>{`${p.label}: dose ${num(p.dose)}, ${num(p.value)} (n = ${p.n})`}</title>
              </circle>
            ))}
          </svg>
          <figcaption className="muted">{caption}</figcaption>
        </figure>
      </PlotExport>
      <DoseReadings view={view} />
      <p>
        <CsvDownload csv={view.dataCsv} fileName={`${fileBase}-arms.csv`} label="Download the arms (CSV)" />{" "}
        <CsvDownload csv={curveCsv} fileName={`${fileBase}-curve.csv`} label="Download the curve (CSV)" />
      </p>
      <details>
        <summary>R code that refits this from the arms&apos; CSV</summary>
        <pre className="source" data-testid="dose-response-r-code">
          {doseResponseRCode({
            model: view.model,
            measure: view.measure,
            shape: view.shape,
            knots: view.knots,
            fileName: `${fileBase}-arms.csv`,
          })}
        </pre>
      </details>
      <details>
        <summary>The curve as a table</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Dose–response curve">
          <table className="data">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Dose (10⁶ cells/kg)
                </th>
                <th scope="col" className="num">
                  Estimate
                </th>
                <th scope="col" className="num">
                  95% CI
                </th>
                <th scope="col" className="num">
                  95% prediction interval
                </th>
              </tr>
            </thead>
            <tbody>
              {view.curve
                .filter((_, i, all) => all.length <= 15 || i % 4 === 0)
                .map((p) => (
                  <tr key={p.dose}>
                    <td className="num">{num(p.dose)}</td>
                    <td className="num">{num(p.estimate, 3)}</td>
                    <td className="num">
                      {num(p.ciLower, 3)} to {num(p.ciUpper, 3)}
                    </td>
                    <td className="num">
                      {num(p.piLower, 3)} to {num(p.piUpper, 3)}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

const READING_LABELS: Record<DoseReading["name"], string> = {
  maximum: "Dose of the largest effect",
  ed50: "ED50: half of the largest effect",
  ed80: "ED80: 80% of the largest effect",
  "minimum effective": "Minimum dose whose effect differs from the reference",
};

/** The doses read off the curve, each with its simulation interval. */
function DoseReadings({ view }: { view: DoseResponseView }) {
  const at = (d: number | null) => (d === null ? "not within the observed doses" : num(d));
  return (
    <div className="table-wrap">
      <table className="data" data-testid="dose-readings">
        <caption>
          Doses read off the curve (10⁶ cells/kg); largest effect {num(view.maximumEffect, 3)}
          {view.maximumInterior ? ", inside the observed doses" : ", at the end of the observed doses"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Quantity</th>
            <th scope="col" className="num">
              Dose
            </th>
            <th scope="col" className="num">
              95% interval
            </th>
            <th scope="col" className="num">
              Simulated curves that do not reach it
            </th>
          </tr>
        </thead>
        <tbody>
          {view.doses.map((d) => (
            <tr key={d.name}>
              <th scope="row">{READING_LABELS[d.name]}</th>
              <td className="num">{at(d.dose)}</td>
              <td className="num">
                {d.lower === null || d.upper === null ? "—" : `${num(d.lower)} to ${num(d.upper)}`}
              </td>
              <td className="num">{Math.round(d.notReachedShare * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {view.simulation}. ED50 and ED80: going from the reference towards the dose of the largest effect,
        where the curve first reaches half and 80% of that effect. Minimum effective dose: the lowest dose
        above the reference whose 95% confidence interval excludes no difference.
      </p>
    </div>
  );
}
