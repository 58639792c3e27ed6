// The studies table: one row per study, sortable by the columns PostgreSQL can order by.
import Link from "next/link";
import type { StudyTableRow } from "@/lib/contracts/studies";
import type { DoseSettings } from "@/lib/domain/filter";
import { armCellsPerKg, fmtAdministrations, fmtCellsPerKg } from "@/lib/domain/format";
import { citationLabel } from "@/lib/domain/import/citation";
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
  { key: "reference", label: "Study" },
  { key: null, label: "Tags" },
  { key: null, label: "Open notes", num: true },
];

function DoseRange({ row, dose }: { row: StudyTableRow; dose: DoseSettings }) {
  const doses = row.arms
    .map((a) => armCellsPerKg(a, dose.referenceWeightKg, dose.doseScale))
    .filter((v): v is number => v !== null);
  if (doses.length === 0)
    return dose.doseScale === "cumulative" &&
      row.arms.some((a) => armCellsPerKg(a, dose.referenceWeightKg) !== null) ? (
      <span className="muted">number of administrations not stated</span>
    ) : (
      <>—</>
    );
  const estimated = row.arms.some((a) => a.basis === "total");
  return (
    <>
      {doses.length === 1
        ? fmtCellsPerKg(doses[0])
        : `${fmtCellsPerKg(Math.min(...doses))} – ${fmtCellsPerKg(Math.max(...doses))}`}
      {estimated && <span className="muted"> (est.)</span>}
      {dose.doseScale === "cumulative" && <span className="muted"> in all</span>}
    </>
  );
}

/** An arm's dose as written, with its n and how often it was given when the table says. */
function armText(a: StudyTableRow["arms"][number]): string {
  const given = a.administrations !== null || a.schedule ? `, ${fmtAdministrations(a)}` : "";
  return a.n ? `${a.doseText} (n=${a.n}${given})` : given ? `${a.doseText} (${given.slice(2)})` : a.doseText;
}

export function StudiesTable({
  rows,
  table,
  dose,
  sortHref,
}: {
  rows: StudyTableRow[];
  table: TableRequest;
  /** How doses are put on the cells/kg axis: the reference weight for total cell counts, and
   * per administration or cumulative. */
  dose: DoseSettings;
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
                <Link href={`/studies/${s.id}`} prefetch={false}>
                  <abbr title={s.disease}>{s.diseaseCode}</abbr>
                </Link>
              </td>
              <td>{s.routeText}</td>
              <td>
                {s.products.map((p) => p.rawText).join("; ")}
                {s.coAdministered.length > 0 && (
                  <span className="muted"> with {s.coAdministered.map((c) => c.name).join(", ")}</span>
                )}
              </td>
              <td className="num">{s.enrollment ?? "—"}</td>
              <td>{s.arms.map(armText).join("; ")}</td>
              <td>
                <DoseRange row={s} dose={dose} />
              </td>
              <td>
                {s.registryId ? (
                  <RegistryLink registryId={s.registryId} />
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td>{citationLabel({ firstAuthor: s.firstAuthor, year: s.publicationYear }, s.reference)}</td>
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
