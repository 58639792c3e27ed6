import type { Metadata } from "next";
import Link from "next/link";
import { CsvDownload, PlotExport } from "@/components/analysis/plot-export";
import { BubblePlot, ForestPlot, FunnelPlot } from "@/components/analysis/plots";
import { SaveAnalysisForm } from "@/components/cohorts/save-analysis-form";
import {
  analysisCsv,
  analysisOptionsToParams,
  ATTRIBUTES,
  parseAnalysisOptions,
  rCode,
  type AnalysisOptions,
} from "@/lib/domain/analysis";
import { storedAnalysis } from "@/lib/domain/cohort";
import { filterToParams, parseFilter } from "@/lib/domain/cohort-filter";
import { describeFilter } from "@/lib/domain/filter-summary";
import { MEASURE_LABELS, MEASURES, METHOD_LABELS, METHODS } from "@/lib/domain/stats/meta";
import { analyse } from "@/lib/server/analysis";
import { effectiveReading, findCohort } from "@/lib/server/cohorts";
import { outcomeNames } from "@/lib/server/outcome-data";
import type { SearchParams } from "@/lib/server/page-filter";
import { requirePageUser } from "@/lib/server/session";
import { saveCohortAnalysisAction } from "../cohorts/actions";

export const metadata: Metadata = { title: "Meta-analysis" };

const ATTR_LABELS: Record<string, string> = {
  none: "None",
  dose: "log10 dose (cells/kg)",
  disease: "Disease",
  tissue: "Cell source",
  route: "Route",
  donor: "Donor",
};
const ANALYSIS_KEYS = ["outcome", "measure", "method", "knha", "sub", "mods", "use"];
const f4 = (v: number) => v.toFixed(4);
const f2 = (v: number) => v.toFixed(2);
const p = (v: number) => (v < 0.0001 ? "p < 0.0001" : `p = ${v.toFixed(4)}`);

export default async function AnalysisPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/analysis");
  const sp = await searchParams;
  const cohortRef = typeof sp.cohort === "string" ? sp.cohort : null;
  const cohort = cohortRef ? await findCohort(user, cohortRef) : null;
  // A cohort's link opens the choices saved with it, unless the address says otherwise.
  const hasChoices = ANALYSIS_KEYS.some((k) => sp[k] !== undefined);
  const choiceParams = cohort && !hasChoices ? new URLSearchParams(storedAnalysis(cohort.filter)) : sp;
  const { options, ignored } = parseAnalysisOptions(choiceParams);
  const { filter, settings } = cohort ? effectiveReading(cohort) : parseFilter(sp);
  const names = await outcomeNames(user);
  const chosen: AnalysisOptions = { ...options, outcome: options.outcome || names[0]?.outcome || "" };
  const { result } = await analyse(user, filter, settings, chosen, cohort?.frozen ? cohort.id : null);
  const chips = describeFilter(filter, settings);
  const scope = cohort
    ? `Cohort “${cohort.name}” (${cohort.frozenAt ? "frozen members" : "live"})`
    : chips.length
      ? chips.join("; ")
      : "all studies";
  const hidden = cohort ? new URLSearchParams({ cohort: cohort.slug }) : filterToParams(filter, settings);
  const query = new URLSearchParams(hidden);
  for (const [k, v] of analysisOptionsToParams(chosen)) query.append(k, v);
  const m = result.model;
  const title = `${chosen.outcome || "No outcome"}: ${MEASURE_LABELS[result.measure]}, ${METHOD_LABELS[result.method]}${result.knha ? ", Knapp–Hartung" : ""}`;
  const caption = `${scope}. ${m ? `k = ${m.k}.` : ""} Made with the evidence dashboard.`;
  const csv = m ? analysisCsv(result) : "";
  const fileName = `meta-analysis-${(chosen.outcome || "outcome").toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

  return (
    <>
      <h1>Meta-analysis</h1>
      <p className="lead">
        Pools the outcome data reviewers entered on study pages, for {scope}.{" "}
        {!cohort && (
          <Link href={`/?${filterToParams(filter, settings)}`}>Change the studies in the dashboard</Link>
        )}
      </p>
      {ignored.length > 0 && (
        <div className="alert info" role="status">
          Parts of the link were not understood and were left out: {ignored.join(", ")}.
        </div>
      )}
      {names.length === 0 ? (
        <p>
          No outcome data has been entered yet. Open a study and add its data under “Outcome data for
          meta-analysis”.
        </p>
      ) : (
        <form method="get" action="/analysis" className="card chart-controls" aria-label="Analysis settings">
          {[...hidden.entries()].map(([k, v], i) => (
            <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
          ))}
          <label>
            Outcome
            <select name="outcome" defaultValue={chosen.outcome}>
              {names.map((n) => (
                <option key={n.outcome} value={n.outcome}>
                  {n.outcome} ({n.studies})
                </option>
              ))}
            </select>
          </label>
          <label>
            Measure
            <select name="measure" defaultValue={result.measure}>
              {MEASURES.map((x) => (
                <option key={x} value={x}>
                  {x}: {MEASURE_LABELS[x]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Model
            <select name="method" defaultValue={chosen.method}>
              {METHODS.map((x) => (
                <option key={x} value={x}>
                  {METHOD_LABELS[x]}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" name="knha" value="1" defaultChecked={chosen.knha} /> Knapp–Hartung (HKSJ)
          </label>
          <label>
            Subgroups by
            <select name="sub" defaultValue={chosen.subgroup}>
              {["none", ...ATTRIBUTES].map((x) => (
                <option key={x} value={x}>
                  {ATTR_LABELS[x]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Meta-regression on
            <select name="mods" defaultValue={chosen.mods}>
              {["none", "dose", ...ATTRIBUTES].map((x) => (
                <option key={x} value={x}>
                  {ATTR_LABELS[x]}
                </option>
              ))}
            </select>
          </label>
          {chosen.use.map((u) => (
            <input key={u} type="hidden" name="use" value={u} />
          ))}
          <button type="submit" className="button">
            Update analysis
          </button>
        </form>
      )}

      {result.error && names.length > 0 && (
        <p className="alert info" role="status">
          {result.error}
        </p>
      )}

      {m && result.display && (
        <>
          <section className="card" aria-labelledby="pooled-title" data-testid="pooled">
            <h2 id="pooled-title">{title}</h2>
            <dl className="facts">
              <dt>Pooled estimate</dt>
              <dd data-testid="estimate">
                {f4(result.display.estimate)} [{f4(result.display.ci_lb)}, {f4(result.display.ci_ub)}]
                {result.measure !== "RD" && result.measure !== "MD" && result.measure !== "SMD" && (
                  <span className="muted">
                    {" "}
                    (on the analysis scale {f4(m.b[0]!)}, SE {f4(m.se[0]!)})
                  </span>
                )}
                {["RD", "MD", "SMD"].includes(result.measure) && (
                  <span className="muted"> (SE {f4(m.se[0]!)})</span>
                )}
              </dd>
              <dt>Test</dt>
              <dd>
                {m.test === "t" ? `t(${m.df})` : "z"} = {f4(m.stat[0]!)}, {p(m.pval[0]!)}
              </dd>
              {result.display.pi_lb !== null && (
                <>
                  <dt>Prediction interval</dt>
                  <dd>
                    [{f4(result.display.pi_lb)}, {f4(result.display.pi_ub!)}]
                  </dd>
                </>
              )}
              <dt>Heterogeneity</dt>
              <dd data-testid="heterogeneity">
                tau² = {f4(m.tau2)}
                {m.tau2_ci && ` [${f4(m.tau2_ci[0])}, ${f4(m.tau2_ci[1])}]`}; I² = {f2(m.I2)}%
                {m.I2_ci && ` [${f2(m.I2_ci[0])}, ${f2(m.I2_ci[1])}]`}; H² = {f4(m.H2)}; Q({m.k - m.p}) ={" "}
                {f4(m.QE)}, {p(m.QEp)}
              </dd>
              {result.egger && (
                <>
                  <dt>Egger&apos;s test</dt>
                  <dd>
                    {result.egger.test === "t" ? `t(${result.egger.df})` : "z"} = {f4(result.egger.stat)},{" "}
                    {p(result.egger.pval)} (funnel-plot asymmetry)
                  </dd>
                </>
              )}
              {result.subgroups && result.subgroups.Qb !== null && (
                <>
                  <dt>Subgroup differences</dt>
                  <dd>
                    Q({result.subgroups.df}) = {f4(result.subgroups.Qb)}, {p(result.subgroups.Qbp!)}
                  </dd>
                </>
              )}
              {result.regression && (
                <>
                  <dt>Meta-regression</dt>
                  <dd data-testid="regression">
                    {result.regression.coefficients.map((c, i) => (
                      <div key={c}>
                        {c}: {f4(result.regression!.model.b[i]!)} (SE {f4(result.regression!.model.se[i]!)},{" "}
                        {p(result.regression!.model.pval[i]!)})
                      </div>
                    ))}
                    <div>
                      residual tau² = {f4(result.regression.residualTau2)}; k = {result.regression.k}
                      {result.regression.dropped > 0 &&
                        ` (${result.regression.dropped} without a dose left out)`}
                    </div>
                  </dd>
                </>
              )}
            </dl>
            <p className="row-actions">
              <CsvDownload csv={csv} fileName={`${fileName}.csv`} label="Download data (CSV, yi/vi)" />
              {!cohort && <Link href={`/cohorts`}>Open from a cohort</Link>}
            </p>
          </section>

          {result.duplicates.length > 0 && (
            <form method="get" action="/analysis" className="card" aria-label="One study per trial">
              <h2>Studies that report the same trial</h2>
              <p>
                A pooled estimate counts each trial once. The largest study stands for its trial unless you
                choose another.
              </p>
              {[...query.entries()]
                .filter(([k]) => k !== "use")
                .map(([k, v], i) => (
                  <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
                ))}
              {result.duplicates.map((d, i) => (
                <fieldset key={d.trialId} className="filter-group">
                  <legend>{d.registryId ?? "Registered trial"}</legend>
                  {d.studies.map((s) => (
                    <label key={s.studyId} className="check">
                      <input
                        type="radio"
                        name={`use_${i}`}
                        value={s.studyId}
                        defaultChecked={s.studyId === d.chosen}
                      />{" "}
                      {s.label} (n = {s.n ?? "?"})
                    </label>
                  ))}
                </fieldset>
              ))}
              <button type="submit" className="button secondary">
                Use these studies
              </button>
            </form>
          )}

          <section className="card" aria-labelledby="forest-heading">
            <h2 id="forest-heading">Forest plot</h2>
            <PlotExport
              plot="forest"
              title={`Forest plot: ${title}`}
              caption={caption}
              fileName={`${fileName}-forest`}
            >
              <ForestPlot result={result} title={`Forest plot: ${title}`} subgroup={chosen.subgroup} />
            </PlotExport>
          </section>
          <div className="breakdowns">
            <section className="card" aria-labelledby="funnel-heading">
              <h2 id="funnel-heading">Funnel plot</h2>
              <PlotExport
                plot="funnel"
                title={`Funnel plot: ${title}`}
                caption={caption}
                fileName={`${fileName}-funnel`}
              >
                <FunnelPlot result={result} title={`Funnel plot: ${title}`} />
              </PlotExport>
              {result.egger && (
                <p className="muted">
                  Egger&apos;s test: {result.egger.test} = {f4(result.egger.stat)}, {p(result.egger.pval)}.
                </p>
              )}
            </section>
            {result.regression && chosen.mods === "dose" && (
              <section className="card" aria-labelledby="bubble-heading">
                <h2 id="bubble-heading">Effect against dose</h2>
                <PlotExport
                  plot="bubble"
                  title={`Meta-regression on log10 dose: ${title}`}
                  caption={caption}
                  fileName={`${fileName}-dose`}
                >
                  <BubblePlot result={result} title={`Meta-regression on log10 dose: ${title}`} />
                </PlotExport>
              </section>
            )}
          </div>

          {result.leaveOneOut.length > 0 && (
            <details className="card">
              <summary>Leave-one-out</summary>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Leave-one-out">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Left out</th>
                      <th scope="col" className="num">
                        Estimate
                      </th>
                      <th scope="col">95% CI</th>
                      <th scope="col" className="num">
                        tau²
                      </th>
                      <th scope="col" className="num">
                        I²
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.leaveOneOut.map((l) => (
                      <tr key={l.omitted}>
                        <th scope="row">{result.studies[l.omitted]!.label}</th>
                        <td className="num">{f4(l.estimate)}</td>
                        <td>
                          [{f4(l.ci_lb)}, {f4(l.ci_ub)}]
                        </td>
                        <td className="num">{f4(l.tau2)}</td>
                        <td className="num">{f2(l.I2)}%</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}

          <section className="card" aria-labelledby="r-heading">
            <h2 id="r-heading">Reproduce with R (metafor)</h2>
            <p className="muted">Download the data (CSV) above, save it as {fileName}.csv, then run:</p>
            <pre className="source" data-testid="r-code">
              {rCode(result, chosen, `${fileName}.csv`)}
            </pre>
          </section>
        </>
      )}

      {result.excluded.length > 0 && (
        <section className="card" aria-labelledby="excluded-heading">
          <h2 id="excluded-heading">Left out</h2>
          <ul>
            {result.excluded.map((e) => (
              <li key={e.row.studyId}>
                <Link href={`/studies/${e.row.studyId}`}>{e.label}</Link>: {e.reason}
              </li>
            ))}
          </ul>
        </section>
      )}

      {cohort?.canManage && m && (
        <section className="card" aria-labelledby="save-analysis-heading">
          <h2 id="save-analysis-heading">Keep with the cohort</h2>
          <SaveAnalysisForm
            action={saveCohortAnalysisAction}
            id={cohort.id}
            version={cohort.version}
            query={analysisOptionsToParams(chosen).toString()}
            name={cohort.name}
          />
        </section>
      )}
    </>
  );
}
