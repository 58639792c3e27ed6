// The sensitivity analysis beside the main one: the same pooling with the studies at high risk
// of bias (high, serious or critical overall, by the consensus) left out, so that a reader sees
// how much the pooled estimate rests on them.
import type { ReactNode } from "react";
import { f2, f4, type AnalysisResult } from "@/lib/domain/analysis";
import type { RobSensitivity } from "@/lib/domain/analysis/sensitivity";
import { JudgmentBadge } from "@/components/rob/judgment-badge";

function Column({ heading, result, testId }: { heading: string; result: AnalysisResult; testId: string }) {
  const m = result.model;
  const d = result.display;
  return (
    <section className="card" aria-labelledby={`${testId}-heading`} data-testid={testId}>
      <h3 id={`${testId}-heading`}>{heading}</h3>
      {m && d ? (
        <dl className="facts">
          <dt>Studies</dt>
          <dd>{m.k}</dd>
          <dt>Pooled estimate</dt>
          <dd data-testid={`${testId}-estimate`}>
            {f4(d.estimate)} [{f4(d.ci_lb)}, {f4(d.ci_ub)}]
          </dd>
          <dt>Heterogeneity</dt>
          <dd>
            tau² = {f4(m.tau2)}; I² = {f2(m.I2)}%
          </dd>
        </dl>
      ) : (
        <p className="muted">{result.error ?? "No pooled estimate."}</p>
      )}
    </section>
  );
}

export function Sensitivity({
  main,
  sensitivity,
  children,
}: {
  main: AnalysisResult;
  sensitivity: RobSensitivity;
  /** Links under it. */
  children?: ReactNode;
}) {
  const { left, unassessed, result } = sensitivity;
  return (
    <section className="card" aria-labelledby="sensitivity-heading">
      <h2 id="sensitivity-heading">Sensitivity analysis: leaving out studies at high risk of bias</h2>
      {left.length === 0 ? (
        <p className="muted" data-testid="sensitivity-none">
          No study of this outcome is at high, serious or critical risk of bias by the consensus
          {unassessed > 0 ? ` (${unassessed} not assessed yet)` : ""}: the analysis without them is the main
          one.
        </p>
      ) : (
        <>
          <p>
            Left out:{" "}
            {left.map((l, i) => (
              <span key={l.studyId}>
                {i > 0 && "; "}
                {l.label} (<JudgmentBadge judgment={l.judgment} />)
              </span>
            ))}
            .
            {unassessed > 0 &&
              ` ${unassessed} stud${unassessed === 1 ? "y" : "ies"} not assessed yet stay in both.`}
          </p>
          <div className="breakdowns">
            <Column heading="All studies (main analysis)" result={main} testId="main-analysis" />
            <Column heading="Without high risk of bias" result={result} testId="sensitivity-analysis" />
          </div>
        </>
      )}
      {children}
    </section>
  );
}
