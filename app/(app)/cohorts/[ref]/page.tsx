import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveUpdates } from "@/components/live/live-updates";
import { ChangesSinceFrozen } from "@/components/cohorts/changes-since-frozen";
import { CohortManage } from "@/components/cohorts/cohort-manage";
import { CohortNumbers } from "@/components/cohorts/cohort-numbers";
import { CopyLinkButton } from "@/components/ui/copy-link";
import { LinkNotice } from "@/components/ui/link-notice";
import { memberPage } from "@/components/cohorts/cohort-text";
import { CHART_PARAMS } from "@/lib/domain/charts/options";
import { describeFilter, filterToParams } from "@/lib/domain/filter";
import { fmtUtcMinute } from "@/lib/domain/format";
import { firstParam, withQuery, type SearchParams } from "@/lib/domain/url-params";
import { cohortView, findCohort, frozenChanges } from "@/lib/server/cohorts";
import { requirePageUser } from "@/lib/server/platform/session";
import * as a from "../actions";

export const metadata: Metadata = { title: "Cohort" };

export default async function CohortPage({
  params,
  searchParams,
}: {
  params: Promise<{ ref: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { ref } = await params;
  const user = await requirePageUser("viewer", `/cohorts/${encodeURIComponent(ref)}`);
  const cohort = await findCohort(user, ref);
  if (!cohort) notFound();
  const page = memberPage(firstParam(await searchParams, "page"));
  const [data, changes] = await Promise.all([cohortView(user, cohort, page), frozenChanges(user, cohort)]);
  const query = filterToParams(cohort.filter).toString();
  const path = `/cohorts/${cohort.slug}`;
  const settings = cohort.frozenSettings;
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/cohorts">Cohorts</Link> /
      </p>
      <h1>{cohort.name}</h1>
      {user.role !== "viewer" && <LiveUpdates view={{ page: "cohort", cohortId: cohort.id }} />}
      <p className="cohort-meta">
        <span className={cohort.frozenAt ? "badge frozen" : "badge live"}>
          {cohort.frozenAt ? `Frozen ${fmtUtcMinute(cohort.frozenAt)}` : "Live: follows the data"}
        </span>{" "}
        Saved by {cohort.owner}, created {fmtUtcMinute(cohort.createdAt)}, updated{" "}
        {fmtUtcMinute(cohort.updatedAt)}.
      </p>
      {cohort.description && <p className="lead">{cohort.description}</p>}
      <LinkNotice ignored={cohort.reading.ignored} what="this cohort's saved filter" />
      <div className="row-actions">
        <CopyLinkButton path={path} />
        <Link href={withQuery("/", query)}>Open in the dashboard</Link>
        <Link href={withQuery("/studies", query)}>Open in the studies table</Link>
        <Link href={withQuery("/charts", query)}>Open in the charts</Link>
        <Link href={`/analysis?cohort=${cohort.slug}`}>Meta-analysis</Link>
        <Link href={`/cohorts/compare?c=${cohort.slug}`}>Compare with other cohorts</Link>
        {user.role === "admin" && <Link href={`/team?cohort=${cohort.id}#assign`}>Assign its studies…</Link>}
      </div>
      <CohortNumbers
        name={cohort.name}
        frozenAt={cohort.frozenAt}
        chips={describeFilter(cohort.filter)}
        weightKg={cohort.filter.referenceWeightKg}
        data={data}
        chartSrc={
          !cohort.frozenAt || data.blindNotice
            ? `/api/charts.json?${new URLSearchParams([...filterToParams(cohort.filter), [CHART_PARAMS.groupBy, "disease"]])}`
            : undefined
        }
        membersTitle={cohort.frozenAt ? "Member studies as frozen" : "Studies"}
        pageHref={(p) => `${path}?page=${p}`}
        between={
          <>
            {cohort.frozenAt && settings && (
              <p className="muted">
                Frozen with a reference weight of {settings.referenceWeightKg} kg, estimated doses{" "}
                {settings.includeEstimated ? "included" : "left out"}. The numbers below are those of{" "}
                {fmtUtcMinute(cohort.frozenAt)}.
              </p>
            )}
            {changes && (
              <ChangesSinceFrozen
                changes={changes}
                frozenStudies={data.stats.studies}
                frozenPatients={data.stats.patients}
              />
            )}
          </>
        }
      />
      <CohortManage
        cohort={cohort}
        actions={{
          duplicate: a.duplicateCohortAction,
          freeze: a.freezeCohortAction,
          unfreeze: a.unfreezeCohortAction,
          update: a.updateCohortAction,
          remove: a.deleteCohortAction,
          createShareLink: a.createShareLinkAction,
          revokeShareLink: a.revokeShareLinkAction,
        }}
      />
    </>
  );
}
