// A cohort shown read-only to someone outside the team, through a revocable token link. The
// token is the only credential: the page shows this cohort's numbers, chart and studies and
// nothing else, with no links into the app and no names of team members.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CohortNumbers } from "@/components/cohorts/cohort-numbers";
import { SharedAnnotations } from "@/components/cohorts/shared-annotations";
import { memberPage } from "@/components/cohorts/cohort-text";
import { describeFilter } from "@/lib/domain/filter";
import { fmtUtcMinute } from "@/lib/domain/format";
import { firstParam, type SearchParams } from "@/lib/domain/url-params";
import { sharedCohort } from "@/lib/server/shares";

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
  // Only the page of the member table is read from the address; filters are not.
  const page = memberPage(firstParam(await searchParams, "page"));
  const shared = await sharedCohort(token, page);
  if (!shared) notFound();
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
        <CohortNumbers
          name={shared.name}
          frozenAt={shared.frozenAt}
          chips={describeFilter(shared.filter)}
          weightKg={shared.filter.referenceWeightKg}
          data={shared}
          readOnly
          chartSrc={`/api/share/${token}/chart.json`}
          membersTitle="Studies"
          pageHref={(p) => `/share/${token}?page=${p}`}
        />
        {shared.annotations && <SharedAnnotations annotations={shared.annotations} />}
      </main>
    </>
  );
}
