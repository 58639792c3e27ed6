import type { Metadata } from "next";
import Link from "next/link";
import { DoseChartLoader } from "@/components/charts/dose-chart-loader";
import { FilterPanel } from "@/components/studies/filter-panel";
import {
  ATTRIBUTE_LABELS,
  CHART_VIEWS,
  chartOptionsToParams,
  COLOUR_BYS,
  GROUP_BYS,
  parseChartOptions,
  SCATTER_XS,
  VIEW_LABELS,
  type ChartOptions,
} from "@/lib/domain/chart-options";
import { filterToParams, parseFilter } from "@/lib/domain/cohort-filter";
import { attributeLabel, attributeOf, summariseDoseChart, unitOf } from "@/lib/domain/dose-chart";
import { describeFilter } from "@/lib/domain/filter-summary";
import { BASIS_LABELS, DONOR_LABELS, fmtCellsPerKg, fmtInt, TISSUE_LABELS } from "@/lib/domain/format";
import type { ChartArm, DoseChartData } from "@/lib/server/dose-chart";
import type { SearchParams } from "@/lib/server/page-filter";
import { requirePageUser } from "@/lib/server/session";
import { doseChart, filterOptions } from "@/lib/server/studies";

export const metadata: Metadata = { title: "Dose charts" };

const TITLES: Record<ChartOptions["view"], (o: ChartOptions) => string> = {
  groups: (o) => `MSC doses by ${ATTRIBUTE_LABELS[o.groupBy].toLowerCase()} (cells/kg, log scale)`,
  ladders: () => "Dose ladders: studies with two or more doses (cells/kg, log scale)",
  scatter: (o) => `MSC dose against ${ATTRIBUTE_LABELS[o.x].toLowerCase()} (cells/kg, log scale)`,
};

export default async function ChartsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/charts");
  const params = await searchParams;
  const { filter, settings, ignored } = parseFilter(params);
  const chart = parseChartOptions(params);
  const options = chart.options;
  const [data, choices] = await Promise.all([
    doseChart(user, filter, settings, { groupBy: options.groupBy }),
    filterOptions(user),
  ]);
  const diseaseNames = Object.fromEntries(choices.diseases.map((d) => [d.value, d.label]));
  const chips = describeFilter(
    filter,
    settings,
    Object.fromEntries(choices.categories.map((c) => [c.id, c.name])),
  );
  // The reference weight and estimated doses are set in the chart's own form (and kept by the
  // filter panel's); the filter's other fields in the filter panel (and kept by the chart's).
  const filterParams = filterToParams(filter, settings);
  const doseSettingsParams: Record<string, string> = {};
  for (const k of ["weight", "estimated"]) {
    const v = filterParams.get(k);
    if (v !== null) doseSettingsParams[k] = v;
    filterParams.delete(k);
  }
  const groupLabel = (key: string) =>
    options.groupBy === "disease"
      ? `${key}${diseaseNames[key] && diseaseNames[key] !== key ? ` (${diseaseNames[key]})` : ""}`
      : attributeLabel(options.groupBy, key);
  const ladderSentence =
    options.view === "ladders"
      ? `${fmtInt.format(data.ladderStudies)} ${data.ladderStudies === 1 ? "study gives" : "studies give"} two or more doses in cells/kg` +
        (data.ladderStudies > data.ladders.length
          ? `; the ${data.ladders.length} with the most arms are drawn. `
          : ". ")
      : "";
  const summary =
    ladderSentence +
    summariseDoseChart({
      convertible: data.convertible,
      drawn: data.points.length,
      estimated: data.estimated,
      excludedEstimated: data.excludedEstimated,
      perJoint: data.perJoint,
      perMl: data.perMl,
      unknown: data.unknown,
      groups: data.groups,
      groupBy: options.groupBy,
      weightKg: settings.referenceWeightKg,
      groupLabel,
    });
  const title = TITLES[options.view](options);
  const caption =
    `Filter: ${chips.length ? chips.join("; ") : "all studies"}. Reference body weight ${settings.referenceWeightKg} kg. ` +
    (data.sampled
      ? `Showing an even random sample of ${fmtInt.format(data.points.length)} of ${fmtInt.format(data.convertible)} arms; medians and IQRs use every arm. `
      : "") +
    (options.view === "ladders" && data.ladderStudies > data.ladders.length
      ? `Showing the ${data.ladders.length} studies with the most arms of ${fmtInt.format(data.ladderStudies)}. `
      : "") +
    `${data.unknown} arm${data.unknown === 1 ? "" : "s"} without a readable dose not drawn.`;
  const tableArms: ChartArm[] =
    options.view === "ladders" ? data.ladders.flatMap((l) => l.arms) : [...data.points, ...data.otherPoints];
  const chartQuery = new URLSearchParams(filterToParams(filter, settings));
  for (const [k, v] of Object.entries(chartOptionsToParams(options))) chartQuery.set(k, v);
  const dashboardQuery = filterToParams(filter, settings).toString();

  return (
    <>
      <h1>Dose charts</h1>
      <div className="with-filters">
        <FilterPanel
          action="/charts"
          filter={filter}
          settings={settings}
          options={choices}
          keep={{ ...chartOptionsToParams(options), ...doseSettingsParams }}
          withDoseSettings={false}
        />
        <div>
          {(ignored.length > 0 || chart.ignored.length > 0) && (
            <div className="alert info" role="status" style={{ marginBottom: "1rem" }}>
              Parts of the link were not understood and were left out:{" "}
              {[...ignored, ...chart.ignored].join(", ")}.
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
          <form method="get" action="/charts" className="card chart-controls" aria-label="Chart settings">
            {[...filterParams.entries()].map(([k, v], i) => (
              <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
            ))}
            <fieldset className="chart-views">
              <legend>Chart</legend>
              {CHART_VIEWS.map((v) => (
                <label key={v} className="check">
                  <input type="radio" name="view" value={v} defaultChecked={options.view === v} />{" "}
                  {VIEW_LABELS[v]}
                </label>
              ))}
            </fieldset>
            <label>
              Group by
              <select name="group" defaultValue={options.groupBy}>
                {GROUP_BYS.map((g) => (
                  <option key={g} value={g}>
                    {ATTRIBUTE_LABELS[g]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Colour by
              <select name="colour" defaultValue={options.colourBy}>
                {COLOUR_BYS.map((c) => (
                  <option key={c} value={c}>
                    {ATTRIBUTE_LABELS[c]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Dose against
              <select name="x" defaultValue={options.x}>
                {SCATTER_XS.map((x) => (
                  <option key={x} value={x}>
                    {ATTRIBUTE_LABELS[x]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Reference weight (kg)
              <input name="weight" inputMode="decimal" size={4} defaultValue={settings.referenceWeightKg} />
            </label>
            <label>
              Estimated doses
              <select name="estimated" defaultValue={filter.includeEstimated ? "include" : "exclude"}>
                <option value="include">Include (hollow)</option>
                <option value="exclude">Leave out</option>
              </select>
            </label>
            <button type="submit" className="button">
              Update chart
            </button>
          </form>
          <figure
            className="card chart-figure"
            aria-labelledby="chart-title"
            aria-describedby="chart-summary"
          >
            <h2 id="chart-title">{title}</h2>
            <DoseChartLoader
              data={data}
              options={options}
              weightKg={settings.referenceWeightKg}
              title={title}
              caption={caption}
            />
            <p id="chart-summary" data-testid="chart-summary">
              {summary}
            </p>
            <figcaption className="muted">{caption}</figcaption>
          </figure>
          <p className="row-actions">
            <Link href={`/?${dashboardQuery}`}>Dashboard for this filter</Link>
            <Link href={`/studies?${dashboardQuery}`}>Studies table for this filter</Link>
          </p>
          {options.view === "groups" && (
            <GroupTable data={data} groupLabel={groupLabel} by={ATTRIBUTE_LABELS[options.groupBy]} />
          )}
          <details className="card chart-data">
            <summary>
              Data table: the {fmtInt.format(tableArms.length)} arm{tableArms.length === 1 ? "" : "s"} drawn
            </summary>
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Arms drawn on the chart">
              <ArmTable arms={tableArms} colourBy={options.view === "ladders" ? "none" : options.colourBy} />
            </div>
          </details>
        </div>
      </div>
    </>
  );
}

function GroupTable({
  data,
  groupLabel,
  by,
}: {
  data: DoseChartData;
  groupLabel: (k: string) => string;
  by: string;
}) {
  if (data.groups.length === 0) return null;
  return (
    <section className="card" aria-labelledby="group-table-title">
      <h2 id="group-table-title">Doses by {by.toLowerCase()} (cells/kg, every arm)</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{by}</th>
            <th scope="col" className="num">
              Arms
            </th>
            <th scope="col" className="num">
              Lower quartile
            </th>
            <th scope="col" className="num">
              Median
            </th>
            <th scope="col" className="num">
              Upper quartile
            </th>
          </tr>
        </thead>
        <tbody>
          {data.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{groupLabel(g.key)}</th>
              <td className="num">{fmtInt.format(g.arms)}</td>
              <td className="num">{fmtCellsPerKg(g.q1)}</td>
              <td className="num">{fmtCellsPerKg(g.median)}</td>
              <td className="num">{fmtCellsPerKg(g.q3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ArmTable({ arms, colourBy }: { arms: ChartArm[]; colourBy: ChartOptions["colourBy"] }) {
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">Study</th>
          <th scope="col">Disease</th>
          <th scope="col">Cell source</th>
          <th scope="col">Route</th>
          <th scope="col" className="num">
            n
          </th>
          <th scope="col">Dose as written</th>
          <th scope="col" className="num">
            Drawn at
          </th>
          {colourBy !== "none" && <th scope="col">{ATTRIBUTE_LABELS[colourBy]}</th>}
        </tr>
      </thead>
      <tbody>
        {arms.map((a) => (
          <tr key={a.armId}>
            <td>
              <Link href={`/studies/${a.studyId}`}>{a.reference ?? a.registryId ?? "Study"}</Link>
            </td>
            <td>{a.disease}</td>
            <td>
              {TISSUE_LABELS[a.tissue] ?? a.tissue}, {DONOR_LABELS[a.donor] ?? a.donor}
            </td>
            <td>{a.route}</td>
            <td className="num">
              {a.n ?? (
                <span className="muted">
                  {a.enrollment === null ? "—" : `${fmtInt.format(a.enrollment)} in study`}
                </span>
              )}
            </td>
            <td>
              {a.doseText} <span className="muted">({BASIS_LABELS[a.basis] ?? a.basis})</span>
            </td>
            <td className="num">
              {fmtCellsPerKg(a.value)} {unitOf(a.basis)}
              {a.estimated && <span className="muted"> (estimated)</span>}
            </td>
            {colourBy !== "none" && <td>{attributeLabel(colourBy, attributeOf(a, colourBy))}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
