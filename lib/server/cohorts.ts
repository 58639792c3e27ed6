// Saved cohorts of the evidence table: a named filter that is live (follows the data) or frozen
// (keeps its member studies, settings and numbers as they were), shared inside the team by its
// link and outside it by revocable read-only token links. Every change checks the session, the
// role and ownership here, runs in one transaction with its audit event, and is refused when
// the cohort changed since the person loaded it (version).
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "../generated/prisma/client.ts";
import type { AnalysisSettings, CohortFilter } from "../domain/cohort-filter";
import {
  isUuid,
  readStoredFilter,
  slugify,
  storedAnalysis,
  storeFilter,
  type FrozenSettings,
} from "../domain/cohort";
import { parseFilter } from "../domain/cohort-filter";
import { fmtUtcMinute } from "../domain/format";
import { audit } from "./audit";
import { queryDashboard, type DashboardStats } from "./dashboard";
import { cachedDashboard } from "./dashboard-cache";
import { db } from "./db";
import { cachedDoseChart, queryDoseChart, type DoseChartData } from "./dose-chart";
import { AppError, forbidden } from "./errors";
import type { Db, Queryable, Tx } from "./prisma-client";
import { assertRole, type SessionUser } from "./session-user";
import { cohortSql } from "./study-query";
import { queryStudyTable, type TableRequest } from "./study-table";
import { hashToken, newToken } from "./tokens";

export interface FrozenStats {
  dashboard: DashboardStats;
  chart: DoseChartData;
}

const notFound = () => new AppError("not_found", "This cohort does not exist or has been deleted.");

function canManage(actor: SessionUser, cohort: { ownerId: string }) {
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
}) {
  return {
    name: c.name,
    description: c.description,
    filter: c.filter,
    frozenAt: c.frozenAt?.toISOString() ?? null,
    version: c.version,
  } as Prisma.InputJsonObject;
}

export async function listCohorts(actor: SessionUser | null, q?: string) {
  assertRole(actor, "viewer");
  const text = q?.trim();
  return db().cohort.findMany({
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
      ownerId: true,
      frozenAt: true,
      updatedAt: true,
      owner: { select: { name: true } },
      _count: { select: { members: true } },
    },
  });
}

/** A cohort by its id or slug, with its filter read back and what the actor may do with it. */
export async function findCohort(actor: SessionUser | null, ref: string) {
  const user = assertRole(actor, "viewer");
  const cohort = await db().cohort.findUnique({
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
  if (!cohort) return null;
  const manage = canManage(user, cohort);
  const { frozenStats, shareLinks, ...rest } = cohort;
  return {
    ...rest,
    reading: readStoredFilter(cohort.filter),
    frozen: cohort.frozenAt ? (frozenStats as unknown as FrozenStats) : null,
    frozenSettings: cohort.frozenSettings as unknown as FrozenSettings | null,
    canManage: manage,
    canDuplicate: user.role !== "viewer",
    // Only those who may revoke them see the share links.
    shareLinks: manage
      ? shareLinks.map((l) => ({
          ...l,
          expired: l.expiresAt !== null && l.expiresAt.getTime() <= Date.now(),
        }))
      : [],
  };
}

export type CohortDetail = NonNullable<Awaited<ReturnType<typeof findCohort>>>;

/** The analysis settings a cohort's numbers use: frozen ones win over the filter's. */
export function effectiveReading(c: Pick<CohortDetail, "reading" | "frozenSettings">): {
  filter: CohortFilter;
  settings: AnalysisSettings;
} {
  const { filter, settings } = c.reading;
  if (!c.frozenSettings) return { filter, settings };
  return {
    filter: { ...filter, includeEstimated: c.frozenSettings.includeEstimated },
    settings: { referenceWeightKg: c.frozenSettings.referenceWeightKg },
  };
}

export async function createCohort(
  actor: SessionUser | null,
  input: { name: string; description: string; query: string },
) {
  const user = assertRole(actor, "reviewer", "save cohorts");
  const { filter, settings } = parseFilter(new URLSearchParams(input.query));
  return db().$transaction(async (tx) => {
    const cohort = await tx.cohort.create({
      data: {
        slug: newSlug(input.name),
        name: input.name,
        description: input.description,
        ownerId: user.id,
        filter: storeFilter(filter, settings) as unknown as Prisma.InputJsonObject,
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
async function forChange(tx: Tx, actor: SessionUser, id: string, version: number | null, what: string) {
  const cohort = await tx.cohort.findUnique({ where: { id }, select: cohortSelect });
  if (!cohort) throw notFound();
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

export async function updateCohort(
  actor: SessionUser | null,
  input: { id: string; version: number; name: string; description: string },
) {
  const user = assertRole(actor, "reviewer", "edit cohorts");
  return db().$transaction(async (tx) => {
    const before = await forChange(tx, user, input.id, input.version, "edit");
    const after = await saveVersion(tx, input.id, input.version, {
      name: input.name,
      description: input.description,
    });
    await audit(tx, {
      actorId: user.id,
      action: "cohort.update",
      entityType: "cohort",
      entityId: input.id,
      before: auditView(before),
      after: auditView(after),
    });
    return { slug: after.slug, version: after.version };
  });
}

export async function updateCohortFilter(
  actor: SessionUser | null,
  input: { id: string; version: number; query: string },
) {
  const user = assertRole(actor, "reviewer", "edit cohorts");
  const { filter, settings } = parseFilter(new URLSearchParams(input.query));
  return db().$transaction(async (tx) => {
    const before = await forChange(tx, user, input.id, input.version, "edit");
    if (before.frozenAt) {
      throw new AppError(
        "conflict",
        "This cohort is frozen: its members are fixed. Make it live again, or duplicate it, to change its filter.",
      );
    }
    const analysis = storedAnalysis(before.filter);
    const after = await saveVersion(tx, input.id, input.version, {
      filter: {
        ...storeFilter(filter, settings),
        ...(analysis ? { analysis } : {}),
      } as unknown as Prisma.InputJsonObject,
    });
    await audit(tx, {
      actorId: user.id,
      action: "cohort.filter",
      entityType: "cohort",
      entityId: input.id,
      before: auditView(before),
      after: auditView(after),
    });
    return { slug: after.slug, version: after.version };
  });
}

/** Saves meta-analysis choices with a cohort (live or frozen); its link then opens them. */
export async function saveCohortAnalysis(
  actor: SessionUser | null,
  input: { id: string; version: number; query: string },
) {
  const user = assertRole(actor, "reviewer", "change cohorts");
  return db().$transaction(async (tx) => {
    const before = await forChange(tx, user, input.id, input.version, "change");
    const stored = { ...(before.filter as Prisma.JsonObject), analysis: input.query };
    const after = await saveVersion(tx, input.id, input.version, {
      filter: stored as Prisma.InputJsonObject,
    });
    await audit(tx, {
      actorId: user.id,
      action: "cohort.analysis",
      entityType: "cohort",
      entityId: input.id,
      before: auditView(before),
      after: auditView(after),
    });
    return { slug: after.slug, version: after.version };
  });
}

export async function duplicateCohort(actor: SessionUser | null, input: { id: string }) {
  const user = assertRole(actor, "reviewer", "save cohorts");
  return db().$transaction(async (tx) => {
    const source = await tx.cohort.findUnique({ where: { id: input.id }, select: cohortSelect });
    if (!source) throw notFound();
    const name = `${source.name} (copy)`.slice(0, 120);
    // A copy is live; a frozen cohort's copy keeps the settings it was frozen with.
    const frozen = source.frozenSettings as unknown as FrozenSettings | null;
    const reading = readStoredFilter(source.filter);
    const filter = frozen ? { ...reading.filter, includeEstimated: frozen.includeEstimated } : reading.filter;
    const settings = frozen ? { referenceWeightKg: frozen.referenceWeightKg } : reading.settings;
    const copy = await tx.cohort.create({
      data: {
        slug: newSlug(name),
        name,
        description: source.description,
        ownerId: user.id,
        filter: {
          ...storeFilter(filter, settings),
          ...(storedAnalysis(source.filter) ? { analysis: storedAnalysis(source.filter) } : {}),
        } as unknown as Prisma.InputJsonObject,
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
 * Freezes a cohort: its member studies (with the values they have now), the analysis settings,
 * and the dashboard numbers and chart data, in one transaction that sees one snapshot of the data.
 */
export async function freezeCohort(actor: SessionUser | null, input: { id: string; version: number }) {
  const user = assertRole(actor, "reviewer", "freeze cohorts");
  return db().$transaction(
    async (tx) => {
      const before = await forChange(tx, user, input.id, input.version, "freeze");
      if (before.frozenAt) throw new AppError("conflict", "This cohort is already frozen.");
      const { filter, settings } = readStoredFilter(before.filter);
      const where = cohortSql(filter, settings);
      const members = await tx.$executeRaw`
        INSERT INTO cohort_studies (cohort_id, study_id, snapshot)
        SELECT ${input.id}::uuid, s.id, jsonb_build_object(
                 'version', s.version, 'contentHash', s.content_hash,
                 'diseaseCode', s.disease_code, 'disease', s.disease, 'routeText', s.route_text,
                 'enrollment', s.enrollment, 'outcome', s.outcome, 'reference', s.reference,
                 'registryId', t.registry_id, 'publicationYear', s.publication_year, 'sourceLine', s.source_line,
                 'products', COALESCE((SELECT jsonb_agg(p.raw_text ORDER BY p.position) FROM cell_products p WHERE p.study_id = s.id), '[]'::jsonb),
                 'arms', COALESCE((SELECT jsonb_agg(jsonb_build_object('doseText', a.dose_text, 'basis', a.basis, 'doseMid', a.dose_mid, 'n', a.n) ORDER BY a.position)
                                     FROM dose_arms a WHERE a.study_id = s.id), '[]'::jsonb))
          FROM studies s LEFT JOIN registered_trials t ON t.id = s.trial_id
         WHERE ${where}`;
      const stats: FrozenStats = {
        dashboard: await queryDashboard(tx, filter, settings),
        chart: await queryDoseChart(tx, filter, settings, { groupBy: "disease" }),
      };
      const frozenSettings: FrozenSettings = {
        referenceWeightKg: settings.referenceWeightKg,
        includeEstimated: filter.includeEstimated,
      };
      const after = await saveVersion(tx, input.id, input.version, {
        frozenAt: new Date(),
        frozenSettings: frozenSettings as unknown as Prisma.InputJsonObject,
        frozenStats: stats as unknown as Prisma.InputJsonObject,
      });
      await audit(tx, {
        actorId: user.id,
        action: "cohort.freeze",
        entityType: "cohort",
        entityId: input.id,
        before: auditView(before),
        after: {
          ...auditView(after),
          members,
          frozenSettings: frozenSettings as unknown as Prisma.InputJsonObject,
        },
      });
      return { slug: after.slug, members };
    },
    { isolationLevel: "RepeatableRead", timeout: 120_000 },
  );
}

export async function unfreezeCohort(actor: SessionUser | null, input: { id: string; version: number }) {
  const user = assertRole(actor, "reviewer", "change cohorts");
  return db().$transaction(async (tx) => {
    const before = await forChange(tx, user, input.id, input.version, "change");
    if (!before.frozenAt) throw new AppError("conflict", "This cohort is already live.");
    await tx.cohortStudy.deleteMany({ where: { cohortId: input.id } });
    const after = await saveVersion(tx, input.id, input.version, {
      frozenAt: null,
      frozenSettings: Prisma.DbNull,
      frozenStats: Prisma.DbNull,
    });
    await audit(tx, {
      actorId: user.id,
      action: "cohort.unfreeze",
      entityType: "cohort",
      entityId: input.id,
      before: auditView(before),
      after: auditView(after),
    });
    return { slug: after.slug };
  });
}

export interface StudyRef {
  id: string;
  reference: string | null;
  diseaseCode: string;
}

export interface FrozenChanges {
  /** Members no longer in the evidence table. */
  removed: number;
  /** Members edited or re-imported with other values since freezing. */
  changed: StudyRef[];
  changedCount: number;
  /** Members the filter would no longer select. */
  leftFilter: number;
  /** Studies the filter selects now that are not members. */
  added: StudyRef[];
  addedCount: number;
  /** The live numbers of the same filter and settings, to set beside the frozen ones. */
  now: DashboardStats;
}

/** What has changed in the data since a cohort was frozen. */
export async function frozenChanges(
  actor: SessionUser | null,
  cohort: CohortDetail,
): Promise<FrozenChanges | null> {
  assertRole(actor, "viewer");
  return computeFrozenChanges(db(), cohort);
}

async function computeFrozenChanges(
  q: Queryable,
  cohort: Pick<CohortDetail, "id" | "frozen" | "reading" | "frozenSettings">,
) {
  if (!cohort.frozen) return null;
  const { filter, settings } = effectiveReading(cohort);
  const where = cohortSql(filter, settings);
  const [row] = await q.$queryRaw<
    {
      members: number;
      changed: StudyRef[] | null;
      changedCount: number;
      leftFilter: number;
      added: StudyRef[] | null;
      addedCount: number;
    }[]
  >`
    WITH m AS (
      SELECT cs.study_id, cs.snapshot, s.id AS sid, s.version, s.content_hash, s.reference, s.disease_code,
             COALESCE((${where}), false) AS matches
        FROM cohort_studies cs JOIN studies s ON s.id = cs.study_id
       WHERE cs.cohort_id = ${cohort.id}::uuid
    ),
    ch AS (
      SELECT sid, reference, disease_code FROM m
       WHERE version <> (snapshot->>'version')::int OR content_hash <> snapshot->>'contentHash'
    ),
    ad AS (
      SELECT s.id, s.reference, s.disease_code FROM studies s
       WHERE ${where} AND NOT EXISTS (SELECT 1 FROM cohort_studies cs WHERE cs.cohort_id = ${cohort.id}::uuid AND cs.study_id = s.id)
    )
    SELECT (SELECT COUNT(*) FROM m)::int AS members,
           (SELECT json_agg(json_build_object('id', sid, 'reference', reference, 'diseaseCode', disease_code))
              FROM (SELECT * FROM ch ORDER BY disease_code, reference LIMIT 10) x) AS changed,
           (SELECT COUNT(*) FROM ch)::int AS "changedCount",
           (SELECT COUNT(*) FROM m WHERE NOT matches)::int AS "leftFilter",
           (SELECT json_agg(json_build_object('id', id, 'reference', reference, 'diseaseCode', disease_code))
              FROM (SELECT * FROM ad ORDER BY disease_code, reference LIMIT 10) y) AS added,
           (SELECT COUNT(*) FROM ad)::int AS "addedCount"`;
  const r = row!;
  return {
    // Deleting a study removes its membership row; the frozen count still has it.
    removed: Math.max(0, cohort.frozen.dashboard.studies - r.members),
    changed: r.changed ?? [],
    changedCount: r.changedCount,
    leftFilter: r.leftFilter,
    added: r.added ?? [],
    addedCount: r.addedCount,
    now: await queryDashboard(q, filter, settings),
  };
}

export interface MemberRow {
  id: string;
  reference: string | null;
  diseaseCode: string;
  disease: string;
  routeText: string;
  enrollment: number | null;
  registryId: string | null;
  products: string[];
  doses: string[];
  outcome: string;
}

interface Snapshot {
  diseaseCode: string;
  disease: string;
  routeText: string;
  enrollment: number | null;
  outcome: string;
  reference: string | null;
  registryId: string | null;
  products: string[];
  arms: { doseText: string }[];
}

async function snapshotRows(q: Queryable, cohortId: string, page: number, pageSize: number) {
  const rows = await q.$queryRaw<{ studyId: string; snapshot: Snapshot }[]>`
    SELECT study_id AS "studyId", snapshot FROM cohort_studies WHERE cohort_id = ${cohortId}::uuid
     ORDER BY snapshot->>'diseaseCode', (snapshot->>'sourceLine')::int, study_id
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  return rows.map(({ studyId, snapshot: s }): MemberRow => ({
    id: studyId,
    reference: s.reference,
    diseaseCode: s.diseaseCode,
    disease: s.disease,
    routeText: s.routeText,
    enrollment: s.enrollment,
    registryId: s.registryId,
    products: s.products,
    doses: s.arms.map((a) => a.doseText),
    outcome: s.outcome,
  }));
}

async function liveRows(q: Db, filter: CohortFilter, settings: AnalysisSettings, request: TableRequest) {
  const table = await queryStudyTable(q, filter, settings, request);
  return {
    total: table.total,
    rows: table.rows.map((r): MemberRow => ({
      id: r.id,
      reference: r.reference,
      diseaseCode: r.diseaseCode,
      disease: r.disease,
      routeText: r.routeText,
      enrollment: r.enrollment,
      registryId: r.trial?.registryId ?? null,
      products: r.products.map((p) => p.rawText),
      doses: r.arms.map((a) => a.doseText),
      outcome: r.outcome,
    })),
  };
}

export interface CohortData {
  stats: DashboardStats;
  chart: DoseChartData;
  table: { total: number; rows: MemberRow[]; page: number; pageSize: number };
}

async function cohortData(
  cohort: Pick<CohortDetail, "id" | "frozen" | "reading" | "frozenSettings">,
  page: number,
): Promise<CohortData> {
  const pageSize = 50;
  if (cohort.frozen) {
    return {
      stats: cohort.frozen.dashboard,
      chart: cohort.frozen.chart,
      table: {
        total: cohort.frozen.dashboard.studies,
        rows: await snapshotRows(db(), cohort.id, page, pageSize),
        page,
        pageSize,
      },
    };
  }
  const { filter, settings } = effectiveReading(cohort);
  const [stats, chart, table] = await Promise.all([
    cachedDashboard(db(), filter, settings),
    cachedDoseChart(db(), filter, settings, { groupBy: "disease" }),
    liveRows(db(), filter, settings, { sort: "table", direction: "asc", page, pageSize }),
  ]);
  return { stats, chart, table: { ...table, page, pageSize } };
}

/** The numbers, chart data and a page of members of a cohort, for a signed-in team member. */
export async function cohortView(
  actor: SessionUser | null,
  cohort: CohortDetail,
  page = 1,
): Promise<CohortData> {
  assertRole(actor, "viewer");
  return cohortData(cohort, page);
}

/** Cohorts side by side: each one's numbers and chart data. */
export async function compareCohorts(actor: SessionUser | null, refs: string[]) {
  const user = assertRole(actor, "viewer");
  const unique = [...new Set(refs)].slice(0, 6);
  const found = await Promise.all(unique.map((r) => findCohort(user, r)));
  const cohorts = found.filter((c): c is CohortDetail => c !== null);
  const data = await Promise.all(cohorts.map((c) => cohortData(c, 1)));
  return cohorts.map((c, i) => ({ cohort: c, stats: data[i]!.stats, chart: data[i]!.chart }));
}

// Share links ---------------------------------------------------------------------------------

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
export async function sharedCohort(token: string, page = 1) {
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
  const cohort = {
    id: c.id,
    reading: readStoredFilter(c.filter),
    frozen: c.frozenAt ? (c.frozenStats as unknown as FrozenStats) : null,
    frozenSettings: c.frozenSettings as unknown as FrozenSettings | null,
  };
  const data = await cohortData(cohort, page);
  const annotations = link.showAnnotations ? await sharedAnnotations(cohort) : null;
  return {
    name: c.name,
    description: c.description,
    frozenAt: c.frozenAt,
    updatedAt: c.updatedAt,
    expiresAt: link.expiresAt,
    reading: cohort.reading,
    settings: effectiveReading(cohort).settings,
    ...data,
    annotations,
  };
}

async function sharedAnnotations(cohort: Pick<CohortDetail, "id" | "frozen" | "reading" | "frozenSettings">) {
  const { filter, settings } = effectiveReading(cohort);
  const members = cohort.frozen
    ? Prisma.sql`n.study_id IN (SELECT study_id FROM cohort_studies WHERE cohort_id = ${cohort.id}::uuid)`
    : Prisma.sql`n.study_id IN (SELECT s.id FROM studies s WHERE ${cohortSql(filter, settings)})`;
  return db().$queryRaw<
    { studyId: string; reference: string | null; field: string | null; body: string; status: string }[]
  >`
    SELECT n.study_id AS "studyId", s.reference, n.field, n.body, n.status::text AS status
      FROM annotations n JOIN studies s ON s.id = n.study_id
     WHERE ${members} AND n.parent_id IS NULL
     ORDER BY s.disease_code, s.source_line, n.created_at
     LIMIT 200`;
}
