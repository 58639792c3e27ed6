// Outcome data per dose arm (and per reference arm at dose 0), for dose–response analysis:
// reviewers enter one row per study, outcome and arm, versioned and audited like every edit.
import "server-only";
import type { ArmChoice, ArmOutcomeGroup, ArmOutcomeRow, StudyArmOutcomes } from "../contracts/arm-outcomes";
import type { ArmOutcome } from "../generated/prisma/client.ts";
import {
  ARM_OUTCOME_COLUMNS,
  ARM_OUTCOME_FIELDS,
  ARM_OUTCOME_KIND_LABELS,
  type ArmOutcomeField,
  type ArmOutcomeInput,
} from "../validation/arm-outcome";
import { audit } from "./sql/audit";
import type { Tx } from "./sql/client";
import { db } from "./platform/db";
import { versionedCache } from "./sql/data-version";
import { AppError } from "./platform/errors";
import { assertRole, type SessionUser } from "./platform/session-user";

/** What the audit keeps before and after a change: enough to restore a deleted row. */
function record(r: ArmOutcome) {
  return {
    studyId: r.studyId,
    armId: r.armId,
    outcome: r.outcome,
    kind: r.kind,
    notes: r.notes,
    version: r.version,
    ...Object.fromEntries(ARM_OUTCOME_COLUMNS.map((c) => [c, r[c]])),
  };
}

/** The columns the kind stores; the rest are cleared. */
function columns(input: ArmOutcomeInput): Record<ArmOutcomeField, number | null> {
  const out = Object.fromEntries(ARM_OUTCOME_COLUMNS.map((c) => [c, null])) as Record<
    ArmOutcomeField,
    number | null
  >;
  for (const [f] of ARM_OUTCOME_FIELDS[input.kind]) out[f] = input[f];
  return out;
}

function rowView(r: ArmOutcome): ArmOutcomeRow {
  return {
    id: r.id,
    armId: r.armId,
    kind: r.kind,
    version: r.version,
    values: Object.fromEntries(ARM_OUTCOME_COLUMNS.map((c) => [c, r[c]])) as ArmOutcomeRow["values"],
    notes: r.notes,
  };
}

/** A study's arms and per-arm outcomes, cached while the data stay the same (both move the
 * version on). */
const armLists = versionedCache<StudyArmOutcomes>();

/** The study's arms (the reference arm first) and its per-arm outcome data, by outcome. */
export async function studyArmOutcomes(
  actor: SessionUser | null,
  studyId: string,
): Promise<StudyArmOutcomes> {
  assertRole(actor, "viewer");
  return armLists(db(), studyId, async () => {
    const [arms, rows] = await Promise.all([
      db().doseArm.findMany({
        where: { studyId },
        orderBy: { position: "asc" },
        select: { id: true, position: true, label: true, doseText: true, n: true },
      }),
      db().armOutcome.findMany({ where: { studyId }, orderBy: [{ outcome: "asc" }, { createdAt: "asc" }] }),
    ]);
    const choices: ArmChoice[] = [
      { armId: null, number: null, label: "Reference (control) arm, dose 0", doseText: "0", n: null },
      ...arms.map((a) => ({
        armId: a.id,
        number: a.position + 1,
        label: a.label,
        doseText: a.doseText,
        n: a.n,
      })),
    ];
    const order = new Map(choices.map((c, i) => [c.armId, i]));
    const groups = new Map<string, ArmOutcomeGroup>();
    for (const r of rows) {
      const g = groups.get(r.outcome) ?? { outcome: r.outcome, kind: r.kind, rows: [] };
      g.rows.push(rowView(r));
      groups.set(r.outcome, g);
    }
    for (const g of groups.values())
      g.rows.sort((a, b) => (order.get(a.armId) ?? 0) - (order.get(b.armId) ?? 0));
    return { arms: choices, outcomes: [...groups.values()] };
  });
}

/** The arm as the study page numbers it (positions count from 0). */
const armName = (position: number | null) =>
  position === null ? "the reference arm" : `arm ${position + 1}`;

/** Refuses an arm of another study, and a kind other than the one the outcome's other arms hold. */
async function checkArm(tx: Tx, input: ArmOutcomeInput): Promise<number | null> {
  let position: number | null = null;
  if (input.armId) {
    const arm = await tx.doseArm.findUnique({
      where: { id: input.armId },
      select: { studyId: true, position: true },
    });
    if (!arm || arm.studyId !== input.studyId)
      throw new AppError("not_found", "This arm is not an arm of this study (any more): reload the page.");
    position = arm.position;
  }
  const other = await tx.armOutcome.findFirst({
    where: {
      studyId: input.studyId,
      outcome: input.outcome,
      kind: { not: input.kind },
      ...(input.id ? { id: { not: input.id } } : {}),
    },
    select: { kind: true },
  });
  if (other)
    throw new AppError(
      "conflict",
      `The other arms of “${input.outcome}” hold ${ARM_OUTCOME_KIND_LABELS[other.kind].toLowerCase()}: enter the same kind for every arm of an outcome.`,
    );
  return position;
}

export async function saveArmOutcome(actor: SessionUser | null, input: ArmOutcomeInput) {
  const user = assertRole(actor, "reviewer", "enter outcome data");
  const data = {
    outcome: input.outcome,
    kind: input.kind,
    notes: input.notes,
    armId: input.armId,
    ...columns(input),
  };
  return db()
    .$transaction(async (tx) => {
      if (!(await tx.study.findUnique({ where: { id: input.studyId }, select: { id: true } })))
        throw new AppError("not_found", "This study no longer exists.");
      const position = await checkArm(tx, input);
      const clash = await tx.armOutcome.findFirst({
        where: { studyId: input.studyId, outcome: input.outcome, armId: input.armId },
        select: { id: true },
      });
      if (clash && clash.id !== input.id)
        throw new AppError(
          "conflict",
          `“${input.outcome}” already has data for ${armName(position)}: edit that row instead.`,
        );
      if (!input.id) {
        const created = await tx.armOutcome.create({
          data: { ...data, studyId: input.studyId, createdById: user.id },
        });
        await audit(tx, {
          actorId: user.id,
          action: "arm_outcome.create",
          entityType: "arm_outcome",
          entityId: created.id,
          studyId: input.studyId,
          after: record(created),
        });
        return { id: created.id, version: 1 };
      }
      const before = await tx.armOutcome.findUnique({ where: { id: input.id } });
      if (!before || before.studyId !== input.studyId)
        throw new AppError("not_found", "This row of outcome data was deleted meanwhile.");
      const { count } = await tx.armOutcome.updateMany({
        where: { id: input.id, version: input.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError(
          "conflict",
          `Someone changed ${armName(position)} of “${before.outcome}” after you opened it (now version ${before.version}). Nothing was saved; your numbers are still in the form.`,
        );
      const after = await tx.armOutcome.findUniqueOrThrow({ where: { id: input.id } });
      await audit(tx, {
        actorId: user.id,
        action: "arm_outcome.update",
        entityType: "arm_outcome",
        entityId: input.id,
        studyId: input.studyId,
        before: record(before),
        after: record(after),
      });
      return { id: input.id, version: before.version + 1 };
    })
    .catch((e: unknown) => {
      // Two first saves of the same arm at the same moment: the second is told, not failed.
      if (e instanceof Error && "code" in e && (e as { code: string }).code === "P2002")
        throw new AppError(
          "conflict",
          `Data for this arm of “${input.outcome}” was saved at the same moment. Reload to see it.`,
        );
      throw e;
    });
}

export async function deleteArmOutcome(actor: SessionUser | null, input: { id: string; version: number }) {
  const user = assertRole(actor, "reviewer", "delete outcome data");
  return db().$transaction(async (tx) => {
    const before = await tx.armOutcome.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError("not_found", "This row of outcome data no longer exists.");
    const { count } = await tx.armOutcome.deleteMany({ where: { id: input.id, version: input.version } });
    if (count !== 1)
      throw new AppError("conflict", "Someone changed this row meanwhile. Reload and try again.");
    await audit(tx, {
      actorId: user.id,
      action: "arm_outcome.delete",
      entityType: "arm_outcome",
      entityId: input.id,
      studyId: before.studyId,
      before: record(before),
    });
    return { deleted: true };
  });
}
