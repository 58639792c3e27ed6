import type { Metadata } from "next";
import { ChartDataDetails } from "@/components/charts/chart-data-details";
import { ChartSettings } from "@/components/charts/chart-settings";
import { RemoteDoseChart } from "@/components/charts/dose-chart-loader";
import { GroupTable } from "@/components/charts/group-table";
import { FilteredLayout } from "@/components/filter/filtered-layout";
import { ViewLinks } from "@/components/filter/view-links";
import { chartText, groupLabeller, tableArms } from "@/components/charts/chart-text";
import {
  ATTRIBUTE_LABELS,
  CHART_PARAMS,
  chartOptionsToParams,
  parseChartOptions,
} from "@/lib/domain/charts/options";
import { doseSettingsOf, FILTER_FIELDS, filterToParams } from "@/lib/domain/filter";
import type { SearchParams } from "@/lib/domain/url-params";
import { doseChart } from "@/lib/server/charts";
import { filterView } from "@/lib/server/filter-view";
import { requirePageUser } from "@/lib/server/platform/session";

export const metadata: Metadata = { title: "Dose charts" };

const DOSE_PARAMS = [FILTER_FIELDS.referenceWeightKg.param, FILTER_FIELDS.includeEstimated.param];

export default async function ChartsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/charts");
  const params = await searchParams;
  const chart = parseChartOptions(params);
  const options = chart.options;
  const view = await filterView(user, params);
  const data = await doseChart(user, view.filter, { groupBy: options.groupBy });
  // The dose settings are set in the chart settings (and kept by the filter panel), the filter's
  // other fields in the filter panel (and kept by the chart settings).
  const filterParams = filterToParams(view.filter);
  const doseParams: Record<string, string> = {};
  for (const k of DOSE_PARAMS) {
    const v = filterParams.get(k);
    if (v !== null) doseParams[k] = v;
    filterParams.delete(k);
  }
  const groupLabel = groupLabeller(options, view.diseaseNames);
  const weightKg = view.filter.referenceWeightKg;
  // The points are read by the chart from here (the same filter and grouping), not sent in the page.
  const src = `/api/charts.json?${new URLSearchParams([...filterToParams(view.filter), [CHART_PARAMS.groupBy, options.groupBy]])}`;
  const text = chartText({ data, options, chips: view.chips, weightKg, groupLabel });
  return (
    <>
      <h1>Dose charts</h1>
      <FilteredLayout
        view={view}
        action="/charts"
        keep={{ ...chartOptionsToParams(options), ...doseParams }}
        withDoseSettings={false}
        ignoredToo={chart.ignored}
      >
        <ChartSettings options={options} dose={doseSettingsOf(view.filter)} keep={filterParams} />
        <figure className="card chart-figure" aria-labelledby="chart-title" aria-describedby="chart-summary">
          <h2 id="chart-title">{text.title}</h2>
          <RemoteDoseChart
            src={src}
            options={options}
            weightKg={weightKg}
            title={text.title}
            caption={text.caption}
          />
          <p id="chart-summary" data-testid="chart-summary">
            {text.summary}
          </p>
          <figcaption className="muted">{text.caption}</figcaption>
        </figure>
        <ViewLinks query={view.query} show={["dashboard", "table"]} />
        {options.view === "groups" && (
          <GroupTable data={data} groupLabel={groupLabel} by={ATTRIBUTE_LABELS[options.groupBy]} />
        )}
        <ChartDataDetails
          src={src}
          count={tableArms(data, options.view).length}
          view={options.view}
          colourBy={options.colourBy}
        />
      </FilteredLayout>
    </>
  );
}
