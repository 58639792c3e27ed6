// Reads a CSV of outcome data per arm for a bulk import: a study key (row key, reference or
// registry id), an arm key (arm number, dose as written, or "reference" for the control arm at
// dose 0), the outcome, and the values under dosresmeta's (or escalc's) column names. A pure
// function of the text: every problem names its line and column; nothing here looks studies up.
import { z } from "zod";
import { parseCsv } from "../domain/csv";
import { ArmOutcomeValuesSchema, type ArmOutcomeField, type ArmOutcomeKind } from "./arm-outcome";
import { MAX_FIELD_CHARACTERS } from "./common";

/** Column names read for each field, first the dosresmeta one. */
const COLUMNS = {
  study: ["study", "id", "reference", "registry", "row_key"],
  arm: ["arm", "dose"],
  outcome: ["outcome"],
  kind: ["kind"],
  cases: ["cases", "xi", "events"],
  n: ["n", "ni", "total"],
  mean: ["y", "mean", "mi"],
  sd: ["sd", "sdi"],
  personTime: ["peryears", "person_time", "ti"],
  notes: ["notes"],
} as const;
type Column = keyof typeof COLUMNS;

export interface ImportIssue {
  line: number;
  column: string | null;
  message: string;
}

export interface ArmOutcomeCsvRow {
  line: number;
  study: string;
  arm: string;
  outcome: string;
  notes: string;
  kind: ArmOutcomeKind;
  values: Record<ArmOutcomeField, number | null>;
}

/** No more rows than a form field holds anyway (at most 20,000 characters: some 400 arms). */
export const MAX_IMPORT_ROWS = 5_000;

/** The kind a row's filled columns say, when the file has no kind column. */
function inferKind(cells: Partial<Record<string, string>>): ArmOutcomeKind | null {
  if (cells.personTime) return "rate";
  if (cells.mean || cells.sd) return "means";
  if (cells.cases || cells.n) return "events";
  return null;
}

export function readArmOutcomeCsv(text: string): { rows: ArmOutcomeCsvRow[]; issues: ImportIssue[] } {
  const all = parseCsv(text.replace(/^\uFEFF/, ""));
  const table = all.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const first = table[0];
  const issues: ImportIssue[] = [];
  if (!first || table.length < 2)
    return {
      rows: [],
      issues: [{ line: 1, column: null, message: "the file has no rows under its header" }],
    };
  const header = first.cells.map((h) => h.trim().toLowerCase());
  const index: Partial<Record<Column, { at: number; name: string }>> = {};
  for (const [field, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const found = names.filter((n) => header.includes(n));
    if (found.length > 1)
      issues.push({
        line: first.line,
        column: found.join(", "),
        message: `give one of the columns ${found.join(", ")}, not several`,
      });
    const name = found[0];
    if (name) index[field] = { at: header.indexOf(name), name };
  }
  for (const need of ["study", "arm", "outcome"] as const)
    if (!index[need])
      issues.push({
        line: first.line,
        column: null,
        message: `the header needs a ${COLUMNS[need][0]} column (or ${COLUMNS[need].slice(1).join(", ")})`,
      });
  if (!index.cases && !index.n && !index.mean && !index.personTime)
    issues.push({
      line: first.line,
      column: null,
      message: "the header names no values: cases and n, y (mean), sd and n, or cases and peryears",
    });
  if (issues.length) return { rows: [], issues };
  if (table.length - 1 > MAX_IMPORT_ROWS)
    return {
      rows: [],
      issues: [{ line: first.line, column: null, message: `at most ${MAX_IMPORT_ROWS} rows in one import` }],
    };
  const rows: ArmOutcomeCsvRow[] = [];
  for (const r of table.slice(1)) {
    const cells = Object.fromEntries(
      (Object.keys(index) as Column[]).map((f) => [f, (r.cells[index[f]!.at] ?? "").trim()]),
    ) as Partial<Record<Column, string>>;
    const col = (f: Column) => index[f]?.name ?? f;
    const before = issues.length;
    for (const need of ["study", "arm", "outcome"] as const)
      if (!cells[need]) issues.push({ line: r.line, column: col(need), message: "is empty" });
    if ((cells.outcome ?? "").length > 120)
      issues.push({ line: r.line, column: col("outcome"), message: "use at most 120 characters" });
    const kindText = cells.kind?.toLowerCase();
    const kind = kindText || inferKind(cells);
    const parsed = ArmOutcomeValuesSchema.safeParse({
      kind: kind ?? "",
      cases: cells.cases ?? "",
      n: cells.n ?? "",
      mean: cells.mean ?? "",
      sd: cells.sd ?? "",
      personTime: cells.personTime ?? "",
    });
    if (!kind) issues.push({ line: r.line, column: null, message: "holds no values" });
    else if (!parsed.success)
      for (const i of parsed.error.issues) {
        const field = String(i.path[0] ?? "");
        issues.push({
          line: r.line,
          column: field in COLUMNS ? col(field as Column) : null,
          message: field === "kind" ? `"${kindText}" is not events, means or rate` : i.message,
        });
      }
    if (issues.length > before || !parsed.success) continue;
    const { kind: k, ...values } = parsed.data;
    rows.push({
      line: r.line,
      study: cells.study!,
      arm: cells.arm!,
      outcome: cells.outcome!,
      notes: (cells.notes ?? "").slice(0, 1000),
      kind: k,
      values,
    });
  }
  return { rows, issues };
}

export const ImportArmOutcomesSchema = z.object({
  csv: z
    .string({ error: "Choose or paste a CSV file" })
    .max(MAX_FIELD_CHARACTERS, `The file is over ${MAX_FIELD_CHARACTERS.toLocaleString("en")} characters`)
    .refine((s) => s.trim() !== "", "Choose or paste a CSV file"),
  /** "preview" checks and lists what would change; "import" writes it, all or nothing. */
  mode: z.enum(["preview", "import"]).default("preview"),
});
export type ImportArmOutcomesInput = z.output<typeof ImportArmOutcomesSchema>;
