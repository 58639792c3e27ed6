// Saved cohorts of the evidence table: a named filter that is live (follows the data) or frozen
// (keeps its member studies, settings and numbers as they were), shared inside the team by its
// link. Every change checks the session, the role and ownership here, runs in one transaction
// with its audit event, and is refused when the cohort changed since the person loaded it.
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "../generated/prisma/client.ts";
import type {
  CohortData,
  CohortDetail,
  CohortListItem,
  ComparedCohort,
  FrozenChanges,
  FrozenStats,
} from "../contracts/cohorts";
import { isUuid, slugify } from "../domain/cohort";
import {
  doseSettingsOf,
  effectiveFilter,
  parseFilter,
  readFrozenSettings,
  readStoredFilter,
  storedAnalysis,
  StoredFilterSchema,
  storeFilter,
} from "../domain/filter";
import { fmtUtcMinute } from "../domain/format";
import { db } from "./platform/db";
import { versionedCache } from "./sql/data-version";
import { AppError, forbidden } from "./platform/errors";
import { assertRole, type SessionUser } from "./platform/session-user";
import { audit } from "./sql/audit";
import { jsonObject, type Tx } from "./sql/client";
import { readFrozenStats } from "./sql/cohort-json";
import { insertMembers, queryCohortData, queryFrozenChanges } from "./sql/cohorts";
import { scopeOf, visibleCohort } from "./visibility";
import { queryDashboard } from "./sql/dashboard";
import { queryDoseChart } from "./sql/dose-chart";

export const notFoundCohort = () =>
  new AppError("not_found", "This cohort does not exist or has been deleted.");

export function canManage(actor: SessionUser, cohort: { ownerId: string }) {
  return actor.role === "admin" || cohort.ownerId === actor.id;
}

function newSlug(name: string): string {
  // 8 base-32 characters (40 bits) keep slugs of equal names apart; the link's secrecy is not
  // the point (team links need a session), share links have their own 256-bit tokens.
  const suffix = Array.from(randomBytes(8), (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
  return `${slugify(name)}-${suffix}`;
}

const cohortSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  ownerId: true,
  filter: true,
  frozenAt: true,
  frozenSettings: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { name: true } },
} as const;

/** The cohort as the audit history keeps it (no computed numbers). */
function auditView(c: {
  name: string;
  description: string;
  filter: Prisma.JsonValue;
  frozenAt: Date | null;
  version: number;
}): Prisma.InputJsonObject {
  return {
    name: c.name,
    description: c.description,
    filter: c.filter ?? null,
    frozenAt: c.frozenAt?.toISOString() ?? null,
    version: c.version,
  };
}

export async function listCohorts(actor: SessionUser | null, q?: string): Promise<CohortListItem[]> {
  assertRole(actor, "viewer");
  const text = q?.trim();
  const rows = await db().cohort.findMany({
    where: text
      ? {
          OR: [
            { name: { contains: text, mode: "insensitive" } },
            { description: { contains: text, mode: "insensitive" } },
            { owner: { name: { contains: text, mode: "insensitive" } } },
          ],
        }
      : {},
    orderBy: { updatedAt: "desc" },
    take: 500,
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      frozenAt: true,
      updatedAt: true,
      owner: { select: { name: true } },
      _count: { select: { members: true } },
    },
  });
  return rows.map(({ owner, _count, ...c }) => ({ ...c, owner: owner.name, members: _count.members }));
}

/** A cohort with its share links as stored, by id or slug; cached while the data stay the same
 * (cohorts and share links move the version on). What a reader may see of it is decided below. */
function readCohort(ref: string) {
  return db().cohort.findUnique({
    where: isUuid(ref) ? { id: ref } : { slug: ref },
    select: {
      ...cohortSelect,
      frozenStats: true,
      shareLinks: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          showAnnotations: true,
          expiresAt: true,
          revokedAt: true,
          createdAt: true,
          createdBy: { select: { name: true } },
        },
      },
    },
  });
}
const cohortReads = versionedCache<Awaited<ReturnType<typeof readCohort>>>();

/** A cohort by its id or slug, with its filter read back and what the actor may do with it. */
export async function findCohort(actor: SessionUser | null, ref: string): Promise<CohortDetail | null> {
  const user = assertRole(actor, "viewer");
  const cohort = await cohortReads(db(), ref, () => readCohort(ref));
  if (!cohort) return null;
  const manage = canManage(user, cohort);
  const { frozenStats, shareLinks, filter: stored, owner, frozenSettings: storedSettings, ...rest } = cohort;
  const reading = readStoredFilter(stored);
  const frozenSettings = cohort.frozenAt ? readFrozenSettings(storedSettings) : null;
  return {
    ...rest,
    owner: owner.name,
    reading,
    filter: effectiveFilter(reading.filter, frozenSettings),
    analysis: storedAnalysis(stored),
    frozen: cohort.frozenAt ? readFrozenStats(frozenStats) : null,
    frozenSettings,
    canManage: manage,
    canDuplicate: user.role !== "viewer",
    shareLinks: manage
      ? shareLinks.map(({ createdBy, ...l }) => ({
          ...l,
          createdBy: createdBy.name,
          expired: l.expiresAt !== null && l.expiresAt.getTime() <= Date.now(),
        }))
      : [],
  };
}

export async function createCohort(
  actor: SessionUser | null,
  input: { name: string; description: string; filterQuery: string },
) {
  const user = assertRole(actor, "reviewer", "save cohorts");
  const { filter } = parseFilter(new URLSearchParams(input.filterQuery));
  return db().$transaction(async (tx) => {
    const cohort = await tx.cohort.create({
      data: {
        slug: newSlug(input.name),
        name: input.name,
        description: input.description,
        ownerId: user.id,
        filter: storeFilter(filter),
      },
    });
    await audit(tx, {
      actorId: user.id,
      action: "cohort.create",
      entityType: "cohort",
      entityId: cohort.id,
      after: auditView(cohort),
    });
    return { id: cohort.id, slug: cohort.slug };
  });
}

/** Loads a cohort for a change by the actor: it must exist, be theirs (or they an admin), and be
 * at the version they saw. */
export async function forChange(
  tx: Tx,
  actor: SessionUser,
  id: string,
  version: number | null,
  what: string,
) {
  const cohort = await tx.cohort.findUnique({ where: { id }, select: cohortSelect });
  if (!cohort) throw notFoundCohort();
  if (!canManage(actor, cohort)) throw forbidden(`${what} another person's cohort`);
  if (version !== null && cohort.version !== version) {
    throw new AppError(
      "conflict",
      `This cohort was changed after you opened it (now named “${cohort.name}”, ${
        cohort.frozenAt ? "frozen" : "live"
      }, saved ${fmtUtcMinute(cohort.updatedAt)}). Nothing was saved: reload the page to see that change, then make yours again.`,
    );
  }
  return cohort;
}

/** Writes the change only if nobody else did in between (compare-and-set on the version). */
async function saveVersion(tx: Tx, id: string, version: number, data: Prisma.CohortUpdateManyMutationInput) {
  const { count } = await tx.cohort.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    throw new AppError(
      "conflict",
      "This cohort was changed at the same moment. Reload the page and try again.",
    );
  }
  return tx.cohort.findUniqueOrThrow({ where: { id }, select: cohortSelect });
}

/** Runs one versioned change of a cohort with its audit event. */
async function change<T>(
  actor: SessionUser,
  input: { id: string; version: number },
  what: { verb: string; action: string },
  apply: (
    tx: Tx,
    before: Awaited<ReturnType<typeof forChange>>,
  ) => Promise<Prisma.CohortUpdateManyMutationInput>,
  result: (after: Awaited<ReturnType<typeof saveVersion>>) => T,
): Promise<T> {
  return db().$transaction(async (tx) => {
    const before = await forChange(tx, actor, input.id, input.version, what.verb);
    const after = await saveVersion(tx, input.id, input.version, await apply(tx, before));
    await audit(tx, {
      actorId: actor.id,
      action: what.action,
      entityType: "cohort",
      entityId: input.id,
      before: auditView(before),
      after: auditView(after),
    });
    return result(after);
  });
}

export async function updateCohort(
  actor: SessionUser | null,
  input: { id: string; version: number; name: string; description: string },
) {
  const user = assertRole(actor, "reviewer", "edit cohorts");
  return change(
    user,
    input,
    { verb: "edit", action: "cohort.update" },
    () => Promise.resolve({ name: input.name, description: input.description }),
    (after) => ({ slug: after.slug, version: after.version }),
  );
}

export async function updateCohortFilter(
  actor: SessionUser | null,
  input: { id: string; version: number; filterQuery: string },
) {
  const user = assertRole(actor, "reviewer", "edit cohorts");
  const { filter } = parseFilter(new URLSearchParams(input.filterQuery));
  return change(
    user,
    input,
    { verb: "edit", action: "cohort.filter" },
    (_tx, before) => {
      if (before.frozenAt) {
        throw new AppError(
          "conflict",
          "This cohort is frozen: its members are fixed. Make it live again, or duplicate it, to change its filter.",
        );
      }
      return Promise.resolve({ filter: storeFilter(filter, storedAnalysis(before.filter)) });
    },
    (after) => ({ slug: after.slug, version: after.version }),
  );
}

/** Saves meta-analysis choices with a cohort (live or frozen); its link then opens them. */
export async function saveCohortAnalysis(
  actor: SessionUser | null,
  input: { id: string; version: number; analysisQuery: string },
) {
  const user = assertRole(actor, "reviewer", "change cohorts");
  return change(
    user,
    input,
    { verb: "change", action: "cohort.analysis" },
    (_tx, before) => {
      // The saved filter stays as it was stored, parts a later version no longer reads included.
      const stored = StoredFilterSchema.safeParse(before.filter);
      const query = stored.success
        ? stored.data.query
        : storeFilter(readStoredFilter(before.filter).filter).query;
      return Promise.resolve({ filter: { query, analysis: input.analysisQuery } });
    },
    (after) => ({ slug: after.slug, version: after.version }),
  );
}

export async function duplicateCohort(actor: SessionUser | null, input: { id: string }) {
  const user = assertRole(actor, "reviewer", "save cohorts");
  return db().$transaction(async (tx) => {
    const source = await tx.cohort.findUnique({ where: { id: input.id }, select: cohortSelect });
    if (!source) throw notFoundCohort();
    const name = `${source.name} (copy)`.slice(0, 120);
    // A copy is live; a frozen cohort's copy keeps the dose settings it was frozen with.
    const frozen = source.frozenAt ? readFrozenSettings(source.frozenSettings) : null;
    const filter = effectiveFilter(readStoredFilter(source.filter).filter, frozen);
    const copy = await tx.cohort.create({
      data: {
        slug: newSlug(name),
        name,
        description: source.description,
        ownerId: user.id,
        filter: storeFilter(filter, storedAnalysis(source.filter)),
      },
    });
    await audit(tx, {
      actorId: user.id,
      action: "cohort.duplicate",
      entityType: "cohort",
      entityId: copy.id,
      before: { duplicateOf: source.id },
      after: auditView(copy),
    });
    return { id: copy.id, slug: copy.slug };
  });
}

export async function deleteCohort(actor: SessionUser | null, input: { id: string; version: number }) {
  const user = assertRole(actor, "reviewer", "delete cohorts");
  return db().$transaction(async (tx) => {
    const before = await forChange(tx, user, input.id, input.version, "delete");
    const { count } = await tx.cohort.deleteMany({ where: { id: input.id, version: input.version } });
    if (count !== 1)
      throw new AppError("conflict", "This cohort was changed at the same moment. Reload and try again.");
    await audit(tx, {
      actorId: user.id,
      action: "cohort.delete",
      entityType: "cohort",
      entityId: input.id,
      before: auditView(before),
    });
    return { name: before.name };
  });
}

/**
 * Freezes a cohort: its member studies (with the values they have now), the dose settings, and
 * the dashboard numbers and chart data, in one transaction that sees one snapshot of the data.
 */
export async function freezeCohort(actor: SessionUser | null, input: { id: string; version: number }) {
  const user = assertRole(actor, "reviewer", "freeze cohorts");
  // What the freezer may see (read before the transaction: the embedded database has one session).
  const scope = await scopeOf(user);
  return db().$transaction(
    async (tx) => {
      const before = await forChange(tx, user, input.id, input.version, "freeze");
      if (before.frozenAt) throw new AppError("conflict", "This cohort is already frozen.");
      const filter = { ...readStoredFilter(before.filter).filter, ...scope };
      const members = await insertMembers(tx, input.id, filter);
      const stats: FrozenStats = {
        dashboard: await queryDashboard(tx, filter),
        chart: await queryDoseChart(tx, filter, { groupBy: "disease" }),
      };
      const frozenSettings = doseSettingsOf(filter);
      const after = await saveVersion(tx, input.id, input.version, {
        frozenAt: new Date(),
        frozenSettings,
        frozenStats: jsonObject(stats),
      });
      await audit(tx, {
        actorId: user.id,
        action: "cohort.freeze",
        entityType: "cohort",
        entityId: input.id,
        before: auditView(before),
        after: { ...auditView(after), members, frozenSettings },
      });
      return { slug: after.slug, members };
    },
    { isolationLevel: "RepeatableRead", timeout: 120_000 },
  );
}

export async function unfreezeCohort(actor: SessionUser | null, input: { id: string; version: number }) {
  const user = assertRole(actor, "reviewer", "change cohorts");
  return change(
    user,
    input,
    { verb: "change", action: "cohort.unfreeze" },
    async (tx, before) => {
      if (!before.frozenAt) throw new AppError("conflict", "This cohort is already live.");
      await tx.cohortStudy.deleteMany({ where: { cohortId: input.id } });
      return { frozenAt: null, frozenSettings: Prisma.DbNull, frozenStats: Prisma.DbNull };
    },
    (after) => ({ slug: after.slug }),
  );
}

/** What has changed in the data since a cohort was frozen. */
export async function frozenChanges(
  actor: SessionUser | null,
  cohort: CohortDetail,
): Promise<FrozenChanges | null> {
  const user = assertRole(actor, "viewer");
  return queryFrozenChanges(db(), (await visibleCohort(user, cohort)).ref);
}

/** The numbers, chart data and a page of members of a cohort, for a signed-in team member. */
export async function cohortView(
  actor: SessionUser | null,
  cohort: CohortDetail,
  page = 1,
): Promise<CohortData> {
  const user = assertRole(actor, "viewer");
  const { ref, blindNotice } = await visibleCohort(user, cohort);
  return { ...(await queryCohortData(db(), ref, page)), ...(blindNotice ? { blindNotice } : {}) };
}

/** Cohorts side by side: each one's numbers and chart data. */
export async function compareCohorts(actor: SessionUser | null, refs: string[]): Promise<ComparedCohort[]> {
  const user = assertRole(actor, "viewer");
  const unique = [...new Set(refs)].slice(0, 6);
  const found = await Promise.all(unique.map((r) => findCohort(user, r)));
  const cohorts = found.filter((c): c is CohortDetail => c !== null);
  const data = await Promise.all(
    cohorts.map(async (c) => queryCohortData(db(), (await visibleCohort(user, c)).ref, 1)),
  );
  return cohorts.map((cohort, i) => ({ cohort, stats: data[i]!.stats, chart: data[i]!.chart }));
}
