// Outcome data for meta-analysis: reviewers enter it per study and outcome, versioned and
// audited like every other edit.
import "server-only";
import type { OutcomeEntry } from "../contracts/collaboration";
import type { OutcomeDataInput } from "../validation/outcome-data";
import { audit } from "./sql/audit";
import { versionedCache } from "./sql/data-version";
import { db } from "./platform/db";
import { AppError } from "./platform/errors";
import { assertRole, type SessionUser } from "./platform/session-user";

const COLUMNS = ["xi", "ni", "ai", "bi", "ci", "di", "n1i", "n2i", "m1i", "sd1i", "m2i", "sd2i"] as const;

/** Everything an entry holds but its id and timestamps: what the audit keeps before and after a
 * change, enough to restore a deleted entry from the history. */
function record(
  r: {
    studyId: string;
    outcome: string;
    design: string;
    changeScores: boolean;
    notes: string;
    version: number;
  } & Record<(typeof COLUMNS)[number], number | null>,
) {
  return {
    studyId: r.studyId,
    outcome: r.outcome,
    design: r.design,
    changeScores: r.changeScores,
    notes: r.notes,
    version: r.version,
    ...Object.fromEntries(COLUMNS.map((c) => [c, r[c]])),
  };
}

/** The escalc columns a design stores; the rest are cleared. */
function columns(input: OutcomeDataInput) {
  const out = Object.fromEntries(COLUMNS.map((c) => [c, null])) as Record<
    (typeof COLUMNS)[number],
    number | null
  >;
  if (input.design === "single_arm") Object.assign(out, { xi: input.xi, ni: input.ni });
  else if (input.design === "two_group_binary")
    Object.assign(out, {
      ai: input.ai,
      bi: input.n1i! - input.ai!,
      ci: input.ci,
      di: input.n2i! - input.ci!,
      n1i: input.n1i,
      n2i: input.n2i,
    });
  else
    Object.assign(out, {
      m1i: input.m1i,
      sd1i: input.sd1i,
      n1i: input.n1i,
      m2i: input.m2i,
      sd2i: input.sd2i,
      n2i: input.n2i,
    });
  return out;
}

/** A study's outcome data, cached while the data stay the same (they move its version on). */
const entries = versionedCache<OutcomeEntry[]>();

export async function studyOutcomeData(actor: SessionUser | null, studyId: string): Promise<OutcomeEntry[]> {
  assertRole(actor, "viewer");
  return entries(db(), studyId, async () =>
    (await db().outcomeData.findMany({ where: { studyId }, orderBy: { outcome: "asc" } })).map((o) => ({
      id: o.id,
      outcome: o.outcome,
      design: o.design,
      version: o.version,
      changeScores: o.changeScores,
      notes: o.notes,
      values: Object.fromEntries(ENTRY_COLUMNS.map((c) => [c, o[c]])),
    })),
  );
}

/** The values a person enters (bi and di follow from the totals). */
const ENTRY_COLUMNS = ["xi", "ni", "ai", "ci", "n1i", "n2i", "m1i", "sd1i", "m2i", "sd2i"] as const;

const names = versionedCache<{ outcome: string; studies: number }[]>();

/** The outcomes the team has entered data for, with how many studies each; cached while the data
 * stay the same (outcome data move the data version on). */
export async function outcomeNames(actor: SessionUser | null) {
  assertRole(actor, "viewer");
  return names(db(), "all", async () => {
    const rows = await db().outcomeData.groupBy({
      by: ["outcome"],
      _count: { _all: true },
      orderBy: { outcome: "asc" },
    });
    return rows.map((r) => ({ outcome: r.outcome, studies: r._count._all }));
  });
}

export async function saveOutcomeData(actor: SessionUser | null, input: OutcomeDataInput) {
  const user = assertRole(actor, "reviewer", "enter outcome data");
  const data = {
    outcome: input.outcome,
    design: input.design,
    changeScores: input.changeScores,
    notes: input.notes,
    ...columns(input),
  };
  return db()
    .$transaction(async (tx) => {
      if (!(await tx.study.findUnique({ where: { id: input.studyId }, select: { id: true } })))
        throw new AppError("not_found", "This study no longer exists.");
      const clash = await tx.outcomeData.findUnique({
        where: { studyId_outcome: { studyId: input.studyId, outcome: input.outcome } },
      });
      if (clash && clash.id !== input.id) {
        throw new AppError(
          "conflict",
          `This study already has data for “${input.outcome}”: edit that entry instead.`,
        );
      }
      if (!input.id) {
        const created = await tx.outcomeData.create({
          data: { ...data, studyId: input.studyId, createdById: user.id },
        });
        await audit(tx, {
          actorId: user.id,
          action: "outcome.create",
          entityType: "outcome_data",
          entityId: created.id,
          studyId: input.studyId,
          after: record(created),
        });
        return { id: created.id, version: 1 };
      }
      const before = await tx.outcomeData.findUnique({ where: { id: input.id } });
      if (!before || before.studyId !== input.studyId)
        throw new AppError("not_found", "This outcome entry was deleted meanwhile.");
      const { count } = await tx.outcomeData.updateMany({
        where: { id: input.id, version: input.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count !== 1) {
        throw new AppError(
          "conflict",
          `Someone changed the data for “${before.outcome}” after you opened it (now version ${before.version}). Nothing was saved; your numbers are still in the form.`,
        );
      }
      const after = await tx.outcomeData.findUniqueOrThrow({ where: { id: input.id } });
      await audit(tx, {
        actorId: user.id,
        action: "outcome.update",
        entityType: "outcome_data",
        entityId: input.id,
        studyId: input.studyId,
        before: record(before),
        after: record(after),
      });
      return { id: input.id, version: before.version + 1 };
    })
    .catch((e: unknown) => {
      // Two first saves of the same outcome at the same moment: the second is told, not failed.
      if (e instanceof Error && "code" in e && (e as { code: string }).code === "P2002") {
        throw new AppError(
          "conflict",
          `Data for “${input.outcome}” was saved on this study at the same moment. Reload to see it.`,
        );
      }
      throw e;
    });
}

export async function deleteOutcomeData(actor: SessionUser | null, input: { id: string; version: number }) {
  const user = assertRole(actor, "reviewer", "delete outcome data");
  return db().$transaction(async (tx) => {
    const before = await tx.outcomeData.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError("not_found", "This outcome entry no longer exists.");
    const { count } = await tx.outcomeData.deleteMany({ where: { id: input.id, version: input.version } });
    if (count !== 1)
      throw new AppError("conflict", "Someone changed this entry meanwhile. Reload and try again.");
    await audit(tx, {
      actorId: user.id,
      action: "outcome.delete",
      entityType: "outcome_data",
      entityId: input.id,
      studyId: before.studyId,
      before: record(before),
    });
    return { deleted: true };
  });
}
