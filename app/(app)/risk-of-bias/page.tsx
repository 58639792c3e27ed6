import type { Metadata } from "next";
import Link from "next/link";
import { CsvDownload, PlotExport } from "@/components/analysis/plot-export";
import { FilteredLayout } from "@/components/filter/filtered-layout";
import { RobPlotSettings } from "@/components/rob/plot-settings";
import { RobAgreement } from "@/components/rob/rob-agreement";
import { RobvisImportForm } from "@/components/rob/robvis-import-form";
import { SummaryPlot, SummaryTable } from "@/components/rob/summary-plot";
import { TrafficLightPlot } from "@/components/rob/traffic-light-plot";
import { Section } from "@/components/study/section";
import { analysisOptionsToParams, parseAnalysisOptions } from "@/lib/domain/analysis";
import { parseRobPlotOptions, robPlotOptionsToParams, TOOL_SHORT_NAMES } from "@/lib/domain/rob/plot-options";
import { withQuery, type SearchParams } from "@/lib/domain/url-params";
import { filterView } from "@/lib/server/filter-view";
import { requirePageUser } from "@/lib/server/platform/session";
import { riskOfBiasPlots } from "@/lib/server/rob-plots";
import { importRobvisAction } from "./actions";

export const metadata: Metadata = { title: "Risk of bias" };

export default async function RiskOfBiasPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/risk-of-bias");
  const params = await searchParams;
  const view = await filterView(user, params);
  const { options, ignored } = parseRobPlotOptions(params);
  const analysis = parseAnalysisOptions(params).options;
  const data = await riskOfBiasPlots(user, view.filter, options, analysis);
  // The analysis's choices other than the outcome (the plots' own) travel with both forms.
  const analysisParams = analysisOptionsToParams({ ...analysis, outcome: "" });
  const keepInFilter = Object.fromEntries([...robPlotOptionsToParams(options), ...analysisParams]);
  const keepInSettings = new URLSearchParams([...new URLSearchParams(view.query), ...analysisParams]);
  const tool = TOOL_SHORT_NAMES[options.tool];
  const what = options.outcome || "every outcome";
  const title = `Risk of bias (${tool}): ${what}`;
  const caption = `${view.chips.length ? view.chips.join("; ") : "All studies"}. Consensus judgements. Made with the evidence dashboard.`;
  const fileName = `risk-of-bias-${options.tool}-${(options.outcome || "all").toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const analysisLink = withQuery(
    "/analysis",
    new URLSearchParams([
      ...new URLSearchParams(view.query),
      ...analysisOptionsToParams({ ...analysis, outcome: options.outcome }),
    ]),
  );
  const empty = data.trafficLight.rows.length === 0;
  return (
    <>
      <h1>Risk of bias</h1>
      <p className="lead">
        The team&apos;s consensus judgements for the filtered studies, as robvis draws them. A reviewer sees
        the consensus of what they have assessed themselves.
      </p>
      <FilteredLayout view={view} action="/risk-of-bias" keep={keepInFilter} ignoredToo={ignored}>
        <RobPlotSettings options={options} outcomes={data.outcomes} keep={keepInSettings.toString()} />
        {empty ? (
          <p className="card" data-testid="rob-empty">
            No study here has a consensus with {tool} for {what} yet. Reviewers assess risk of bias on each
            study&apos;s page.
          </p>
        ) : (
          <>
            <Section id="traffic-light" title={`Traffic-light plot: ${what}`}>
              <PlotExport
                plot="traffic-light"
                title={title}
                caption={caption}
                fileName={`${fileName}-traffic-light`}
              >
                <div className="plot-scroll">
                  <TrafficLightPlot data={data.trafficLight} title={`Traffic-light plot. ${title}`} />
                </div>
              </PlotExport>
            </Section>
            <Section
              id="summary"
              title={data.summary.weighted ? "Summary plot, weighted by the meta-analysis" : "Summary plot"}
            >
              {data.weightingNote && (
                <p className="alert info" role="status">
                  {data.weightingNote}
                </p>
              )}
              <PlotExport plot="summary" title={title} caption={caption} fileName={`${fileName}-summary`}>
                <SummaryPlot data={data.summary} title={`Summary plot. ${title}`} />
              </PlotExport>
              {data.summary.unweighted.length > 0 && (
                <p className="muted">
                  {data.summary.unweighted.length} stud
                  {data.summary.unweighted.length === 1 ? "y is" : "ies are"} not in the analysis and count
                  with weight 0.
                </p>
              )}
              <details className="chart-data">
                <summary>Data table</summary>
                <SummaryTable data={data.summary} />
              </details>
              <p className="row-actions">
                <CsvDownload csv={data.robvisCsv} fileName={`${fileName}.csv`} label="Download robvis CSV" />
                {options.outcome && <Link href={analysisLink}>Meta-analysis of {options.outcome}</Link>}
              </p>
            </Section>
          </>
        )}
        <Section id="agreement" title="Agreement between reviewers">
          <RobAgreement view={data} tool={options.tool} />
        </Section>
        {user.role === "admin" && (
          <Section id="import" title="Import judgements from robvis">
            <p className="muted">
              A file in robvis&apos;s layout (Study, {options.tool === "jbi-case-series" ? "D1…D10" : "D1…"},
              Overall, optionally Weight), its studies named as this page&apos;s robvis CSV names them. The
              judgements become the consensus, set by you.
            </p>
            <RobvisImportForm tool={options.tool} outcome={options.outcome} action={importRobvisAction} />
          </Section>
        )}
      </FilteredLayout>
    </>
  );
}
