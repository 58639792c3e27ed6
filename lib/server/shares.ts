// Read-only share links of a cohort, for people outside the team: created and revoked by the
// cohort's owner (or an admin), opened with nothing but the token. 256-bit tokens from the
// CSPRNG; only their hash is stored.
import "server-only";
import type { DoseChartData } from "../contracts/charts";
import type { SharedCohort } from "../contracts/cohorts";
import { effectiveFilter, readFrozenSettings, readStoredFilter } from "../domain/filter";
import { canManage, forChange } from "./cohorts";
import { db } from "./platform/db";
import { AppError, forbidden } from "./platform/errors";
import { assertRole, type SessionUser } from "./platform/session-user";
import { hashToken, newToken } from "./platform/tokens";
import { audit } from "./sql/audit";
import { readFrozenStats } from "./sql/cohort-json";
import { queryCohortData, querySharedAnnotations } from "./sql/cohorts";
import { cachedDoseChart } from "./sql/dose-chart";
import { visibleCohort } from "./visibility";

export async function createShareLink(
  actor: SessionUser | null,
  input: { cohortId: string; expiresInDays: number | null; showAnnotations: boolean },
) {
  const user = assertRole(actor, "reviewer", "share cohorts");
  const token = newToken();
  return db().$transaction(async (tx) => {
    await forChange(tx, user, input.cohortId, null, "share");
    const link = await tx.shareLink.create({
      data: {
        cohortId: input.cohortId,
        tokenHash: hashToken(token),
        showAnnotations: input.showAnnotations,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
        createdById: user.id,
      },
    });
    await audit(tx, {
      actorId: user.id,
      action: "share_link.create",
      entityType: "share_link",
      entityId: link.id,
      after: {
        cohortId: input.cohortId,
        showAnnotations: link.showAnnotations,
        expiresAt: link.expiresAt?.toISOString() ?? null,
      },
    });
    return { id: link.id, path: `/share/${token}`, expiresAt: link.expiresAt?.toISOString() ?? null };
  });
}

export async function revokeShareLink(actor: SessionUser | null, input: { id: string }) {
  const user = assertRole(actor, "reviewer", "revoke share links");
  return db().$transaction(async (tx) => {
    const link = await tx.shareLink.findUnique({ where: { id: input.id }, include: { cohort: true } });
    if (!link) throw new AppError("not_found", "This share link does not exist.");
    if (!canManage(user, link.cohort)) throw forbidden("revoke another person's share link");
    if (link.revokedAt) return { alreadyRevoked: true };
    const revokedAt = new Date();
    await tx.shareLink.update({ where: { id: link.id }, data: { revokedAt } });
    await audit(tx, {
      actorId: user.id,
      action: "share_link.revoke",
      entityType: "share_link",
      entityId: link.id,
      before: { revokedAt: null },
      after: { cohortId: link.cohortId, revokedAt: revokedAt.toISOString() },
    });
    return { alreadyRevoked: false };
  });
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * What a read-only share link shows, or null when the token is unknown, revoked or expired.
 * The token is the only credential: no session is needed, and nothing but this one cohort's
 * numbers, chart and members (and, if the owner ticked it, annotation texts without names) is
 * returned.
 */
/** The cohort behind a token that still works (not revoked, not expired), as its reader may see it. */
async function openLink(token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const link = await db().shareLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      showAnnotations: true,
      expiresAt: true,
      revokedAt: true,
      cohort: {
        select: {
          id: true,
          name: true,
          description: true,
          filter: true,
          frozenAt: true,
          frozenSettings: true,
          frozenStats: true,
          updatedAt: true,
        },
      },
    },
  });
  if (!link || link.revokedAt || (link.expiresAt && link.expiresAt.getTime() <= Date.now())) return null;
  const c = link.cohort;
  const reading = readStoredFilter(c.filter);
  const frozenSettings = c.frozenAt ? readFrozenSettings(c.frozenSettings) : null;
  const cohort = {
    id: c.id,
    filter: effectiveFilter(reading.filter, frozenSettings),
    frozen: c.frozenAt ? readFrozenStats(c.frozenStats) : null,
  };
  // A share link's readers have tagged nothing: while the team tags blind they see no consensus.
  const { ref, blindNotice } = await visibleCohort(null, cohort);
  return { link, c, reading, cohort, ref, blindNotice };
}

/** The chart of a shared cohort (what its page draws), or null for a token that does not work. */
export async function sharedCohortChart(token: string): Promise<DoseChartData | null> {
  const open = await openLink(token);
  if (!open) return null;
  return open.ref.frozen
    ? open.ref.frozen.chart
    : cachedDoseChart(db(), open.ref.filter, { groupBy: "disease" });
}

export async function sharedCohort(token: string, page = 1): Promise<SharedCohort | null> {
  const open = await openLink(token);
  if (!open) return null;
  const { link, c, reading, cohort, ref, blindNotice } = open;
  const data = { ...(await queryCohortData(db(), ref, page)), ...(blindNotice ? { blindNotice } : {}) };
  const annotations = link.showAnnotations ? await querySharedAnnotations(db(), ref) : null;
  return {
    name: c.name,
    description: c.description,
    frozenAt: c.frozenAt,
    updatedAt: c.updatedAt,
    expiresAt: link.expiresAt,
    reading,
    filter: cohort.filter,
    ...data,
    annotations,
  };
}
