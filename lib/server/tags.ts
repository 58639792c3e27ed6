// Outcome-category tags: each reviewer tags a study on their own (blind to the others until they
// have, when the team setting says so); the consensus is set by an admin, or follows
// automatically when every reviewer who tagged the study agrees. Agreement is reported as
// Cohen's or Fleiss' kappa per category and overall (lib/domain/agreement.ts).
import "server-only";
import type { TagsView } from "../contracts/collaboration";
import { agreementReport } from "../domain/agreement";
import { audit } from "./sql/audit";
import { versionedCache } from "./sql/data-version";
import { notifyTagConflicts } from "./sql/team";
import { teamSettings } from "./categories";
import { db } from "./platform/db";
import { AppError } from "./platform/errors";
import type { Tx } from "./sql/client";
import { assertRole, type SessionUser } from "./platform/session-user";

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

async function categoryNames(tx: Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.outcomeCategory.findMany({ where: { id: { in: ids } }, select: { name: true } });
  return rows.map((r) => r.name).sort();
}

/** A study's tag assessments and consensus as stored (who may see which is decided per reader),
 * cached while the data stay the same. */
function readTags(studyId: string) {
  return Promise.all([
    db().tagAssessment.findMany({
      where: { studyId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        reviewerId: true,
        version: true,
        updatedAt: true,
        reviewer: { select: { name: true } },
        tags: { select: { categoryId: true } },
      },
    }),
    db().consensusTag.findMany({
      where: { studyId },
      select: { categoryId: true, setAt: true, setBy: { select: { name: true } }, setById: true },
    }),
  ]);
}
const tagReads = versionedCache<Awaited<ReturnType<typeof readTags>>>();

export async function studyTags(actor: SessionUser | null, studyId: string): Promise<TagsView> {
  const user = assertRole(actor, "viewer");
  const [settings, [assessments, consensus]] = await Promise.all([
    teamSettings(),
    tagReads(db(), studyId, () => readTags(studyId)),
  ]);
  const mine = assessments.find((a) => a.reviewerId === user.id) ?? null;
  const others = assessments.filter((a) => a.reviewerId !== user.id);
  const canSeeOthers =
    !settings.blindTagging || mine !== null || user.role === "admin" || user.role === "viewer";
  return {
    blind: settings.blindTagging,
    mine: mine && { version: mine.version, categoryIds: mine.tags.map((t) => t.categoryId) },
    others: canSeeOthers
      ? others.map((a) => ({
          reviewer: a.reviewer.name,
          categoryIds: a.tags.map((t) => t.categoryId),
          updatedAt: a.updatedAt,
        }))
      : null,
    hiddenOthers: canSeeOthers ? 0 : others.length,
    // While tagging blind, the consensus would tell what the others chose: it waits too.
    consensus: canSeeOthers
      ? {
          categoryIds: consensus.map((c) => c.categoryId),
          setBy: consensus.find((c) => c.setById)?.setBy?.name ?? null,
          automatic: consensus.length > 0 && consensus.every((c) => c.setById === null),
          hidden: false,
        }
      : { categoryIds: [], setBy: null, automatic: false, hidden: consensus.length > 0 },
  };
}

/** Sets the automatic consensus when all reviewers of the study agree; leaves an admin's alone. */
async function followAgreement(tx: Tx, studyId: string) {
  const current = await tx.consensusTag.findMany({ where: { studyId } });
  if (current.some((c) => c.setById !== null)) return;
  const assessments = await tx.tagAssessment.findMany({
    where: { studyId },
    select: { tags: { select: { categoryId: true } } },
  });
  const sets = assessments.map((a) => a.tags.map((t) => t.categoryId));
  const agreed = sets.length >= 2 && sets.every((s) => sameSet(s, sets[0]!)) ? sets[0]! : null;
  const now = current.map((c) => c.categoryId);
  if (agreed && sameSet(agreed, now)) return;
  await tx.consensusTag.deleteMany({ where: { studyId } });
  if (agreed && agreed.length > 0) {
    await tx.consensusTag.createMany({
      data: agreed.map((categoryId) => ({ studyId, categoryId, setById: null })),
    });
  }
}

export async function saveAssessment(
  actor: SessionUser | null,
  input: { studyId: string; version: number; categoryIds: string[] },
) {
  const user = assertRole(actor, "reviewer", "tag studies");
  const categoryIds = [...new Set(input.categoryIds)];
  return db().$transaction(async (tx) => {
    // One tagging of a study at a time, so that the automatic consensus sees every save.
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM studies WHERE id = ${input.studyId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", "This study no longer exists.");
    const known = await tx.outcomeCategory.count({ where: { id: { in: categoryIds } } });
    if (known !== categoryIds.length) {
      throw new AppError(
        "conflict",
        "A category you chose was renamed, merged or deleted meanwhile. Reload and tag again.",
      );
    }
    const existing = await tx.tagAssessment.findUnique({
      where: { studyId_reviewerId: { studyId: input.studyId, reviewerId: user.id } },
      include: { tags: true },
    });
    const before = existing ? existing.tags.map((t) => t.categoryId) : null;
    if ((existing?.version ?? 0) !== input.version) {
      const names = before ? await categoryNames(tx, before) : [];
      throw new AppError(
        "conflict",
        `Your tags on this study were saved from another window after you opened this one; they are now: ${
          names.join(", ") || "none of the categories"
        }. Nothing was saved: reload, then choose again.`,
      );
    }
    let assessmentId: string;
    if (existing) {
      const { count } = await tx.tagAssessment.updateMany({
        where: { id: existing.id, version: existing.version },
        data: { version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError(
          "conflict",
          "Your tags were saved at the same moment elsewhere. Reload and try again.",
        );
      await tx.tag.deleteMany({ where: { assessmentId: existing.id } });
      assessmentId = existing.id;
    } else {
      assessmentId = (
        await tx.tagAssessment.create({ data: { studyId: input.studyId, reviewerId: user.id } })
      ).id;
    }
    if (categoryIds.length)
      await tx.tag.createMany({ data: categoryIds.map((categoryId) => ({ assessmentId, categoryId })) });
    await followAgreement(tx, input.studyId);
    await notifyTagConflicts(tx, { actor: user, studyId: input.studyId, categoryIds });
    await audit(tx, {
      actorId: user.id,
      action: "tags.assess",
      entityType: "tag_assessment",
      entityId: assessmentId,
      studyId: input.studyId,
      before: before ? { categories: await categoryNames(tx, before) } : null,
      after: { categories: await categoryNames(tx, categoryIds) },
    });
    return { version: (existing?.version ?? 0) + 1 };
  });
}

/** An admin sets the consensus; `automatic` hands it back to the reviewers' agreement. */
export async function setConsensus(
  actor: SessionUser | null,
  input: { studyId: string; categoryIds: string[]; automatic: boolean },
) {
  const user = assertRole(actor, "admin", "set the consensus");
  const categoryIds = [...new Set(input.categoryIds)];
  if (!input.automatic && categoryIds.length === 0) {
    throw new AppError(
      "invalid",
      "Choose the categories of the consensus, or let it follow the reviewers' agreement. (A consensus of “none of these” cannot be recorded.)",
    );
  }
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM studies WHERE id = ${input.studyId}::uuid FOR UPDATE`;
    const before = await tx.consensusTag.findMany({ where: { studyId: input.studyId } });
    await tx.consensusTag.deleteMany({ where: { studyId: input.studyId } });
    if (input.automatic) await followAgreement(tx, input.studyId);
    else if (categoryIds.length) {
      await tx.consensusTag.createMany({
        data: categoryIds.map((categoryId) => ({ studyId: input.studyId, categoryId, setById: user.id })),
      });
    }
    const after = await tx.consensusTag.findMany({ where: { studyId: input.studyId } });
    await audit(tx, {
      actorId: user.id,
      action: "tags.consensus",
      entityType: "study",
      entityId: input.studyId,
      studyId: input.studyId,
      before: {
        consensus: await categoryNames(
          tx,
          before.map((c) => c.categoryId),
        ),
      },
      after: {
        consensus: await categoryNames(
          tx,
          after.map((c) => c.categoryId),
        ),
        automatic: input.automatic,
      },
    });
    return { categories: after.length };
  });
}

/** Agreement between reviewers per category and overall, and the studies they disagree on. */
export async function agreement(actor: SessionUser | null) {
  const user = assertRole(actor, "viewer");
  // While the team tags blind, only admins see who said what.
  const named = user.role === "admin" || !(await teamSettings()).blindTagging;
  const [rows, categories] = await Promise.all([
    db().$queryRaw<{ studyId: string; reviewerId: string; categoryIds: string[] }[]>`
      SELECT a.study_id AS "studyId", a.reviewer_id AS "reviewerId",
             COALESCE(array_agg(t.category_id::text) FILTER (WHERE t.category_id IS NOT NULL), '{}') AS "categoryIds"
        FROM tag_assessments a LEFT JOIN tags t ON t.assessment_id = a.id
       GROUP BY a.id`,
    db().outcomeCategory.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
  ]);
  const report = agreementReport(
    rows,
    categories.map((c) => c.id),
  );
  // While the team tags blind, a reviewer is shown the disagreements on studies they tagged only:
  // the others would tell them what the others chose.
  const mine =
    named || user.role !== "reviewer"
      ? null
      : new Set(rows.filter((r) => r.reviewerId === user.id).map((r) => r.studyId));
  const visible = mine ? report.disagreements.filter((d) => mine.has(d.studyId)) : report.disagreements;
  const disagreements = visible.slice(0, 200);
  const ids = new Set(disagreements.flatMap((d) => d.categories.flatMap((c) => [...c.yes, ...c.no])));
  const [people, studies, consensus] = await Promise.all([
    db().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } }),
    db().study.findMany({
      where: { id: { in: disagreements.map((d) => d.studyId) } },
      select: { id: true, reference: true, diseaseCode: true },
    }),
    db().consensusTag.findMany({
      where: { studyId: { in: disagreements.map((d) => d.studyId) } },
      select: { studyId: true, setById: true },
    }),
  ]);
  return {
    ...report,
    disagreements,
    totalDisagreements: visible.length,
    categories,
    named,
    names: named ? Object.fromEntries(people.map((p) => [p.id, p.name])) : {},
    studies: Object.fromEntries(studies.map((s) => [s.id, s])),
    resolved: new Set(consensus.filter((c) => c.setById !== null).map((c) => c.studyId)),
  };
}
