// The member studies of a cohort (live rows, or the rows as they were when it was frozen).
import Link from "next/link";
import { registryLinkHtml } from "@/components/studies/registry-link";
import { joinMarkup, markup, type SafeHtml } from "@/lib/domain/html";
import { fmtInt } from "@/lib/domain/format";
import type { MemberRow } from "@/lib/contracts/cohorts";

/** One member's row, written as HTML text (see the studies table). */
function memberRowHtml(r: MemberRow, linkStudies: boolean): SafeHtml {
  const study = linkStudies
    ? markup`<a href="/studies/${r.id}">${r.reference ?? "Study"}</a>`
    : markup`${r.reference ?? "—"}`;
  return markup`<tr>
    <td>${study}</td>
    <td><abbr title="${r.disease}">${r.diseaseCode}</abbr></td>
    <td>${r.routeText}</td>
    <td>${r.products.join("; ")}</td>
    <td class="num">${r.enrollment ?? "—"}</td>
    <td>${r.doses.join("; ")}</td>
    <td>${r.registryId ? registryLinkHtml(r.registryId) : "—"}</td>
  </tr>`;
}

export function MemberTable({
  rows,
  total,
  page,
  pageSize,
  linkStudies,
  pageHref,
  caption,
}: {
  rows: MemberRow[];
  total: number;
  page: number;
  pageSize: number;
  /** Team pages link each study; read-only share pages do not. */
  linkStudies: boolean;
  pageHref: (page: number) => string;
  caption: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return <p>No studies.</p>;
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="data">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Study</th>
              <th scope="col">Disease</th>
              <th scope="col">Route</th>
              <th scope="col">Cell product</th>
              <th scope="col" className="num">
                Enrollment
              </th>
              <th scope="col">Doses as written</th>
              <th scope="col">Registry id</th>
            </tr>
          </thead>
          <tbody
            dangerouslySetInnerHTML={{
              __html: joinMarkup(rows.map((r) => memberRowHtml(r, linkStudies))).value,
            }}
          />
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label="Pages of member studies">
          {page > 1 && <Link href={pageHref(page - 1)}>Previous</Link>}
          <span>
            Page {fmtInt.format(page)} of {fmtInt.format(pages)} ({fmtInt.format(total)} studies)
          </span>
          {page < pages && <Link href={pageHref(page + 1)}>Next</Link>}
        </nav>
      )}
    </>
  );
}
