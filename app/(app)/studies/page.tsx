import type { Metadata } from "next";
import Link from "next/link";
import { FilterPanel } from "@/components/studies/filter-panel";
import { RegistryLink } from "@/components/studies/registry-link";
import { filterToParams, parseFilter } from "@/lib/domain/cohort-filter";
import { describeFilter } from "@/lib/domain/filter-summary";
import { armCellsPerKg, fmtCellsPerKg, fmtInt } from "@/lib/domain/format";
import { readTableRequest, type SearchParams } from "@/lib/server/page-filter";
import { requirePageUser } from "@/lib/server/session";
import { filterOptions, studyTable, type StudySort } from "@/lib/server/studies";

export const metadata: Metadata = { title: "Studies" };

const COLUMNS: { key: StudySort | null; label: string; num?: boolean }[] = [
  { key: "disease", label: "Disease" },
  { key: "route", label: "Route" },
  { key: null, label: "Cell product" },
  { key: "enrollment", label: "n", num: true },
  { key: null, label: "Dose as written" },
  { key: "dose", label: "Dose, cells/kg" },
  { key: "registry", label: "Registry id" },
  { key: "reference", label: "Ref." },
  { key: null, label: "Tags" },
  { key: null, label: "Open notes", num: true },
];

export default async function StudiesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/studies");
  const params = await searchParams;
  const { filter, settings } = parseFilter(params);
  const table = readTableRequest(params);
  const [{ total, rows }, options] = await Promise.all([
    studyTable(user, filter, settings, table),
    filterOptions(user),
  ]);
  const base = filterToParams(filter, settings);
  const pages = Math.max(1, Math.ceil(total / table.pageSize));
  const href = (changes: Record<string, string | number>) => {
    const p = new URLSearchParams(base);
    const all = {
      sort: table.sort,
      dir: table.direction,
      size: table.pageSize,
      page: table.page,
      ...changes,
    };
    for (const [k, v] of Object.entries(all)) p.set(k, String(v));
    return `/studies?${p.toString()}`;
  };
  const chips = describeFilter(
    filter,
    settings,
    Object.fromEntries(options.categories.map((c) => [c.id, c.name])),
  );
  const query = base.toString();
  const first = total === 0 ? 0 : (table.page - 1) * table.pageSize + 1;
  return (
    <>
      <h1>Studies</h1>
      <div className="with-filters">
        <FilterPanel
          action="/studies"
          filter={filter}
          settings={settings}
          options={options}
          keep={{ sort: table.sort, dir: table.direction, size: String(table.pageSize) }}
        />
        <div>
          {chips.length > 0 && (
            <ul className="chips" aria-label="Active filters">
              {chips.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <p className="row-actions">
            <span aria-live="polite">
              {total === 0
                ? "No study matches."
                : `Studies ${fmtInt.format(first)}–${fmtInt.format(first + rows.length - 1)} of ${fmtInt.format(total)}`}
            </span>
            <a href={`/api/studies.csv${query ? `?${query}` : ""}`}>Download CSV</a>
            <a href={`/api/studies.json${query ? `?${query}` : ""}`}>Download JSON</a>
          </p>
          {rows.length > 0 && (
            <div className="table-wrap">
              <table className="data">
                <caption className="visually-hidden">Filtered studies, sorted by {table.sort}</caption>
                <thead>
                  <tr>
                    {COLUMNS.map((c) => {
                      const active = c.key === table.sort;
                      return (
                        <th
                          key={c.label}
                          scope="col"
                          className={c.num ? "num" : undefined}
                          aria-sort={
                            active ? (table.direction === "asc" ? "ascending" : "descending") : undefined
                          }
                        >
                          {c.key ? (
                            <Link
                              href={href({
                                sort: c.key,
                                dir: active && table.direction === "asc" ? "desc" : "asc",
                                page: 1,
                              })}
                            >
                              {c.label}
                              {active ? (table.direction === "asc" ? " ▲" : " ▼") : ""}
                            </Link>
                          ) : (
                            c.label
                          )}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((s) => {
                    const doses = s.arms
                      .map((a) => armCellsPerKg(a, settings.referenceWeightKg))
                      .filter((v): v is number => v !== null);
                    const estimated = s.arms.some((a) => a.basis === "total");
                    return (
                      <tr key={s.id}>
                        <td>
                          <Link href={`/studies/${s.id}`}>
                            <abbr title={s.disease}>{s.diseaseCode}</abbr>
                          </Link>
                        </td>
                        <td>{s.routeText}</td>
                        <td>{s.products.map((p) => p.rawText).join("; ")}</td>
                        <td className="num">{s.enrollment ?? "—"}</td>
                        <td>
                          {s.arms.map((a) => (a.n ? `${a.doseText} (n=${a.n})` : a.doseText)).join("; ")}
                        </td>
                        <td>
                          {doses.length === 0
                            ? "—"
                            : doses.length === 1
                              ? fmtCellsPerKg(doses[0])
                              : `${fmtCellsPerKg(Math.min(...doses))} – ${fmtCellsPerKg(Math.max(...doses))}`}
                          {estimated && doses.length > 0 && <span className="muted"> (est.)</span>}
                        </td>
                        <td>
                          {s.trial ? (
                            <RegistryLink registryId={s.trial.registryId} />
                          ) : (
                            <span className="muted">none</span>
                          )}
                        </td>
                        <td>{s.reference}</td>
                        <td>
                          {s.consensusTags.map((t) => (
                            <span
                              key={t.category.name}
                              className="tag"
                              style={{ background: t.category.colour }}
                            >
                              {t.category.name}
                            </span>
                          ))}
                        </td>
                        <td className="num">{s._count.annotations || ""}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <nav aria-label="Pages" className="row-actions" style={{ marginTop: "1rem" }}>
            {table.page > 1 && <Link href={href({ page: table.page - 1 })}>Previous page</Link>}
            <span>
              Page {table.page} of {pages}
            </span>
            {table.page < pages && <Link href={href({ page: table.page + 1 })}>Next page</Link>}
            <span>
              Rows per page:{" "}
              {[25, 50, 100].map((n) =>
                n === table.pageSize ? (
                  <strong key={n}> {n} </strong>
                ) : (
                  <Link key={n} href={href({ size: n, page: 1 })}>
                    {" "}
                    {n}{" "}
                  </Link>
                ),
              )}
            </span>
          </nav>
        </div>
      </div>
    </>
  );
}
