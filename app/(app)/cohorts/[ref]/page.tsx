import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DoseChartLoader } from "@/components/charts/dose-chart-loader";
import { CohortButton, CopyLinkButton, EditCohortForm, ShareLinks } from "@/components/cohorts/cohort-forms";
import { MemberTable } from "@/components/cohorts/member-table";
import { DashboardDetails, StatCards } from "@/components/studies/dashboard-view";
import { DEFAULT_CHART_OPTIONS } from "@/lib/domain/chart-options";
import { filterToParams } from "@/lib/domain/cohort-filter";
import { describeFilter } from "@/lib/domain/filter-summary";
import { fmtInt, fmtUtcMinute } from "@/lib/domain/format";
import {
  cohortView,
  effectiveReading,
  findCohort,
  frozenChanges,
  type FrozenChanges,
} from "@/lib/server/cohorts";
import type { SearchParams } from "@/lib/server/page-filter";
import { requirePageUser } from "@/lib/server/session";
import {
  createShareLinkAction,
  deleteCohortAction,
  duplicateCohortAction,
  freezeCohortAction,
  revokeShareLinkAction,
  unfreezeCohortAction,
  updateCohortAction,
} from "../actions";

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
  const sp = await searchParams;
  const page = Math.max(1, Math.min(100_000, Number.parseInt(String(sp.page ?? "1"), 10) || 1));
  const [data, changes] = await Promise.all([cohortView(user, cohort, page), frozenChanges(user, cohort)]);
  const { filter, settings } = effectiveReading(cohort);
  const query = filterToParams(filter, settings).toString();
  const chips = describeFilter(filter, settings);
  const path = `/cohorts/${cohort.slug}`;
  const chartTitle = "MSC doses by disease (cells/kg, log scale)";
  const chartCaption = `Cohort “${cohort.name}” (${cohort.frozenAt ? `frozen ${fmtUtcMinute(cohort.frozenAt)}` : "live"}). Filter: ${
    chips.length ? chips.join("; ") : "all studies"
  }. Reference body weight ${settings.referenceWeightKg} kg.${
    data.chart.sampled
      ? ` Showing an even random sample of ${fmtInt.format(data.chart.points.length)} of ${fmtInt.format(data.chart.convertible)} arms.`
      : ""
  }`;

  return (
    <>
      <p className="breadcrumbs">
        <Link href="/cohorts">Cohorts</Link> /
      </p>
      <h1>{cohort.name}</h1>
      <p className="cohort-meta">
        <span className={cohort.frozenAt ? "badge frozen" : "badge live"}>
          {cohort.frozenAt ? `Frozen ${fmtUtcMinute(cohort.frozenAt)}` : "Live: follows the data"}
        </span>{" "}
        Saved by {cohort.owner.name}, created {fmtUtcMinute(cohort.createdAt)}, updated{" "}
        {fmtUtcMinute(cohort.updatedAt)}.
      </p>
      {cohort.description && <p className="lead">{cohort.description}</p>}
      {cohort.reading.ignored.length > 0 && (
        <div className="alert info" role="status">
          Parts of this cohort&apos;s saved filter are no longer understood and were left out:{" "}
          {cohort.reading.ignored.join(", ")}.
        </div>
      )}
      <div className="row-actions">
        <CopyLinkButton path={path} />
        <Link href={`/?${query}`}>Open in the dashboard</Link>
        <Link href={`/studies?${query}`}>Open in the studies table</Link>
        <Link href={`/charts?${query}`}>Open in the charts</Link>
        <Link href={`/analysis?cohort=${cohort.slug}`}>Meta-analysis</Link>
        <Link href={`/cohorts/compare?c=${cohort.slug}`}>Compare with other cohorts</Link>
      </div>
      {chips.length > 0 ? (
        <ul className="chips" aria-label="Cohort filter">
          {chips.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">All studies of the evidence table.</p>
      )}
      {cohort.frozenAt && cohort.frozenSettings && (
        <p className="muted">
          Frozen with a reference weight of {cohort.frozenSettings.referenceWeightKg} kg, estimated doses{" "}
          {cohort.frozenSettings.includeEstimated ? "included" : "left out"}. The numbers below are those of{" "}
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

      <StatCards stats={data.stats} />
      <DashboardDetails stats={data.stats} weight={settings.referenceWeightKg} />

      <figure className="card chart-figure" aria-labelledby="cohort-chart-title">
        <h2 id="cohort-chart-title">{chartTitle}</h2>
        <DoseChartLoader
          data={data.chart}
          options={DEFAULT_CHART_OPTIONS}
          weightKg={settings.referenceWeightKg}
          title={chartTitle}
          caption={chartCaption}
        />
        <figcaption className="muted">{chartCaption}</figcaption>
      </figure>

      <section aria-labelledby="members-title">
        <h2 id="members-title">
          {cohort.frozenAt ? "Member studies as frozen" : "Studies"} ({fmtInt.format(data.table.total)})
        </h2>
        <MemberTable
          rows={data.table.rows}
          total={data.table.total}
          page={data.table.page}
          pageSize={data.table.pageSize}
          linkStudies
          pageHref={(p) => `${path}?page=${p}`}
          caption={`Studies of cohort ${cohort.name}`}
        />
      </section>

      {(cohort.canManage || cohort.canDuplicate) && (
        <section className="card cohort-manage" aria-labelledby="manage-title">
          <h2 id="manage-title">Manage</h2>
          <div className="row-actions">
            {cohort.canDuplicate && (
              <CohortButton
                action={duplicateCohortAction}
                id={cohort.id}
                label="Duplicate"
                pendingLabel="Copying…"
                then="open"
              />
            )}
            {cohort.canManage && !cohort.frozenAt && (
              <>
                <Link
                  className="button secondary"
                  href={`/?${query}${query ? "&" : ""}cohort=${cohort.slug}`}
                >
                  Edit the filter
                </Link>
                <CohortButton
                  action={freezeCohortAction}
                  id={cohort.id}
                  version={cohort.version}
                  label="Freeze"
                  pendingLabel="Freezing…"
                  then="refresh"
                />
              </>
            )}
            {cohort.canManage && cohort.frozenAt && (
              <CohortButton
                action={unfreezeCohortAction}
                id={cohort.id}
                version={cohort.version}
                label="Make live again"
                pendingLabel="Unfreezing…"
                then="refresh"
              />
            )}
          </div>
          {cohort.canManage && (
            <>
              <h3>Name and description</h3>
              <EditCohortForm
                action={updateCohortAction}
                id={cohort.id}
                version={cohort.version}
                name={cohort.name}
                description={cohort.description}
              />
              <h3>Read-only links for people outside the team</h3>
              <p className="muted">
                A read-only link shows this cohort&apos;s numbers, chart and studies, and nothing else, to
                anyone who has it, without signing in. Revoking it stops it at once.
              </p>
              <ShareLinks
                cohortId={cohort.id}
                create={createShareLinkAction}
                revoke={revokeShareLinkAction}
                links={cohort.shareLinks.map((l) => ({
                  id: l.id,
                  showAnnotations: l.showAnnotations,
                  expiresAt: l.expiresAt?.toISOString() ?? null,
                  revokedAt: l.revokedAt?.toISOString() ?? null,
                  expired: l.expired,
                  createdAt: l.createdAt.toISOString(),
                  createdBy: l.createdBy.name,
                }))}
              />
              <h3>Delete</h3>
              <CohortButton
                action={deleteCohortAction}
                id={cohort.id}
                version={cohort.version}
                label="Delete cohort"
                pendingLabel="Deleting…"
                confirm="Yes, delete this cohort and its read-only links"
                danger
                then="cohorts"
              />
            </>
          )}
        </section>
      )}
    </>
  );
}

function ChangesSinceFrozen({
  changes,
  frozenStudies,
  frozenPatients,
}: {
  changes: FrozenChanges;
  frozenStudies: number;
  frozenPatients: number;
}) {
  const nothing =
    changes.removed === 0 &&
    changes.changedCount === 0 &&
    changes.leftFilter === 0 &&
    changes.addedCount === 0;
  return (
    <section className="card" aria-labelledby="changes-title" data-testid="frozen-changes">
      <h2 id="changes-title">What has changed since freezing</h2>
      {nothing ? (
        <p>Nothing: the same filter selects the same studies, unchanged.</p>
      ) : (
        <ul>
          {changes.addedCount > 0 && (
            <li>
              {fmtInt.format(changes.addedCount)} new{" "}
              {changes.addedCount === 1 ? "study matches" : "studies match"} the filter and{" "}
              {changes.addedCount === 1 ? "is" : "are"} not in the cohort
              {changes.added.length > 0 &&
                `: ${changes.added.map((s) => `${s.diseaseCode} ${s.reference ?? ""}`.trim()).join(", ")}`}
              {changes.addedCount > changes.added.length && "…"}
            </li>
          )}
          {changes.changedCount > 0 && (
            <li>
              {fmtInt.format(changes.changedCount)} member{" "}
              {changes.changedCount === 1 ? "study was" : "studies were"} edited or re-imported with other
              values:{" "}
              {changes.changed.map((s, i) => (
                <span key={s.id}>
                  {i > 0 && ", "}
                  <Link href={`/studies/${s.id}`}>{`${s.diseaseCode} ${s.reference ?? ""}`.trim()}</Link>
                </span>
              ))}
              {changes.changedCount > changes.changed.length && "…"}
            </li>
          )}
          {changes.leftFilter > 0 && (
            <li>
              {fmtInt.format(changes.leftFilter)} member {changes.leftFilter === 1 ? "study" : "studies"}{" "}
              would no longer be selected by the filter
            </li>
          )}
          {changes.removed > 0 && (
            <li>
              {fmtInt.format(changes.removed)} member {changes.removed === 1 ? "study is" : "studies are"} no
              longer in the evidence table
            </li>
          )}
        </ul>
      )}
      <p>
        Live now, the same filter gives {fmtInt.format(changes.now.studies)} studies and{" "}
        {fmtInt.format(changes.now.patients)} patients (frozen: {fmtInt.format(frozenStudies)} studies,{" "}
        {fmtInt.format(frozenPatients)} patients).
      </p>
    </section>
  );
}
