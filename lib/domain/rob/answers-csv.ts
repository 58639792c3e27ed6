// Reads a CSV of signalling-question answers — a Study column, an optional variant column, and
// one column per question id ("1.1", "1.2", …; JBI "1" … "10") — into validated assessments, one
// per row. Used by `scripts/rob.ts`; every problem is named by line and column.
import type { AssessmentInput } from "./assess";
import { AssessmentInputSchema } from "./assess-schemas";
import { isBlank, parseCsv, readCell } from "./csv";
import { getTool, toolDomains } from "./tools";
import { VARIANTS, type ToolId, type Variant } from "./types";

export interface AnswersRow {
  line: number;
  study: string;
  input: AssessmentInput;
}

export interface AnswersProblem {
  line: number;
  column: string | null;
  message: string;
}

/** Answer words a spreadsheet may hold, to the tool's codes. */
const WORDS: Record<string, string> = {
  YES: "Y",
  "PROBABLY YES": "PY",
  "PROBABLY NO": "PN",
  NO: "N",
  "NO INFORMATION": "NI",
  "NOT APPLICABLE": "NA",
  "N/A": "NA",
  UNCLEAR: "U",
};

function normaliseAnswer(raw: string): string {
  const up = raw.trim().toUpperCase().replace(/\s+/g, " ");
  return WORDS[up] ?? up;
}

export function readAnswersCsv(
  text: string,
  tool: ToolId,
  options: { variant?: Variant } = {},
): { rows: AnswersRow[]; problems: AnswersProblem[] } {
  const def = getTool(tool);
  const problems: AnswersProblem[] = [];
  const rows = parseCsv(text).filter((r) => !isBlank(r));
  const header = rows[0];
  if (!header) return { rows: [], problems: [{ line: 1, column: null, message: "the file is empty" }] };

  const variants: (Variant | null)[] = def.variants.length > 0 ? [...def.variants] : [null];
  const questionIds = new Set(
    variants.flatMap((v) => toolDomains(tool, v).flatMap((d) => d.questions.map((q) => q.id))),
  );
  let studyCol = -1;
  let variantCol = -1;
  const questionCols: { index: number; id: string }[] = [];
  header.cells.forEach((raw, index) => {
    const name = readCell(raw);
    const lower = name.toLowerCase();
    // JBI items may be headed "Q1" as in the checklist.
    const id = tool === "jbi-case-series" ? name.replace(/^q/i, "") : name;
    if (lower === "study") studyCol = index;
    else if (lower === "variant") variantCol = index;
    else if (questionIds.has(id)) questionCols.push({ index, id });
    else {
      problems.push({
        line: header.line,
        column: name || `${index + 1}`,
        message: `"${name}" is neither Study, variant nor a signalling question of ${def.name}`,
      });
    }
  });
  if (studyCol < 0)
    problems.push({ line: header.line, column: null, message: "the header has no Study column" });
  if (def.variants.length === 0 && variantCol >= 0) {
    problems.push({ line: header.line, column: "variant", message: `${def.name} has no variants` });
  }
  if (problems.length > 0) return { rows: [], problems };

  const out: AnswersRow[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length > header.cells.length) {
      problems.push({
        line: row.line,
        column: null,
        message: `${row.cells.length} cells, but the header has ${header.cells.length}`,
      });
      continue;
    }
    const study = readCell(row.cells[studyCol]);
    if (study === "") problems.push({ line: row.line, column: "Study", message: "the study has no name" });
    let variant: Variant | null = null;
    if (def.variants.length > 0) {
      const raw = variantCol >= 0 ? readCell(row.cells[variantCol]).toLowerCase() : "";
      if (raw !== "") {
        const v = VARIANTS.find((x) => x === raw);
        if (!v) {
          problems.push({
            line: row.line,
            column: "variant",
            message: `"${raw}" is not a variant (use assignment or adhering)`,
          });
          continue;
        }
        variant = v;
      } else if (options.variant) variant = options.variant;
      else {
        problems.push({
          line: row.line,
          column: variantCol >= 0 ? "variant" : null,
          message: "no variant: give --variant assignment|adhering or fill the variant column",
        });
        continue;
      }
    }
    const answers: Record<string, string> = {};
    for (const { index, id } of questionCols) {
      const raw = readCell(row.cells[index]);
      if (raw !== "") answers[id] = normaliseAnswer(raw);
    }
    const parsed = AssessmentInputSchema.safeParse({ tool, variant, answers });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column =
          issue.path[0] === "answers" && typeof issue.path[1] === "string" ? issue.path[1] : null;
        problems.push({ line: row.line, column, message: issue.message });
      }
      continue;
    }
    out.push({ line: row.line, study, input: parsed.data });
  }
  return { rows: out, problems };
}
