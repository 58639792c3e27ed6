import type { Metadata } from "next";
import Link from "next/link";
import { BreakdownTable } from "@/components/studies/breakdown-table";
import { DoseSummaryView } from "@/components/studies/dose-summary";
import { FilterPanel } from "@/components/studies/filter-panel";
import { filterToParams, parseFilter } from "@/lib/domain/cohort-filter";
import { describeFilter } from "@/lib/domain/filter-summary";
import { DONOR_LABELS, fmtInt, TISSUE_LABELS } from "@/lib/domain/format";
import type { SearchParams } from "@/lib/server/page-filter";
import { requirePageUser } from "@/lib/server/session";
import { dashboard, filterOptions } from "@/lib/server/studies";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/");
  const { filter, settings, ignored } = parseFilter(await searchParams);
  const [stats, options] = await Promise.all([dashboard(user, filter, settings), filterOptions(user)]);
  const query = filterToParams(filter, settings).toString();
  const chips = describeFilter(
    filter,
    settings,
    Object.fromEntries(options.categories.map((c) => [c.id, c.name])),
  );
  const diseaseNames = Object.fromEntries(options.diseases.map((d) => [d.value, d.label]));
  const cards = [
    { label: "Studies", value: stats.studies, note: "publications" },
    { label: "Registered trials", value: stats.registeredTrials, note: "distinct registry ids" },
    {
      label: "Patients (deduplicated)",
      value: stats.patients,
      note: "largest enrollment per trial + unregistered studies",
    },
    { label: "Dose arms", value: stats.arms, note: "groups given one dose" },
  ];
  return (
    <>
      <h1>Dashboard</h1>
      <div className="with-filters">
        <FilterPanel action="/" filter={filter} settings={settings} options={options} />
        <div>
          {ignored.length > 0 && (
            <div className="alert info" role="status" style={{ marginBottom: "1rem" }}>
              Parts of the link were not understood and were left out: {ignored.join(", ")}.
            </div>
          )}
          {chips.length > 0 ? (
            <ul className="chips" aria-label="Active filters">
              {chips.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">All studies of the evidence table.</p>
          )}
          <section aria-label="Summary" className="stats">
            {cards.map((c) => (
              <div className="stat" key={c.label} data-stat={c.label}>
                <div className="value">{fmtInt.format(c.value)}</div>
                <div className="label">{c.label}</div>
                <div className="muted" style={{ fontSize: "0.85rem" }}>
                  {c.note}
                </div>
              </div>
            ))}
          </section>
          <p className="row-actions">
            <Link href={`/studies${query ? `?${query}` : ""}`}>
              Show these {fmtInt.format(stats.studies)} studies in the table
            </Link>
            <a href={`/api/studies.csv${query ? `?${query}` : ""}`}>Download CSV</a>
            <a href={`/api/studies.json${query ? `?${query}` : ""}`}>Download JSON</a>
          </p>
          <DoseSummaryView dose={stats.dose} weight={settings.referenceWeightKg} />
          <div className="breakdowns" style={{ marginTop: "1rem" }}>
            <BreakdownTable
              title="By disease"
              rows={stats.byDisease}
              label={(k) => (diseaseNames[k] && diseaseNames[k] !== k ? `${k} · ${diseaseNames[k]}` : k)}
            />
            <BreakdownTable title="By route" rows={stats.byRoute} />
            <BreakdownTable
              title="By cell source"
              rows={stats.byTissue}
              label={(k) => TISSUE_LABELS[k] ?? k}
            />
            <BreakdownTable title="By donor" rows={stats.byDonor} label={(k) => DONOR_LABELS[k] ?? k} />
          </div>
          <p className="muted" style={{ marginTop: "1rem", fontSize: "0.9rem" }}>
            Patients are counted once per registered trial: studies sharing a registry id report the same
            trial. A study with two routes or two cell sources counts under each.
          </p>
        </div>
      </div>
    </>
  );
}
