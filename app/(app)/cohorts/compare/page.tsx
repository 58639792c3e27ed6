import type { Metadata } from "next";
import Link from "next/link";
import { DoseChartLoader } from "@/components/charts/dose-chart-loader";
import { DEFAULT_CHART_OPTIONS } from "@/lib/domain/charts/options";
import { describeFilter } from "@/lib/domain/filter";
import { fmtCellsPerKg, fmtInt } from "@/lib/domain/format";
import type { DoseChartData } from "@/lib/contracts/charts";
import { compareCohorts } from "@/lib/server/cohorts";
import { paramValues, type SearchParams } from "@/lib/domain/url-params";
import { requirePageUser } from "@/lib/server/platform/session";

export const metadata: Metadata = { title: "Compare cohorts" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/cohorts/compare");
  const sp = await searchParams;
  const refs = paramValues(sp, "c")
    .flatMap((r) => r.split(","))
    .filter(Boolean);
  const compared = await compareCohorts(user, refs);
  if (compared.length < 2) {
    return (
      <>
        <h1>Compare cohorts</h1>
        <p>
          Tick two or more cohorts on the <Link href="/cohorts">cohorts page</Link> to compare them.
          {compared.length === 1 && ` Only “${compared[0]!.cohort.name}” is chosen so far.`}
        </p>
      </>
    );
  }
  // One chart: each cohort is a group, its box the cohort's dose quartiles over all its arms.
  const chart: DoseChartData = {
    points: compared.flatMap(({ cohort, chart }) => chart.points.map((p) => ({ ...p, group: cohort.slug }))),
    otherPoints: [],
    convertible: compared.reduce((n, c) => n + c.chart.convertible, 0),
    perJoint: 0,
    perMl: 0,
    unknown: 0,
    estimated: compared.reduce((n, c) => n + c.chart.estimated, 0),
    excludedEstimated: 0,
    groups: compared
      .filter((c) => c.stats.dose.median !== null)
      .map(({ cohort, stats }) => ({
        key: cohort.slug,
        arms: stats.dose.arms,
        q1: stats.dose.q1!,
        median: stats.dose.median!,
        q3: stats.dose.q3!,
      })),
    ladders: [],
    ladderStudies: 0,
    sampled: compared.some((c) => c.chart.sampled),
  };
  const labels = Object.fromEntries(compared.map(({ cohort }) => [cohort.slug, cohort.name]));
  const weights = [...new Set(compared.map((c) => c.cohort.filter.referenceWeightKg))];
  const title = `Doses of ${compared.length} cohorts (cells/kg, log scale)`;
  const caption = `${compared.map((c) => `“${c.cohort.name}” (${c.cohort.frozenAt ? "frozen" : "live"})`).join(", ")}. Reference body weight ${weights.join(" / ")} kg.${
    chart.sampled
      ? " Large cohorts are drawn as an even random sample of their arms; boxes use every arm."
      : ""
  }`;
  const rows: [string, (c: (typeof compared)[number]) => string][] = [
    ["State", (c) => (c.cohort.frozenAt ? `Frozen ${c.cohort.frozenAt.toISOString().slice(0, 10)}` : "Live")],
    ["Filter", (c) => describeFilter(c.cohort.filter).join("; ") || "all studies"],
    ["Studies", (c) => fmtInt.format(c.stats.studies)],
    ["Registered trials", (c) => fmtInt.format(c.stats.registeredTrials)],
    ["Patients (deduplicated)", (c) => fmtInt.format(c.stats.patients)],
    ["Dose arms", (c) => fmtInt.format(c.stats.arms)],
    ["Arms in cells/kg", (c) => fmtInt.format(c.stats.dose.arms)],
    ["of them estimated", (c) => fmtInt.format(c.stats.dose.estimated)],
    ["Median dose (cells/kg)", (c) => fmtCellsPerKg(c.stats.dose.median)],
    ["Interquartile range", (c) => `${fmtCellsPerKg(c.stats.dose.q1)} – ${fmtCellsPerKg(c.stats.dose.q3)}`],
    ["Range", (c) => `${fmtCellsPerKg(c.stats.dose.min)} – ${fmtCellsPerKg(c.stats.dose.max)}`],
    ["Doses not in cells/kg", (c) => fmtInt.format(c.stats.dose.notConvertible)],
  ];
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/cohorts">Cohorts</Link> /
      </p>
      <h1>Compare cohorts</h1>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Cohorts side by side">
        <table className="data compare">
          <caption className="visually-hidden">The compared cohorts side by side</caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              {compared.map(({ cohort }) => (
                <th scope="col" key={cohort.id}>
                  <Link href={`/cohorts/${cohort.slug}`}>{cohort.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label} data-row={label}>
                <th scope="row">{label}</th>
                {compared.map((c) => (
                  <td key={c.cohort.id}>{value(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figure className="card chart-figure" aria-labelledby="compare-chart-title">
        <h2 id="compare-chart-title">{title}</h2>
        <DoseChartLoader
          data={chart}
          options={{ ...DEFAULT_CHART_OPTIONS, colourBy: "disease" }}
          weightKg={weights[0]!}
          title={title}
          caption={caption}
          groupLabels={labels}
          groupTitle="Cohort (arms in cells/kg)"
        />
        <figcaption className="muted">{caption}</figcaption>
      </figure>
    </>
  );
}
