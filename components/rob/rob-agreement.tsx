// Agreement between reviewers per domain and overall (share equal, Cohen's or Light's kappa) over
// the submitted assessments of the plotted studies, and the study–outcomes still to resolve.
import Link from "next/link";
import type { RobPlotsView } from "@/lib/contracts/risk-of-bias";
import { domainColumns } from "@/lib/domain/rob/tools";
import type { ToolId } from "@/lib/domain/rob/types";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
const kappa = (x: number | null) => (x === null ? "—" : x.toFixed(2));

export function RobAgreement({ view, tool }: { view: RobPlotsView; tool: ToolId }) {
  const names = new Map(domainColumns(tool).map((d) => [d.id, d.short]));
  const { agreement, toResolve } = view;
  return (
    <>
      <p className="muted">
        {agreement.reviewers.length} reviewer{agreement.reviewers.length === 1 ? "" : "s"} submitted
        assessments; {view.singleReviewer} study–outcome{view.singleReviewer === 1 ? " has" : "s have"} one
        reviewer so far.
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Agreement per domain">
        <table className="data" data-testid="rob-agreement">
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col" className="num">
                Rated by two or more
              </th>
              <th scope="col" className="num">
                Equal
              </th>
              <th scope="col" className="num">
                Kappa
              </th>
            </tr>
          </thead>
          <tbody>
            {agreement.domains.map((d) => (
              <tr key={d.domainId}>
                <th scope="row">
                  {d.domainId === "overall" ? "Overall" : `${d.domainId} ${names.get(d.domainId) ?? ""}`}
                </th>
                <td className="num">{d.items}</td>
                <td className="num">{pct(d.shareEqual)}</td>
                <td className="num">
                  {kappa(d.kappa)}
                  {d.method === "light" && <span className="muted"> (Light)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {toResolve.length > 0 && (
        <>
          <h3>To resolve</h3>
          <ul className="plain-list" data-testid="rob-to-resolve">
            {toResolve.map((t) => (
              <li key={`${t.studyId}|${t.outcome}`}>
                <Link href={`/studies/${t.studyId}#rob-heading`} prefetch={false}>
                  {t.label}
                </Link>{" "}
                <span className="muted">({t.outcome || "the study as a whole"})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
