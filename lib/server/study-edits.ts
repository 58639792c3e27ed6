// Reviewers' corrections of a study: its fields and each arm's n and dose, the dose read and
// normalised again on save. Versioned (a save against a stale version is refused with what the
// other person changed) and audited; the importer keeps corrected studies and reports them.
import "server-only";
import { describeChanges } from "../domain/audit-text";
import { armsOfCell } from "../domain/import/evidence-table";
import { splitRoutes } from "../domain/vocabulary";
import { audit } from "./sql/audit";
import { notifyCorrectionOverride } from "./sql/team";
import { db } from "./platform/db";
import { AppError } from "./platform/errors";
import { doseColumns } from "./sql/import-evidence";
import type { Tx } from "./sql/client";
import { assertRole, type SessionUser } from "./platform/session-user";
import type { EditStudyInput } from "../validation/study";

async function snapshot(tx: Tx, id: string) {
  const s = await tx.study.findUnique({
    where: { id },
    select: {
      id: true,
      version: true,
      enrollment: true,
      routeText: true,
      outcome: true,
      reference: true,
      disease: true,
      firstAuthor: true,
      publicationYear: true,
      title: true,
      journal: true,
      doi: true,
      pmid: true,
      design: true,
      updatedAt: true,
      arms: { orderBy: { position: "asc" }, select: { id: true, n: true, doseText: true } },
    },
  });
  if (!s) throw new AppError("not_found", "This study no longer exists.");
  return s;
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

const record = (s: Snapshot) => ({
  enrollment: s.enrollment,
  routeText: s.routeText,
  outcome: s.outcome,
  reference: s.reference,
  firstAuthor: s.firstAuthor,
  publicationYear: s.publicationYear,
  title: s.title,
  journal: s.journal,
  doi: s.doi,
  pmid: s.pmid,
  design: s.design,
  arms: s.arms.map((a) => `${a.n ?? "?"} × ${a.doseText}`),
});

export async function editStudy(actor: SessionUser | null, input: EditStudyInput) {
  const user = assertRole(actor, "reviewer", "correct studies");
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, input.id);
    if (before.version !== input.version) {
      const last = await tx.auditEvent.findFirst({
        where: { entityType: "study", entityId: input.id, action: "study.update" },
        orderBy: { id: "desc" },
        select: { before: true, after: true, actor: { select: { name: true } } },
      });
      const changes = last ? describeChanges(last.before, last.after) : [];
      throw new AppError(
        "conflict",
        `${last?.actor?.name ?? "Someone"} corrected this study after you opened it (now version ${before.version})${
          changes.length ? `: ${changes.join("; ")}` : ""
        }. Nothing was saved. Your values are still in the form: reload to see theirs, then apply yours again.`,
      );
    }
    const previous = await tx.study.findUnique({ where: { id: input.id }, select: { editedById: true } });
    const armText = new Map(before.arms.map((a) => [a.id, a.doseText]));
    const context = { route: input.routeText, disease: before.disease };
    const readings = new Map<string, ReturnType<typeof armsOfCell>["arms"][number]>();
    for (const arm of input.arms) {
      if (!armText.has(arm.id))
        throw new AppError("conflict", "An arm of this study was changed by an import. Reload.");
      // A dose left as it was keeps its reading, which may rest on its table's column header
      // (the unit) or frequency column; only a changed dose is read again, from its own text.
      if (armText.get(arm.id) === arm.doseText) continue;
      const read = armsOfCell(arm.doseText, context, null).arms;
      if (read.length > 1) {
        throw new AppError(
          "invalid",
          `Arm “${arm.doseText.slice(0, 80)}”: one dose per arm, please (this reads as ${read.length} doses).`,
        );
      }
      readings.set(arm.id, read[0]!);
    }
    const { count } = await tx.study.updateMany({
      where: { id: input.id, version: input.version },
      data: {
        enrollment: input.enrollment,
        routeText: input.routeText,
        routes: splitRoutes(input.routeText),
        outcome: input.outcome,
        reference: input.reference || null,
        firstAuthor: input.firstAuthor || null,
        publicationYear: input.year,
        title: input.title || null,
        journal: input.journal || null,
        doi: input.doi || null,
        pmid: input.pmid || null,
        design: input.design,
        editedAt: new Date(),
        editedById: user.id,
        version: { increment: 1 },
      },
    });
    if (count !== 1)
      throw new AppError("conflict", "This study was corrected at the same moment. Reload and try again.");
    for (const arm of input.arms) {
      const reading = readings.get(arm.id);
      if (!reading) {
        await tx.doseArm.update({ where: { id: arm.id }, data: { n: arm.n } });
        continue;
      }
      const d = doseColumns(reading);
      await tx.doseArm.update({
        where: { id: arm.id },
        data: {
          n: arm.n,
          doseText: d.dose_text,
          basis: d.basis,
          doseLow: d.dose_low,
          doseHigh: d.dose_high,
          doseMid: d.dose_mid,
          doseSd: d.dose_sd,
          lowerBound: d.lower_bound,
          parseProblem: d.parse_problem,
          doseForm: d.dose_form,
          doseCentral: d.dose_central,
          approximate: d.approximate,
          label: d.label,
          administrations: d.administrations,
          schedule: d.schedule,
          doseRefusal: d.dose_refusal,
          doseNote: d.dose_note,
          doseAssumptions: d.dose_assumptions,
        },
      });
    }
    const after = await snapshot(tx, input.id);
    await audit(tx, {
      actorId: user.id,
      action: "study.update",
      entityType: "study",
      entityId: input.id,
      studyId: input.id,
      before: record(before),
      after: record(after),
    });
    await notifyCorrectionOverride(tx, {
      actor: user,
      studyId: input.id,
      previousEditorId: previous?.editedById ?? null,
      changes: describeChanges(record(before), record(after)),
    });
    return { version: after.version };
  });
}
