import type { Metadata } from "next";
import Link from "next/link";
import { fmtInt } from "@/lib/domain/format";
import { listCohorts } from "@/lib/server/cohorts";
import type { SearchParams } from "@/lib/domain/url-params";
import { requirePageUser } from "@/lib/server/platform/session";

export const metadata: Metadata = { title: "Cohorts" };

const when = (d: Date) => d.toISOString().slice(0, 10);

export default async function CohortsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/cohorts");
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const cohorts = await listCohorts(user, q);
  return (
    <>
      <h1>Cohorts</h1>
      <p className="lead">
        Saved, named filters of the evidence table. Each opens from its own link for anyone in the team; a
        frozen cohort keeps the studies and numbers it had when it was frozen.
        {user.role !== "viewer" && " Save one from the dashboard with “Save this filter as a cohort”."}
      </p>
      <form method="get" action="/cohorts" className="search-form" role="search" aria-label="Search cohorts">
        <label htmlFor="cohort-search">Search by name, description or owner</label>
        <input id="cohort-search" name="q" type="search" defaultValue={q} maxLength={200} />
        <button type="submit" className="button secondary">
          Search
        </button>
        {q && <Link href="/cohorts">Show all</Link>}
      </form>
      {cohorts.length === 0 ? (
        <p>{q ? `No cohort matches “${q}”.` : "No cohorts have been saved yet."}</p>
      ) : (
        <form method="get" action="/cohorts/compare" aria-label="Compare cohorts">
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Saved cohorts">
            <table className="data">
              <caption className="visually-hidden">Saved cohorts, most recently changed first</caption>
              <thead>
                <tr>
                  <th scope="col">Compare</th>
                  <th scope="col">Name</th>
                  <th scope="col">State</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {cohorts.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <input type="checkbox" name="c" value={c.slug} aria-label={`Compare ${c.name}`} />
                    </td>
                    <td>
                      <Link href={`/cohorts/${c.slug}`}>{c.name}</Link>
                      {c.description && <div className="muted">{c.description}</div>}
                    </td>
                    <td>
                      {c.frozenAt
                        ? `Frozen ${when(c.frozenAt)}, ${fmtInt.format(c.members)} studies`
                        : "Live"}
                    </td>
                    <td>{c.owner}</td>
                    <td>{when(c.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="submit" className="button secondary">
              Compare the ticked cohorts
            </button>
          </p>
        </form>
      )}
    </>
  );
}
