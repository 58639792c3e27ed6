// A breakdown (by disease, route, source or donor) as a table whose number cells carry bars.
import type { Breakdown } from "@/lib/contracts/dashboard";
import { fmtInt } from "@/lib/domain/format";
import { joinMarkup, markup, type SafeHtml } from "@/lib/domain/html";

/** One row, written as HTML text (a breakdown by disease can run to a hundred rows). */
function rowHtml(r: Breakdown, label: string, maxStudies: number, maxPatients: number): SafeHtml {
  const bar = (value: number, max: number, extra: string) =>
    markup`<div class="bar${extra}" aria-hidden="true" style="width:${(100 * value) / max}%"></div>`;
  return markup`<tr><th scope="row" class="plain-heading">${label}</th><td class="num">${fmtInt.format(r.studies)}${bar(
    r.studies,
    maxStudies,
    "",
  )}</td><td class="num">${fmtInt.format(r.patients)}${bar(r.patients, maxPatients, " patients")}</td></tr>`;
}

export function BreakdownTable({
  title,
  rows,
  label = (k) => k,
}: {
  title: string;
  rows: Breakdown[];
  label?: (key: string) => string;
}) {
  const maxStudies = Math.max(1, ...rows.map((r) => r.studies));
  const maxPatients = Math.max(1, ...rows.map((r) => r.patients));
  return (
    <section className="card" aria-label={title}>
      <h2 className="card-title">{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No studies.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{title.replace(/^By (\w)/, (_, c: string) => c.toUpperCase())}</th>
              <th scope="col" className="num">
                Studies
              </th>
              <th scope="col" className="num">
                Patients
              </th>
            </tr>
          </thead>
          <tbody
            dangerouslySetInnerHTML={{
              __html: joinMarkup(rows.map((r) => rowHtml(r, label(r.key), maxStudies, maxPatients))).value,
            }}
          />
        </table>
      )}
    </section>
  );
}
