import type { Metadata } from "next";
import { SaveCohortForm, UpdateFilterForm } from "@/components/cohorts/save-cohort-form";
import { DashboardDetails, StatCards } from "@/components/dashboard/dashboard-view";
import { FilteredLayout } from "@/components/filter/filtered-layout";
import { LiveUpdates } from "@/components/live/live-updates";
import { ViewLinks } from "@/components/filter/view-links";
import { firstParam, type SearchParams } from "@/lib/domain/url-params";
import { findCohort } from "@/lib/server/cohorts";
import { filterView } from "@/lib/server/filter-view";
import { requirePageUser } from "@/lib/server/platform/session";
import { dashboard } from "@/lib/server/studies";
import { createCohortAction, updateCohortFilterAction } from "../cohorts/actions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/");
  const params = await searchParams;
  const editing = firstParam(params, "cohort");
  const view = await filterView(user, params);
  const [stats, cohort] = await Promise.all([
    dashboard(user, view.filter),
    editing ? findCohort(user, editing) : null,
  ]);
  const editable = cohort && cohort.canManage && !cohort.frozenAt ? cohort : null;
  return (
    <>
      <h1>Dashboard</h1>
      {user.role !== "viewer" && <LiveUpdates view={{ page: "evidence" }} />}
      <FilteredLayout
        view={view}
        action="/"
        keep={editable ? { cohort: editable.slug } : {}}
        before={
          editable && (
            <UpdateFilterForm
              action={updateCohortFilterAction}
              id={editable.id}
              version={editable.version}
              query={view.query}
              name={editable.name}
              slug={editable.slug}
            />
          )
        }
      >
        <StatCards stats={stats} />
        <ViewLinks query={view.query} studies={stats.studies} />
        <DashboardDetails
          stats={stats}
          weight={view.filter.referenceWeightKg}
          diseaseNames={view.diseaseNames}
        />
        {user.role !== "viewer" && !editable && (
          <details className="card save-cohort">
            <summary>Save as a cohort…</summary>
            <SaveCohortForm action={createCohortAction} query={view.query} />
          </details>
        )}
      </FilteredLayout>
    </>
  );
}
