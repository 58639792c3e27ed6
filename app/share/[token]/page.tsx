// A cohort shown read-only to someone outside the team, through a revocable token link. The
// token is the only credential: the page shows this cohort's numbers, chart and studies and
// nothing else, with no links into the app and no names of team members.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DoseChartLoader } from "@/components/charts/dose-chart-loader";
import { MemberTable } from "@/components/cohorts/member-table";
import { DashboardDetails, StatCards } from "@/components/studies/dashboard-view";
import { DEFAULT_CHART_OPTIONS } from "@/lib/domain/chart-options";
import { describeFilter } from "@/lib/domain/filter-summary";
import { fmtInt, fmtUtcMinute } from "@/lib/domain/format";
import { sharedCohort } from "@/lib/server/cohorts";
import type { SearchParams } from "@/lib/server/page-filter";

export const metadata: Metadata = {
  title: "Shared cohort",
  robots: { index: false, follow: false },
  // The token is in the address: never send it to another site.
  referrer: "no-referrer",
};

export default async function SharedCohortPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { token } = await params;
  const sp = await searchParams;
  // Only the page of the member table is read from the address; filters are not.
  const page = Math.max(1, Math.min(100_000, Number.parseInt(String(sp.page ?? "1"), 10) || 1));
  const shared = await sharedCohort(token, page);
  if (!shared) notFound();
  const chips = describeFilter(shared.reading.filter, shared.settings);
  const title = "MSC doses by disease (cells/kg, log scale)";
  const caption = `Cohort “${shared.name}” (${shared.frozenAt ? `frozen ${fmtUtcMinute(shared.frozenAt)}` : "live"}). Filter: ${
    chips.length ? chips.join("; ") : "all studies"
  }. Reference body weight ${shared.settings.referenceWeightKg} kg.${
    shared.chart.sampled
      ? ` Showing an even random sample of ${fmtInt.format(shared.chart.points.length)} of ${fmtInt.format(shared.chart.convertible)} arms.`
      : ""
  }`;
  return (
    <>
      <header className="app-header">
        <div className="app-header-inner">
          <span className="brand">Evidence dashboard</span>
          <span className="role-badge">Read-only shared cohort</span>
        </div>
      </header>
      <main id="main" className="page">
        <h1>{shared.name}</h1>
        <p className="cohort-meta">
          <span className={shared.frozenAt ? "badge frozen" : "badge live"}>
            {shared.frozenAt
              ? `Frozen ${fmtUtcMinute(shared.frozenAt)}: the numbers of that moment`
              : "Live: follows the evidence table"}
          </span>
          {shared.expiresAt && ` This link works until ${fmtUtcMinute(shared.expiresAt)}.`}
        </p>
        {shared.description && <p className="lead">{shared.description}</p>}
        {chips.length > 0 ? (
          <ul className="chips" aria-label="Cohort filter">
            {chips.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">All studies of the evidence table.</p>
        )}
        <StatCards stats={shared.stats} />
        <DashboardDetails stats={shared.stats} weight={shared.settings.referenceWeightKg} />
        <figure className="card chart-figure" aria-labelledby="shared-chart-title">
          <h2 id="shared-chart-title">{title}</h2>
          <DoseChartLoader
            data={shared.chart}
            options={DEFAULT_CHART_OPTIONS}
            weightKg={shared.settings.referenceWeightKg}
            title={title}
            caption={caption}
            readOnly
          />
          <figcaption className="muted">{caption}</figcaption>
        </figure>
        <section aria-labelledby="shared-members-title">
          <h2 id="shared-members-title">Studies ({fmtInt.format(shared.table.total)})</h2>
          <MemberTable
            rows={shared.table.rows}
            total={shared.table.total}
            page={shared.table.page}
            pageSize={shared.table.pageSize}
            linkStudies={false}
            pageHref={(p) => `/share/${token}?page=${p}`}
            caption={`Studies of cohort ${shared.name}`}
          />
        </section>
        {shared.annotations && (
          <section aria-labelledby="shared-annotations-title">
            <h2 id="shared-annotations-title">Reviewers&apos; annotations ({shared.annotations.length})</h2>
            {shared.annotations.length === 0 ? (
              <p>No annotations on these studies.</p>
            ) : (
              <ul className="annotation-list">
                {shared.annotations.map((a, i) => (
                  <li key={i}>
                    <strong>{a.reference ?? "Study"}</strong>
                    {a.field && <span className="muted"> · on {a.field}</span>}
                    <span className="muted"> · {a.status}</span>
                    <p>{a.body}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </main>
    </>
  );
}
