// The preview of an import: how the table was read, every problem with its line, the first rows.
import type { ImportPreview as Preview } from "@/lib/contracts/imports";

export function ImportPreview({
  preview: current,
  children,
}: {
  preview: Preview;
  children?: React.ReactNode;
}) {
  const problems = current.problems;
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <section className="card" aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="card-title">
        Preview
      </h2>
      <p>
        <strong>{current.studies}</strong> rows read as <strong>{current.format}</strong>
        {current.caption ? ` (“${current.caption}”)` : ""}; <strong>{current.importable}</strong> can be
        imported; <strong>{problems.length}</strong> problem{problems.length === 1 ? "" : "s"}
        {errors > 0 ? `, of which ${errors} leave a row out` : ""}.
      </p>
      {Object.keys(current.columns).length > 0 && (
        <p className="muted">
          Columns read:{" "}
          {Object.entries(current.columns)
            .map(([f, h]) => `${h} → ${f}`)
            .join(", ")}
          {current.ignoredColumns.length > 0 && `; left out: ${current.ignoredColumns.join(", ")}`}.
        </p>
      )}
      {problems.length > 0 && (
        <div className="table-wrap scroll-box">
          <table className="data">
            <caption className="visually-hidden">Problems found in the table</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Kind</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td className="num">{p.line ?? "—"}</td>
                  <td>{p.severity === "error" ? "Row left out" : "Warning"}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">First rows as read</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Disease</th>
              <th scope="col">Route</th>
              <th scope="col">Product</th>
              <th scope="col" className="num">
                n
              </th>
              <th scope="col">Doses as written → as read</th>
              <th scope="col">Registry id</th>
              <th scope="col">Citation</th>
            </tr>
          </thead>
          <tbody>
            {current.sample.map((s) => (
              <tr key={s.line}>
                <td className="num">{s.line}</td>
                <td>{s.disease}</td>
                <td>{s.route}</td>
                <td>{s.products}</td>
                <td className="num">{s.enrollment ?? "—"}</td>
                <td>
                  <ArmsRead arms={s.arms} coAdministered={s.coAdministered} />
                </td>
                <td>{s.registry ?? "—"}</td>
                <td>{s.citation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {current.studies > current.sample.length && (
        <p className="muted">
          The first {current.sample.length} of {current.studies} rows.
        </p>
      )}

      {children}
    </section>
  );
}

/** Each arm of a previewed row: the dose as written, what it was read as, how often. */
function ArmsRead({
  arms,
  coAdministered,
}: {
  arms: Preview["sample"][number]["arms"];
  coAdministered: string[];
}) {
  return (
    <ul className="plain-list">
      {arms.map((a, i) => (
        <li key={i}>
          {a.doseText || <span className="muted">no dose</span>}
          {a.n !== null && <span className="muted"> (n = {a.n})</span>}
          {a.readAs ? (
            ` → ${a.readAs}`
          ) : a.refused ? (
            <span className="muted"> → not read: {a.refused}</span>
          ) : null}
          {a.administrations && <span className="muted">; {a.administrations}</span>}
        </li>
      ))}
      {coAdministered.map((c) => (
        <li key={c} className="muted">
          with {c} (co-administered, not an MSC dose)
        </li>
      ))}
    </ul>
  );
}
