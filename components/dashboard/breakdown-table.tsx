// A breakdown (by disease, route, source or donor) as a table whose number cells carry bars.
import type { Breakdown } from "@/lib/contracts/dashboard";
import { fmtInt } from "@/lib/domain/format";

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
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="plain-heading">
                  {label(r.key)}
                </th>
                <td className="num">
                  {fmtInt.format(r.studies)}
                  <div
                    className="bar"
                    aria-hidden="true"
                    style={{ width: `${(100 * r.studies) / maxStudies}%` }}
                  />
                </td>
                <td className="num">
                  {fmtInt.format(r.patients)}
                  <div
                    className="bar patients"
                    aria-hidden="true"
                    style={{ width: `${(100 * r.patients) / maxPatients}%` }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
