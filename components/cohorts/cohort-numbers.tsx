// A cohort's numbers, dose chart and member studies: on its team page and on a read-only share page.
import type { ReactNode } from "react";
import { DoseChartLoader, RemoteDoseChart } from "@/components/charts/dose-chart-loader";
import { DashboardDetails, StatCards } from "@/components/dashboard/dashboard-view";
import { FilterChips } from "@/components/ui/filter-chips";
import type { CohortData } from "@/lib/contracts/cohorts";
import { DEFAULT_CHART_OPTIONS } from "@/lib/domain/charts/options";
import { cohortChartCaption, cohortChartTitle } from "./cohort-text";
import { fmtInt } from "@/lib/domain/format";
import { MemberTable } from "./member-table";

export function CohortNumbers({
  name,
  frozenAt,
  chips,
  weightKg,
  data,
  readOnly = false,
  membersTitle,
  pageHref,
  between,
  chartSrc,
}: {
  name: string;
  frozenAt: Date | null;
  chips: readonly string[];
  weightKg: number;
  data: CohortData;
  /** Share pages: no links into the app. */
  readOnly?: boolean;
  membersTitle: string;
  pageHref: (page: number) => string;
  /** Shown between the filter and the numbers (what changed since freezing). */
  between?: ReactNode;
  /** Where the chart reads its points, for a live cohort seen by a signed-in user (the same
   * chart as /charts of its filter); otherwise they come with the page. */
  chartSrc?: string;
}) {
  const caption = cohortChartCaption({ name, frozenAt, chips, weightKg, chart: data.chart });
  const title = cohortChartTitle(data.chart);
  return (
    <>
      <FilterChips chips={chips} label="Cohort filter" />
      {data.blindNotice && (
        <p className="alert info" role="status">
          This cohort was frozen selecting studies by their agreed outcome category, which stays hidden while
          the team tags blind. It is shown live instead, with the categories of the studies you have tagged.
        </p>
      )}
      {between}
      <StatCards stats={data.stats} />
      <DashboardDetails stats={data.stats} weight={weightKg} />
      <figure className="card chart-figure" aria-labelledby="cohort-chart-title">
        <h2 id="cohort-chart-title">{title}</h2>
        {chartSrc ? (
          <RemoteDoseChart
            src={chartSrc}
            options={DEFAULT_CHART_OPTIONS}
            weightKg={weightKg}
            title={title}
            caption={caption}
            readOnly={readOnly}
          />
        ) : (
          <DoseChartLoader
            data={data.chart}
            options={DEFAULT_CHART_OPTIONS}
            weightKg={weightKg}
            title={title}
            caption={caption}
            readOnly={readOnly}
          />
        )}
        <figcaption className="muted">{caption}</figcaption>
      </figure>
      <section aria-labelledby="members-title">
        <h2 id="members-title">
          {membersTitle} ({fmtInt.format(data.table.total)})
        </h2>
        <MemberTable
          rows={data.table.rows}
          total={data.table.total}
          page={data.table.page}
          pageSize={data.table.pageSize}
          linkStudies={!readOnly}
          pageHref={pageHref}
          caption={`Studies of cohort ${name}`}
        />
      </section>
    </>
  );
}
