// Reads dose–response data from CSV text with dosresmeta's column names — relative risks
// (id, type, dose, cases, n, peryears, logrr, se; lb and ub in place of se) or a continuous
// outcome (id, dose, y, sd, n) — and single-arm data for the across-arm model (id, dose,
// cases, n for proportions; id, dose, y, sd, n for means; an optional arm column). A pure
// function of the text; every problem names its line and column.
import { parseCsv } from "../../import/evidence-table";
import type { ContinuousArm, LogRRArm, LogRRDesign } from "./covariance";

export type ContrastType = LogRRDesign | "md" | "smd";
export type ArmMeasure = "PLO" | "PFT" | "MN";

export interface CsvLocated {
  /** the CSV line the row starts on */
  line: number;
}

export interface LogRRStudyData {
  id: string;
  type: LogRRDesign;
  arms: (LogRRArm & CsvLocated)[];
}

export interface ContinuousStudyData {
  id: string;
  arms: (ContinuousArm & CsvLocated)[];
}

export interface ArmRow extends CsvLocated {
  study: string;
  arm: string;
  dose: number;
  /** events (proportions) */
  cases: number | null;
  n: number;
  /** mean and SD (means) */
  y: number | null;
  sd: number | null;
}

export type DoseResponseData =
  | { kind: "logrr"; studies: LogRRStudyData[] }
  | { kind: "continuous"; studies: ContinuousStudyData[] }
  | { kind: "arms"; measure: ArmMeasure; rows: ArmRow[] };

export interface CsvIssue {
  line: number;
  column: string | null;
  message: string;
}

export class DoseResponseCsvProblem extends Error {
  constructor(readonly issues: CsvIssue[]) {
    super(
      issues
        .slice(0, 20)
        .map((i) => `line ${i.line}${i.column ? `, column ${i.column}` : ""}: ${i.message}`)
        .join("; ") + (issues.length > 20 ? `; and ${issues.length - 20} more` : ""),
    );
  }
}

export interface ReadOptions {
  /** the design (relative risks) when there is no type column, or md / smd for continuous data */
  type?: ContrastType;
  /** read single-arm data for the across-arm model, with this arm-level measure */
  arms?: ArmMeasure;
}

const LOGRR_TYPES: readonly string[] = ["cc", "ci", "ir"];

export function readDoseResponseCsv(text: string, options: ReadOptions = {}): DoseResponseData {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const first = rows[0];
  if (!first || rows.length < 2)
    throw new DoseResponseCsvProblem([
      { line: 1, column: null, message: "the file has no data rows under its header" },
    ]);
  const header = first.cells.map((h) => h.trim().toLowerCase());
  const has = (name: string) => header.includes(name);
  const issues: CsvIssue[] = [];
  const need = (names: string[], why: string) => {
    const absent = names.filter((n) => !has(n));
    if (absent.length)
      issues.push({ line: 1, column: null, message: `the header lacks ${absent.join(", ")} (${why})` });
  };
  need(["id", "dose"], "every layout needs them");
  let kind: DoseResponseData["kind"];
  if (options.arms) {
    kind = "arms";
    if (options.arms === "MN") need(["y", "sd", "n"], "means need y, sd and n");
    else need(["cases", "n"], "proportions need cases and n");
  } else if (has("logrr")) {
    kind = "logrr";
    need(["cases"], "relative risks need cases");
    if (!has("n") && !has("peryears"))
      issues.push({
        line: 1,
        column: null,
        message: "the header lacks n (or peryears for incidence-rate data)",
      });
    if (!has("se") && !(has("lb") && has("ub")))
      issues.push({ line: 1, column: null, message: "the header lacks se (or lb and ub)" });
    if (!has("type") && !(options.type && LOGRR_TYPES.includes(options.type)))
      issues.push({
        line: 1,
        column: null,
        message: "there is no type column: give the design (cc, ci or ir) as an option",
      });
  } else if (has("y") && has("sd")) {
    kind = "continuous";
    need(["n"], "a continuous outcome needs n");
    if (options.type && !["md", "smd"].includes(options.type))
      issues.push({
        line: 1,
        column: null,
        message: `type ${options.type} is for relative risks; these data have y and sd`,
      });
  } else {
    issues.push({
      line: 1,
      column: null,
      message:
        "the columns fit no layout: give logrr and se (relative risks), y, sd and n (a continuous outcome), or choose the across-arm model",
    });
    throw new DoseResponseCsvProblem(issues);
  }
  if (issues.length) throw new DoseResponseCsvProblem(issues);

  const idx = (name: string) => header.indexOf(name);
  const cell = (cells: string[], name: string) => {
    const i = idx(name);
    return i < 0 ? "" : (cells[i] ?? "").trim();
  };
  const missing = (raw: string) => raw === "" || raw.toUpperCase() === "NA";
  const number = (cells: string[], name: string, line: number, required: boolean): number | null => {
    const raw = cell(cells, name);
    if (missing(raw)) {
      if (required) issues.push({ line, column: name, message: "is empty" });
      return null;
    }
    const v = Number(raw);
    if (!Number.isFinite(v)) {
      issues.push({ line, column: name, message: `holds "${raw}", not a number` });
      return null;
    }
    return v;
  };

  const groups = new Map<string, { line: number; cells: string[] }[]>();
  for (const row of rows.slice(1)) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    const id = cell(row.cells, "id");
    if (id === "") {
      issues.push({ line: row.line, column: "id", message: "is empty" });
      continue;
    }
    const list = groups.get(id) ?? [];
    list.push(row);
    groups.set(id, list);
  }

  if (kind === "logrr") {
    const studies: LogRRStudyData[] = [];
    for (const [id, list] of groups) {
      const types = new Set<string>();
      const arms: (LogRRArm & CsvLocated)[] = [];
      let type: LogRRDesign | null = null;
      for (const { line, cells } of list) {
        const rawType = has("type") ? cell(cells, "type").toLowerCase() : (options.type ?? "");
        if (!LOGRR_TYPES.includes(rawType)) {
          issues.push({ line, column: "type", message: `holds "${rawType}"; use cc, ci or ir` });
          continue;
        }
        types.add(rawType);
        type = rawType as LogRRDesign;
        const dose = number(cells, "dose", line, true);
        const cases = number(cells, "cases", line, true);
        const timeCol =
          type === "ir" && has("peryears") && !missing(cell(cells, "peryears")) ? "peryears" : "n";
        const n = has(timeCol) ? number(cells, timeCol, line, true) : null;
        if (n === null && !has(timeCol))
          issues.push({ line, column: "peryears", message: "is needed for ir data" });
        let se = has("se") ? number(cells, "se", line, false) : null;
        if (se === null && has("lb") && has("ub")) {
          const lb = number(cells, "lb", line, false);
          const ub = number(cells, "ub", line, false);
          if (lb !== null && ub !== null && !(lb === 1 && ub === 1)) {
            if (!(lb > 0 && ub > lb))
              issues.push({ line, column: "lb", message: "the interval must have 0 < lb < ub" });
            else se = (Math.log(ub) - Math.log(lb)) / (2 * 1.959963984540054);
          }
        }
        const isRef = se === null || se === 0;
        const logrr = number(cells, "logrr", line, !isRef) ?? 0;
        if (se !== null && se < 0) issues.push({ line, column: "se", message: "is negative" });
        if (isRef && logrr !== 0)
          issues.push({ line, column: "logrr", message: "the reference row (no se) must have logrr 0" });
        if (cases !== null && !(cases > 0))
          issues.push({ line, column: "cases", message: "must be above 0" });
        if (n !== null && cases !== null && type !== "ir" && !(n > cases))
          issues.push({
            line,
            column: "n",
            message: "must exceed the cases (cc: cases + controls; ci: people at risk)",
          });
        if (n !== null && !(n > 0)) issues.push({ line, column: timeCol, message: "must be above 0" });
        if (dose === null || cases === null || n === null) continue;
        arms.push({ line, dose, logrr, se: isRef ? null : se, cases, n });
      }
      const firstLine = list[0]?.line ?? 1;
      if (types.size > 1)
        issues.push({
          line: firstLine,
          column: "type",
          message: `study ${id} mixes designs (${[...types].join(", ")})`,
        });
      const refs = arms.filter((a) => a.se === null).length;
      if (refs !== 1)
        issues.push({
          line: firstLine,
          column: "se",
          message: `study ${id} has ${refs} reference rows (rows with no se); it needs exactly one`,
        });
      if (arms.length < 2)
        issues.push({ line: firstLine, column: null, message: `study ${id} has fewer than 2 rows` });
      if (type) studies.push({ id, type, arms });
    }
    if (issues.length) throw new DoseResponseCsvProblem(issues);
    return { kind, studies };
  }

  if (kind === "continuous") {
    const studies: ContinuousStudyData[] = [];
    for (const [id, list] of groups) {
      const arms: (ContinuousArm & CsvLocated)[] = [];
      for (const { line, cells } of list) {
        const dose = number(cells, "dose", line, true);
        const y = number(cells, "y", line, true);
        const sd = number(cells, "sd", line, true);
        const n = number(cells, "n", line, true);
        if (sd !== null && !(sd > 0)) issues.push({ line, column: "sd", message: "must be above 0" });
        if (n !== null && !(n >= 2)) issues.push({ line, column: "n", message: "must be 2 or more" });
        if (dose === null || y === null || sd === null || n === null) continue;
        arms.push({ line, dose, y, sd, n });
      }
      if (arms.length < 2)
        issues.push({ line: list[0]?.line ?? 1, column: null, message: `study ${id} has fewer than 2 arms` });
      // The reference arm is the one with the lowest dose (dosresmeta takes the first row; the
      // order of the other arms does not change the fit).
      const sorted = arms.map((a, i) => ({ a, i })).sort((x, y) => x.a.dose - y.a.dose || x.i - y.i);
      studies.push({ id, arms: sorted.map((x) => x.a) });
    }
    if (issues.length) throw new DoseResponseCsvProblem(issues);
    return { kind, studies };
  }

  const measure = options.arms ?? "PLO";
  const out: ArmRow[] = [];
  for (const [id, list] of groups) {
    list.forEach(({ line, cells }, k) => {
      const dose = number(cells, "dose", line, true);
      const n = number(cells, "n", line, true);
      const arm = has("arm") && cell(cells, "arm") !== "" ? cell(cells, "arm") : String(k + 1);
      if (measure === "MN") {
        const y = number(cells, "y", line, true);
        const sd = number(cells, "sd", line, true);
        if (sd !== null && !(sd > 0)) issues.push({ line, column: "sd", message: "must be above 0" });
        if (n !== null && !(n >= 1)) issues.push({ line, column: "n", message: "must be 1 or more" });
        if (dose === null || y === null || sd === null || n === null) return;
        out.push({ line, study: id, arm, dose, cases: null, n, y, sd });
      } else {
        const cases = number(cells, "cases", line, true);
        if (cases !== null && n !== null && !(cases >= 0 && cases <= n && n > 0))
          issues.push({ line, column: "cases", message: "must lie between 0 and n" });
        if (dose === null || cases === null || n === null) return;
        out.push({ line, study: id, arm, dose, cases, n, y: null, sd: null });
      }
    });
  }
  if (issues.length) throw new DoseResponseCsvProblem(issues);
  return { kind: "arms", measure, rows: out };
}
