import type { Metadata } from "next";
import Link from "next/link";
import { SaveCohortForm, UpdateFilterForm } from "@/components/cohorts/cohort-forms";
import { DashboardDetails, StatCards } from "@/components/studies/dashboard-view";
import { FilterPanel } from "@/components/studies/filter-panel";
import { filterToParams, parseFilter } from "@/lib/domain/cohort-filter";
import { describeFilter } from "@/lib/domain/filter-summary";
import { fmtInt } from "@/lib/domain/format";
import type { SearchParams } from "@/lib/server/page-filter";
import { requirePageUser } from "@/lib/server/session";
import { findCohort } from "@/lib/server/cohorts";
import { dashboard, filterOptions } from "@/lib/server/studies";
import { createCohortAction, updateCohortFilterAction } from "./cohorts/actions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/");
  const params = await searchParams;
  const { filter, settings, ignored } = parseFilter(params);
  const editing = typeof params.cohort === "string" ? params.cohort : undefined;
  const [stats, options, cohort] = await Promise.all([
    dashboard(user, filter, settings),
    filterOptions(user),
    editing ? findCohort(user, editing) : null,
  ]);
  const editable = cohort && cohort.canManage && !cohort.frozenAt ? cohort : null;
  const query = filterToParams(filter, settings).toString();
  const chips = describeFilter(
    filter,
    settings,
    Object.fromEntries(options.categories.map((c) => [c.id, c.name])),
  );
  const diseaseNames = Object.fromEntries(options.diseases.map((d) => [d.value, d.label]));
  return (
    <>
      <h1>Dashboard</h1>
      <div className="with-filters">
        <FilterPanel
          action="/"
          filter={filter}
          settings={settings}
          options={options}
          keep={editable ? { cohort: editable.slug } : {}}
        />
        <div>
          {editable && (
            <UpdateFilterForm
              action={updateCohortFilterAction}
              id={editable.id}
              version={editable.version}
              query={query}
              name={editable.name}
              slug={editable.slug}
            />
          )}
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
          <StatCards stats={stats} />
          <p className="row-actions">
            <Link href={`/studies${query ? `?${query}` : ""}`}>
              Show these {fmtInt.format(stats.studies)} studies in the table
            </Link>
            <Link href={`/charts${query ? `?${query}` : ""}`}>Dose charts</Link>
            <Link href={`/analysis${query ? `?${query}` : ""}`}>Meta-analysis</Link>
            <a href={`/api/studies.csv${query ? `?${query}` : ""}`}>Download CSV</a>
            <a href={`/api/studies.json${query ? `?${query}` : ""}`}>Download JSON</a>
          </p>
          <DashboardDetails stats={stats} weight={settings.referenceWeightKg} diseaseNames={diseaseNames} />
          {user.role !== "viewer" && !editable && (
            <details className="card save-cohort">
              <summary>Save as a cohort…</summary>
              <SaveCohortForm action={createCohortAction} query={query} />
            </details>
          )}
        </div>
      </div>
    </>
  );
}
