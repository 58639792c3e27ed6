// The studies table: one row per study, sortable by the columns PostgreSQL can order by.
import Link from "next/link";
import type { StudyTableRow } from "@/lib/contracts/studies";
import type { DoseSettings } from "@/lib/domain/filter";
import { armCellsPerKg, fmtAdministrations, fmtCellsPerKg } from "@/lib/domain/format";
import { citationLabel } from "@/lib/domain/import/citation";
import type { StudySort, TableRequest } from "@/lib/domain/table-request";
import { joinMarkup, markup, type SafeHtml } from "@/lib/domain/html";
import { registryLinkHtml } from "./registry-link";

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

/** The arms' doses on the cells/kg axis, as a range. */
function doseRange(row: StudyTableRow, dose: DoseSettings): SafeHtml {
  const doses = row.arms
    .map((a) => armCellsPerKg(a, dose.referenceWeightKg, dose.doseScale))
    .filter((v): v is number => v !== null);
  if (doses.length === 0)
    return dose.doseScale === "cumulative" &&
      row.arms.some((a) => armCellsPerKg(a, dose.referenceWeightKg) !== null)
      ? markup`<span class="muted">number of administrations not stated</span>`
      : markup`—`;
  const estimated = row.arms.some((a) => a.basis === "total");
  const range =
    doses.length === 1
      ? fmtCellsPerKg(doses[0])
      : `${fmtCellsPerKg(Math.min(...doses))} – ${fmtCellsPerKg(Math.max(...doses))}`;
  const est = estimated && markup`<span class="muted"> (est.)</span>`;
  const all = dose.doseScale === "cumulative" && markup`<span class="muted"> in all</span>`;
  return markup`${range}${est}${all}`;
}

/** A team's tag colour, when it is one (anything else is left out of the style). */
const COLOUR = /^#[0-9a-f]{3,8}$/i;

function tagHtml(c: StudyTableRow["categories"][number]): SafeHtml {
  const style = COLOUR.test(c.colour) && markup` style="background:${c.colour}"`;
  return markup`<span class="tag"${style}>${c.name}</span>`;
}

/** One study's row. Rows are written as HTML text: a page of them as React elements cost the
 * server several times more than the markup (README, "Benchmarks"). */
function rowHtml(s: StudyTableRow, dose: DoseSettings): SafeHtml {
  const study = markup`<a href="/studies/${s.id}"><abbr title="${s.disease}">${s.diseaseCode}</abbr></a>`;
  const products = s.products.map((p) => p.rawText).join("; ");
  const withCells =
    s.coAdministered.length > 0 &&
    markup`<span class="muted"> with ${s.coAdministered.map((c) => c.name).join(", ")}</span>`;
  const registry = s.registryId ? registryLinkHtml(s.registryId) : markup`<span class="muted">none</span>`;
  const cited = citationLabel({ firstAuthor: s.firstAuthor, year: s.publicationYear }, s.reference);
  return markup`<tr><td>${study}</td><td>${s.routeText}</td><td>${products}${withCells}</td><td class="num">${
    s.enrollment ?? "—"
  }</td><td>${s.arms.map(armText).join("; ")}</td><td>${doseRange(s, dose)}</td><td>${registry}</td><td>${cited}</td><td>${s.categories.map(
    tagHtml,
  )}</td><td class="num">${s.openAnnotations || ""}</td></tr>`;
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
        <tbody dangerouslySetInnerHTML={{ __html: joinMarkup(rows.map((s) => rowHtml(s, dose))).value }} />
      </table>
    </div>
  );
}
