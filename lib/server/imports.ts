// The admin's import: read a table (a preview), then write it, reporting progress.
import "server-only";
import type { z } from "zod";
import { allProblems, readEvidenceTable, type EvidenceTable } from "../domain/import/evidence-table";
import { describeAdministrations, describeDose } from "../domain/dose/describe";
import { citationLabel } from "../domain/import/citation";
import { decodeTableBytes, type TextProblem } from "../domain/import/table-text";
import type { ImportPreview } from "../contracts/imports";
import type { ImportFormSchema } from "../validation/import";
import { db } from "./platform/db";
import { importEvidence, type ImportOutcome, type ImportProgress } from "./sql/import-evidence";
import { assertRole, type SessionUser } from "./platform/session-user";

export type ImportForm = z.output<typeof ImportFormSchema>;

export function readUpload(
  actor: SessionUser | null,
  bytes: Uint8Array,
  form: ImportForm,
): { table: EvidenceTable | null; preview: ImportPreview | null; problems: TextProblem[] } {
  assertRole(actor, "admin", "import tables");
  const decoded = decodeTableBytes(bytes);
  if (!decoded.text) return { table: null, preview: null, problems: decoded.problems };
  const table = readEvidenceTable(decoded.text, form.format, { disease: form.disease });
  const problems = [...decoded.problems, ...allProblems(table)];
  const preview: ImportPreview = {
    format: table.format,
    caption: table.caption,
    columns: table.columns,
    ignoredColumns: table.ignoredColumns,
    studies: table.studies.length,
    importable: table.studies.filter((s) => !s.problems.some((p) => p.severity === "error")).length,
    problems: problems.slice(0, 500),
    sample: table.studies.slice(0, 25).map((s) => ({
      line: s.line,
      disease: s.diseaseCode,
      route: s.routeText,
      products: s.products.map((p) => p.rawText).join("; "),
      enrollment: s.enrollment,
      arms: s.arms.map((a) => ({
        n: a.n,
        doseText: a.doseText,
        readAs: a.dose ? describeDose(a.dose) : null,
        refused: a.dose
          ? null
          : a.refusal === "no_dose" || !a.refusal
            ? "no dose given"
            : (a.reason ?? a.refusal),
        administrations: describeAdministrations(a.dose?.administrations ?? null),
      })),
      coAdministered: s.coAdministered.map((c) => `${c.name}${c.doseText ? ` ${c.doseText}` : ""}`),
      citation: citationLabel(s.citation, s.reference),
      registry: s.registry?.id ?? null,
      reference: s.reference,
    })),
  };
  return { table, preview, problems: decoded.problems };
}

export async function runImport(
  actor: SessionUser | null,
  table: EvidenceTable,
  form: ImportForm,
  fileName: string | null,
  onProgress: ImportProgress,
): Promise<ImportOutcome> {
  const admin = assertRole(actor, "admin", "import tables");
  return importEvidence(
    db(),
    {
      sourceName: form.source,
      citation: form.citation,
      fileName,
      format: table.format,
      studies: table.studies,
      problems: table.problems,
      actorId: admin.id,
    },
    onProgress,
  );
}
