// What a reader may see of the team's tags. While the team tags blind, a reviewer learns the
// others' tags and the consensus of a study only once they have tagged it themselves: every query
// that filters by or shows outcome categories runs with their scope (FilterScope), and share
// links, read by people with no tags at all, see no consensus. Admins and viewers do not tag, so
// nothing is hidden from them.
import "server-only";
import { NO_REVIEWER, type CohortFilter, type FilterScope, type ScopedFilter } from "../domain/filter/filter";
import { teamSettings } from "./categories";
import type { SessionUser } from "./platform/session-user";
import type { CohortRef } from "./sql/cohorts";

/** The scope of a signed-in reader, or of a share link's reader (null). */
export async function scopeOf(user: SessionUser | null): Promise<FilterScope> {
  if (user && user.role !== "reviewer") return {};
  // Risk-of-bias assessment is always blind: a reviewer filters by the consensus of what they assessed.
  const rob: FilterScope = { robReader: user ? user.id : NO_REVIEWER };
  if (!(await teamSettings()).blindTagging) return rob;
  return { ...rob, blindReviewer: user ? user.id : NO_REVIEWER };
}

/** The filter as `user` may run it. The reader of risk-of-bias judgments matters only to a filter
 * on them: without one, every reviewer runs the same filter and shares its cached numbers. */
export async function scoped(user: SessionUser | null, filter: CohortFilter): Promise<ScopedFilter> {
  const { robReader, ...scope } = await scopeOf(user);
  return { ...filter, ...scope, ...(filter.robOverall.length > 0 && robReader ? { robReader } : {}) };
}

/**
 * A cohort as `user` may see it. A frozen cohort that selects by outcome category keeps members
 * that the consensus chose, which a blind reviewer may not learn: for them it is shown live,
 * through their scope, and `blindNotice` says so.
 */
export async function visibleCohort<C extends CohortRef>(
  user: SessionUser | null,
  cohort: C,
): Promise<{ ref: C; blindNotice: boolean }> {
  const scope = await scopeOf(user);
  if (!scope.blindReviewer && !scope.robReader) return { ref: cohort, blindNotice: false };
  const filter = { ...cohort.filter, ...scope };
  const hidden =
    (scope.blindReviewer && cohort.filter.categories.length > 0) ||
    (scope.robReader && cohort.filter.robOverall.length > 0);
  if (cohort.frozen && hidden) return { ref: { ...cohort, filter, frozen: null }, blindNotice: true };
  return { ref: { ...cohort, filter }, blindNotice: false };
}
