// The pooled estimate with its test, prediction interval, heterogeneity, Egger's test, subgroup
// differences and meta-regression coefficients, and the download of the data.
import type { ReactNode } from "react";
import { f2, f4, pValue as p, type AnalysisResult } from "@/lib/domain/analysis";
import type { ModelResult } from "@/lib/domain/stats/meta";

function Fact({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function Estimate({ result, m }: { result: AnalysisResult; m: ModelResult }) {
  const display = result.display!;
  const sameScale = ["RD", "MD", "SMD"].includes(result.measure);
  return (
    <>
      {f4(display.estimate)} [{f4(display.ci_lb)}, {f4(display.ci_ub)}]
      {sameScale ? (
        <span className="muted"> (SE {f4(m.se[0]!)})</span>
      ) : (
        <span className="muted">
          {" "}
          (on the analysis scale {f4(m.b[0]!)}, SE {f4(m.se[0]!)})
        </span>
      )}
    </>
  );
}

export function PooledSummary({
  result,
  model: m,
  title,
  actions,
}: {
  result: AnalysisResult;
  model: ModelResult;
  title: string;
  /** Links and downloads under the facts. */
  actions: ReactNode;
}) {
  const display = result.display!;
  const reg = result.regression;
  return (
    <section className="card" aria-labelledby="pooled-title" data-testid="pooled">
      <h2 id="pooled-title">{title}</h2>
      <dl className="facts">
        <Fact term="Pooled estimate" testId="estimate">
          <Estimate result={result} m={m} />
        </Fact>
        <Fact term="Test">
          {m.test === "t" ? `t(${m.df})` : "z"} = {f4(m.stat[0]!)}, {p(m.pval[0]!)}
        </Fact>
        {display.pi_lb !== null && (
          <Fact term="Prediction interval">
            [{f4(display.pi_lb)}, {f4(display.pi_ub!)}]
          </Fact>
        )}
        <Fact term="Heterogeneity" testId="heterogeneity">
          tau² = {f4(m.tau2)}
          {m.tau2_ci && ` [${f4(m.tau2_ci[0])}, ${f4(m.tau2_ci[1])}]`}; I² = {f2(m.I2)}%
          {m.I2_ci && ` [${f2(m.I2_ci[0])}, ${f2(m.I2_ci[1])}]`}; H² = {f4(m.H2)}; Q({m.k - m.p}) = {f4(m.QE)}
          , {p(m.QEp)}
        </Fact>
        {result.egger && (
          <Fact term="Egger's test">
            {result.egger.test === "t" ? `t(${result.egger.df})` : "z"} = {f4(result.egger.stat)},{" "}
            {p(result.egger.pval)} (funnel-plot asymmetry)
          </Fact>
        )}
        {result.subgroups && result.subgroups.Qb !== null && (
          <Fact term="Subgroup differences">
            Q({result.subgroups.df}) = {f4(result.subgroups.Qb)}, {p(result.subgroups.Qbp!)}
          </Fact>
        )}
        {reg && (
          <Fact term="Meta-regression" testId="regression">
            {reg.coefficients.map((c, i) => (
              <div key={c}>
                {c}: {f4(reg.model.b[i]!)} (SE {f4(reg.model.se[i]!)}, {p(reg.model.pval[i]!)})
              </div>
            ))}
            <div>
              residual tau² = {f4(reg.residualTau2)}; k = {reg.k}
              {reg.dropped > 0 && ` (${reg.dropped} without a dose left out)`}
            </div>
          </Fact>
        )}
      </dl>
      <p className="row-actions">{actions}</p>
    </section>
  );
}
