// What an owner (or admin) does with a cohort, and what any reviewer may (duplicate): each button
// and form posts to its own server action, which checks the session, role and ownership itself.
import Link from "next/link";
import type { FormAction } from "@/lib/contracts/action";
import type { CohortDetail } from "@/lib/contracts/cohorts";
import { filterToParams } from "@/lib/domain/filter";
import { CohortButton, EditCohortForm } from "./cohort-actions";
import { ShareLinks } from "./share-links";

export interface CohortManageActions {
  duplicate: FormAction<{ id: string; slug: string }>;
  freeze: FormAction<{ slug: string; members: number }>;
  unfreeze: FormAction<{ slug: string }>;
  update: FormAction<{ slug: string; version: number }>;
  remove: FormAction<{ name: string }>;
  createShareLink: FormAction<{ id: string; path: string; expiresAt: string | null }>;
  revokeShareLink: FormAction<{ alreadyRevoked: boolean }>;
}

export function CohortManage({ cohort, actions }: { cohort: CohortDetail; actions: CohortManageActions }) {
  if (!cohort.canManage && !cohort.canDuplicate) return null;
  const editFilter = new URLSearchParams(filterToParams(cohort.reading.filter));
  editFilter.set("cohort", cohort.slug);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return (
    <section className="card cohort-manage" aria-labelledby="manage-title">
      <h2 id="manage-title">Manage</h2>
      <div className="row-actions">
        {cohort.canDuplicate && (
          <CohortButton
            action={actions.duplicate}
            id={cohort.id}
            label="Duplicate"
            pendingLabel="Copying…"
            then="open"
          />
        )}
        {cohort.canManage && !cohort.frozenAt && (
          <>
            <Link className="button secondary" href={`/?${editFilter.toString()}`}>
              Edit the filter
            </Link>
            <CohortButton
              action={actions.freeze}
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
            action={actions.unfreeze}
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
            action={actions.update}
            id={cohort.id}
            version={cohort.version}
            name={cohort.name}
            description={cohort.description}
          />
          <h3>Read-only links for people outside the team</h3>
          <p className="muted">
            A read-only link shows this cohort&apos;s numbers, chart and studies, and nothing else, to anyone
            who has it, without signing in. Revoking it stops it at once.
          </p>
          <ShareLinks
            cohortId={cohort.id}
            create={actions.createShareLink}
            revoke={actions.revokeShareLink}
            links={cohort.shareLinks.map((l) => ({
              ...l,
              expiresAt: iso(l.expiresAt),
              revokedAt: iso(l.revokedAt),
              createdAt: l.createdAt.toISOString(),
            }))}
          />
          <h3>Delete</h3>
          <CohortButton
            action={actions.remove}
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
  );
}
