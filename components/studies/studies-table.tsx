// The studies table: one row per study, sortable by the columns PostgreSQL can order by.
import Link from "next/link";
import type { StudyTableRow } from "@/lib/contracts/studies";
import { armCellsPerKg, fmtCellsPerKg } from "@/lib/domain/format";
import type { StudySort, TableRequest } from "@/lib/domain/table-request";
import { CategoryTags } from "./category-tags";
import { RegistryLink } from "./registry-link";

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

function DoseRange({ row, weight }: { row: StudyTableRow; weight: number }) {
  const doses = row.arms.map((a) => armCellsPerKg(a, weight)).filter((v): v is number => v !== null);
  if (doses.length === 0) return <>—</>;
  const estimated = row.arms.some((a) => a.basis === "total");
  return (
    <>
      {doses.length === 1
        ? fmtCellsPerKg(doses[0])
        : `${fmtCellsPerKg(Math.min(...doses))} – ${fmtCellsPerKg(Math.max(...doses))}`}
      {estimated && <span className="muted"> (est.)</span>}
    </>
  );
}

export function StudiesTable({
  rows,
  table,
  weight,
  sortHref,
}: {
  rows: StudyTableRow[];
  table: TableRequest;
  /** The reference weight that total cell counts are read at. */
  weight: number;
  /** The link that sorts by a column. */
  sortHref: (sort: StudySort, direction: "asc" | "desc") => string;
}) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="visually-hidden">Filtered studies, sorted by {table.sort}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = c.key === table.sort;
              const arrow = active ? (table.direction === "asc" ? " ▲" : " ▼") : "";
              return (
                <th
                  key={c.label}
                  scope="col"
                  className={c.num ? "num" : undefined}
                  aria-sort={active ? (table.direction === "asc" ? "ascending" : "descending") : undefined}
                >
                  {c.key ? (
                    <Link href={sortHref(c.key, active && table.direction === "asc" ? "desc" : "asc")}>
                      {c.label}
                      {arrow}
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
          {rows.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={`/studies/${s.id}`}>
                  <abbr title={s.disease}>{s.diseaseCode}</abbr>
                </Link>
              </td>
              <td>{s.routeText}</td>
              <td>{s.products.map((p) => p.rawText).join("; ")}</td>
              <td className="num">{s.enrollment ?? "—"}</td>
              <td>{s.arms.map((a) => (a.n ? `${a.doseText} (n=${a.n})` : a.doseText)).join("; ")}</td>
              <td>
                <DoseRange row={s} weight={weight} />
              </td>
              <td>
                {s.registryId ? (
                  <RegistryLink registryId={s.registryId} />
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td>{s.reference}</td>
              <td>
                <CategoryTags categories={s.categories} />
              </td>
              <td className="num">{s.openAnnotations || ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
