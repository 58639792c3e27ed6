// Bulk import of outcome data per arm from CSV: a preview that names every problem by line, then
// the import itself in one transaction (every row or none), versioned and audited like an edit.
import "server-only";
import type { ArmOutcomeImportPlan, ArmOutcomeImportRow } from "../contracts/arm-outcomes";
import { ARM_OUTCOME_COLUMNS, ARM_OUTCOME_KIND_LABELS, type ArmOutcomeKind } from "../validation/arm-outcome";
import {
  readArmOutcomeCsv,
  type ArmOutcomeCsvRow,
  type ImportArmOutcomesInput,
  type ImportIssue,
} from "../validation/arm-outcome-import";
import { db } from "./platform/db";
import { AppError } from "./platform/errors";
import { assertRole, type SessionUser } from "./platform/session-user";
import { audit } from "./sql/audit";
import type { Tx } from "./sql/client";

const MAX_LISTED = 12;

/** A dose as people write it, compared without spaces (thin or not), case, or x for ×. */
const doseKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s\u2009\u202f\u00a0]+/g, "")
    .replace(/(\d)x(\d)/g, "$1×$2");
const REFERENCE_KEY = /^(reference|ref|control|0)$/i;

interface StudyMatch {
  id: string;
  label: string;
  arms: { id: string; position: number; doseText: string }[];
}

/** Every key a study may be named by in a file: its row key, its reference with and without brackets, its registry id. */
function studyKeys(s: { rowKey: string; reference: string | null; registryText: string | null }): string[] {
  const keys = [s.rowKey];
  if (s.reference) keys.push(s.reference, s.reference.replace(/^\[(.*)\]$/, "$1"));
  if (s.registryText && /^[A-Z]{2,}[-\d]/i.test(s.registryText)) keys.push(s.registryText.toUpperCase());
  return keys;
}

async function lookUpStudies(tx: Tx, names: string[]): Promise<Map<string, StudyMatch[]>> {
  const wanted = new Set(names);
  const variants = [
    ...names,
    ...names.filter((n) => /^\d+$/.test(n)).map((n) => `[${n}]`),
    ...names.map((n) => n.toUpperCase()),
  ];
  const studies = await tx.study.findMany({
    where: {
      OR: [
        { rowKey: { in: names } },
        { reference: { in: variants } },
        { registryText: { in: variants, mode: "insensitive" } },
      ],
    },
    select: {
      id: true,
      rowKey: true,
      reference: true,
      registryText: true,
      arms: { select: { id: true, position: true, doseText: true }, orderBy: { position: "asc" } },
    },
  });
  const byKey = new Map<string, StudyMatch[]>();
  for (const s of studies) {
    const match = { id: s.id, label: s.reference ?? s.rowKey, arms: s.arms };
    for (const key of new Set(studyKeys(s)))
      for (const name of [key, key.toUpperCase()])
        if (wanted.has(name) && !(byKey.get(name) ?? []).some((m) => m.id === s.id))
          byKey.set(name, [...(byKey.get(name) ?? []), match]);
  }
  return byKey;
}

function resolveArm(
  study: StudyMatch,
  key: string,
): { armId: string | null; label: string } | { error: string } {
  if (REFERENCE_KEY.test(key)) return { armId: null, label: "reference arm" };
  if (/^\d+$/.test(key)) {
    const arm = study.arms.find((a) => a.position + 1 === Number(key));
    return arm
      ? { armId: arm.id, label: `arm ${key} (${arm.doseText})` }
      : { error: `${study.label} has no arm ${key} (it has ${study.arms.length})` };
  }
  const same = study.arms.filter((a) => doseKey(a.doseText) === doseKey(key));
  if (same.length === 1)
    return { armId: same[0]!.id, label: `arm ${same[0]!.position + 1} (${same[0]!.doseText})` };
  if (same.length > 1)
    return { error: `${study.label} has ${same.length} arms dosed "${key}": give the arm number` };
  return {
    error: `${study.label} has no arm dosed "${key}" (its arms: ${study.arms.map((a, i) => `${i + 1} ${a.doseText}`).join("; ")})`,
  };
}

interface Planned extends ArmOutcomeImportRow {
  row: ArmOutcomeCsvRow;
  studyId: string;
  armId: string | null;
  existing: { id: string; version: number } | null;
}

async function plan(tx: Tx, csv: string): Promise<{ planned: Planned[]; problems: ImportIssue[] }> {
  const { rows, issues } = readArmOutcomeCsv(csv);
  const problems = [...issues];
  const studies = await lookUpStudies(tx, [...new Set(rows.map((r) => r.study))]);
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const matches = studies.get(row.study) ?? studies.get(row.study.toUpperCase()) ?? [];
    if (matches.length !== 1) {
      problems.push({
        line: row.line,
        column: "study",
        message:
          matches.length === 0
            ? `no study has the row key, reference or registry id "${row.study}"`
            : `"${row.study}" names ${matches.length} studies (${matches.map((m) => m.label).join(", ")}): use the reference`,
      });
      continue;
    }
    const study = matches[0]!;
    const arm = resolveArm(study, row.arm);
    if ("error" in arm) {
      problems.push({ line: row.line, column: "arm", message: arm.error });
      continue;
    }
    const key = `${study.id}\u0000${row.outcome}\u0000${arm.armId ?? ""}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        line: row.line,
        column: "arm",
        message: `line ${earlier} already gives ${arm.label} of ${study.label} for “${row.outcome}”`,
      });
      continue;
    }
    seen.set(key, row.line);
    planned.push({
      line: row.line,
      study: study.label,
      arm: arm.label,
      outcome: row.outcome,
      kind: row.kind,
      action: "create",
      row,
      studyId: study.id,
      armId: arm.armId,
      existing: null,
    });
  }
  if (planned.length) {
    const existing = await tx.armOutcome.findMany({
      where: {
        studyId: { in: [...new Set(planned.map((p) => p.studyId))] },
        outcome: { in: [...new Set(planned.map((p) => p.outcome))] },
      },
    });
    const byKey = new Map(existing.map((e) => [`${e.studyId}\u0000${e.outcome}\u0000${e.armId ?? ""}`, e]));
    // The kind of each study's outcome: the file's rows with what they leave in place must agree.
    const kinds = new Map<string, { kind: ArmOutcomeKind; line: number | null }>();
    for (const e of existing) kinds.set(`${e.studyId}\u0000${e.outcome}`, { kind: e.kind, line: null });
    const replaced = new Set<string>();
    for (const p of planned) {
      const e = byKey.get(`${p.studyId}\u0000${p.outcome}\u0000${p.armId ?? ""}`);
      if (!e) continue;
      replaced.add(e.id);
      p.existing = { id: e.id, version: e.version };
      const same =
        e.kind === p.kind &&
        e.notes === p.row.notes &&
        ARM_OUTCOME_COLUMNS.every((c) => e[c] === p.row.values[c]);
      p.action = same ? "unchanged" : "update";
    }
    const kept = existing.filter((e) => !replaced.has(e.id));
    for (const p of planned) {
      const group = `${p.studyId}\u0000${p.outcome}`;
      const inPlace = kept.find((e) => `${e.studyId}\u0000${e.outcome}` === group && e.kind !== p.kind);
      const fileKind = kinds.get(group);
      if (inPlace)
        problems.push({
          line: p.line,
          column: "kind",
          message: `${p.study} already holds ${ARM_OUTCOME_KIND_LABELS[inPlace.kind].toLowerCase()} for “${p.outcome}”: give every arm the same kind`,
        });
      else if (fileKind && fileKind.line !== null && fileKind.kind !== p.kind)
        problems.push({
          line: p.line,
          column: "kind",
          message: `line ${fileKind.line} gives ${ARM_OUTCOME_KIND_LABELS[fileKind.kind].toLowerCase()} for “${p.outcome}” of ${p.study}: give every arm the same kind`,
        });
      else if (!fileKind || fileKind.line === null) kinds.set(group, { kind: p.kind, line: p.line });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { planned, problems };
}

const summary = (planned: Planned[]): ArmOutcomeImportPlan["counts"] => ({
  create: planned.filter((p) => p.action === "create").length,
  update: planned.filter((p) => p.action === "update").length,
  unchanged: planned.filter((p) => p.action === "unchanged").length,
});

const publicRow = ({ line, study, arm, outcome, kind, action }: Planned): ArmOutcomeImportRow => ({
  line,
  study,
  arm,
  outcome,
  kind,
  action,
});

/** What an import of the file would do, and every problem by line; nothing is written. */
export async function previewArmOutcomeImport(
  actor: SessionUser | null,
  csv: string,
): Promise<ArmOutcomeImportPlan> {
  assertRole(actor, "reviewer", "import outcome data");
  const { planned, problems } = await db().$transaction((tx) => plan(tx, csv));
  return { rows: planned.map(publicRow), problems, counts: summary(planned), imported: false };
}

/** Checks the file as the preview does and writes every row, or nothing when any problem is found. */
export async function importArmOutcomes(actor: SessionUser | null, input: ImportArmOutcomesInput) {
  if (input.mode === "preview") return previewArmOutcomeImport(actor, input.csv);
  const user = assertRole(actor, "reviewer", "import outcome data");
  return db().$transaction(async (tx) => {
    const { planned, problems } = await plan(tx, input.csv);
    if (problems.length) {
      const listed = problems
        .slice(0, MAX_LISTED)
        .map((p) => `line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.message}`);
      const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : "";
      throw new AppError("invalid", `Nothing was imported. ${listed.join("; ")}${more}.`);
    }
    for (const p of planned) {
      if (p.action === "unchanged") continue;
      const data = { kind: p.kind, notes: p.row.notes, ...p.row.values };
      if (!p.existing) {
        const created = await tx.armOutcome.create({
          data: { ...data, studyId: p.studyId, armId: p.armId, outcome: p.outcome, createdById: user.id },
        });
        await audit(tx, {
          actorId: user.id,
          action: "arm_outcome.create",
          entityType: "arm_outcome",
          entityId: created.id,
          studyId: p.studyId,
          after: { ...auditRecord(created), importedFromLine: p.line },
        });
        continue;
      }
      const before = await tx.armOutcome.findUniqueOrThrow({ where: { id: p.existing.id } });
      const { count } = await tx.armOutcome.updateMany({
        where: { id: p.existing.id, version: p.existing.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError(
          "conflict",
          `Someone changed ${p.arm} of ${p.study} for “${p.outcome}” during the import (line ${p.line}). Nothing was imported; try again.`,
        );
      const after = await tx.armOutcome.findUniqueOrThrow({ where: { id: p.existing.id } });
      await audit(tx, {
        actorId: user.id,
        action: "arm_outcome.update",
        entityType: "arm_outcome",
        entityId: after.id,
        studyId: p.studyId,
        before: auditRecord(before),
        after: { ...auditRecord(after), importedFromLine: p.line },
      });
    }
    return { rows: planned.map(publicRow), problems: [], counts: summary(planned), imported: true };
  });
}

function auditRecord(r: {
  studyId: string;
  armId: string | null;
  outcome: string;
  kind: string;
  notes: string;
  version: number;
  cases: number | null;
  n: number | null;
  mean: number | null;
  sd: number | null;
  personTime: number | null;
}) {
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
