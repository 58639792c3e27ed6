import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/server/session";
import { listStudies } from "@/lib/server/studies";

export const metadata: Metadata = { title: "Studies" };

export default async function StudiesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("viewer", "/studies");
  const requested = Number.parseInt((await searchParams).page ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const { total, rows, pageSize } = await listStudies(user, page);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <h1>Studies</h1>
      <p className="lead">
        {total === 0
          ? "No studies yet."
          : `${total} studies, page ${page} of ${pages}. One row is one publication; studies that share a registry id report the same trial.`}
      </p>
      {total > 0 && (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Studies in the evidence table</caption>
            <thead>
              <tr>
                <th scope="col">Disease</th>
                <th scope="col">Route</th>
                <th scope="col">Cell product</th>
                <th scope="col" className="num">
                  Enrollment
                </th>
                <th scope="col">Dose as written</th>
                <th scope="col">Registry id</th>
                <th scope="col">Ref.</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>
                    <abbr title={s.disease}>{s.diseaseCode}</abbr>
                  </td>
                  <td>{s.routeText}</td>
                  <td>{s.products.map((p) => p.rawText).join("; ")}</td>
                  <td className="num">{s.enrollment ?? "—"}</td>
                  <td>{s.arms.map((a) => (a.n ? `${a.doseText} (n=${a.n})` : a.doseText)).join("; ")}</td>
                  <td>{s.trial?.registryId ?? <span className="muted">none</span>}</td>
                  <td>{s.reference}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="row-actions" style={{ marginTop: "1rem" }}>
          {page > 1 && <Link href={`/studies?page=${page - 1}`}>Previous page</Link>}
          {page < pages && <Link href={`/studies?page=${page + 1}`}>Next page</Link>}
        </nav>
      )}
    </>
  );
}
