// The pooled estimate with each study left out in turn.
import { f2, f4, type AnalysisResult } from "@/lib/domain/analysis";

export function LeaveOneOut({ result }: { result: AnalysisResult }) {
  if (result.leaveOneOut.length === 0) return null;
  return (
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
  );
}
