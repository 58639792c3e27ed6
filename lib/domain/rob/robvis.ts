// Risk-of-bias summary tables in robvis's layout (McGuinness & Higgins, Res Synth Methods 2021):
// `Study, D1, …, Dn, Overall, Weight`, one row per study, judgements in robvis's words. Reviewers
// can take the file to R (robvis::rob_traffic_light, rob_summary) and bring robvis files in.
//
// robvis reads columns by position, not name: Study, the n domains, then Overall (unless
// overall = FALSE) and Weight (only for rob_summary(weighted = TRUE); rob_traffic_light wants the
// file without it). It reads a judgement by the initials of its words ("Some concerns" → s), so
// it accepts e.g. "Low risk" too; we accept the exact words and "… risk" / "… risk of bias".
import { csvLine, isBlank, parseCsv, readCell } from "./csv";
import { domainColumns, getTool } from "./tools";
import type { Judgment, ToolId } from "./types";

type RobvisTool = "ROB2" | "ROBINS-I" | "Generic";

/** robvis's judgement words per template (R/helpers.R, get_judgements). */
export const ROBVIS_WORDS: Record<RobvisTool, Partial<Record<Judgment, string>>> = {
  ROB2: { low: "Low", some_concerns: "Some concerns", high: "High", no_information: "No information" },
  "ROBINS-I": {
    low: "Low",
    moderate: "Moderate",
    serious: "Serious",
    critical: "Critical",
    no_information: "No information",
  },
  Generic: {
    low: "Low",
    some_concerns: "Some concerns",
    moderate: "Moderate",
    high: "High",
    no_information: "No information",
    not_applicable: "Not applicable",
  },
};

/** robvis's Generic template also has "Unclear"; we read it as some concerns (JBI's Unclear). */
const GENERIC_ALIASES: Record<string, Judgment> = { unclear: "some_concerns" };

export interface RobvisRow {
  study: string;
  /** Judgement per domain id ("D1"); null = empty cell (not assessed). */
  domains: Partial<Record<string, Judgment | null>>;
  overall: Judgment | null;
  weight: number | null;
}

export interface RobvisProblem {
  line: number;
  column: string | null;
  message: string;
}

export class RobvisCsvError extends Error {
  constructor(readonly problems: RobvisProblem[]) {
    super(
      problems.map((p) => `line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.message}`).join("\n"),
    );
  }
}

function robvisTool(tool: ToolId): RobvisTool {
  return getTool(tool).robvis;
}

/** Writes the rows; `weight` defaults to whether any row has one. */
export function writeRobvisCsv(
  tool: ToolId,
  rows: readonly RobvisRow[],
  options: { overall?: boolean; weight?: boolean } = {},
): string {
  const words = ROBVIS_WORDS[robvisTool(tool)];
  const domains = domainColumns(tool);
  const overall = options.overall ?? true;
  const weight = options.weight ?? rows.some((r) => r.weight !== null);
  const word = (j: Judgment | null | undefined, study: string, column: string) => {
    if (j === null || j === undefined) return "";
    const w = words[j];
    if (!w)
      throw new Error(`${study}, ${column}: robvis's ${robvisTool(tool)} template has no word for ${j}`);
    return w;
  };
  const header = [
    "Study",
    ...domains.map((d) => d.id),
    ...(overall ? ["Overall"] : []),
    ...(weight ? ["Weight"] : []),
  ];
  const lines = rows.map((r) =>
    csvLine([
      r.study,
      ...domains.map((d) => word(r.domains[d.id], r.study, d.id)),
      ...(overall ? [word(r.overall, r.study, "Overall")] : []),
      ...(weight ? [r.weight] : []),
    ]),
  );
  return [csvLine(header), ...lines].join("\n") + "\n";
}

export interface RobvisTable {
  rows: RobvisRow[];
  hasOverall: boolean;
  hasWeight: boolean;
}

/** Reads a robvis table; every problem is named by line and column (thrown as RobvisCsvError). */
export function readRobvisCsv(text: string, tool: ToolId): RobvisTable {
  const rt = robvisTool(tool);
  const words = ROBVIS_WORDS[rt];
  const byWord = new Map<string, Judgment>();
  for (const [j, w] of Object.entries(words) as [Judgment, string][]) byWord.set(w.toLowerCase(), j);
  if (rt === "Generic") for (const [w, j] of Object.entries(GENERIC_ALIASES)) byWord.set(w, j);
  const allowed = Object.values(words).join(", ");
  const domains = domainColumns(tool);
  const n = domains.length;

  const rows = parseCsv(text).filter((r) => !isBlank(r));
  const header = rows[0];
  if (!header) throw new RobvisCsvError([{ line: 1, column: null, message: "the file is empty" }]);
  const names = header.cells.map((c) => readCell(c));
  const extra = names.slice(n + 1).map((c) => c.toLowerCase());
  const hasOverall = extra[0] === "overall";
  const hasWeight = extra[hasOverall ? 1 : 0] === "weight";
  const expected = n + 1 + (hasOverall ? 1 : 0) + (hasWeight ? 1 : 0);
  const layout = `Study, ${domains[0]!.id}–${domains[n - 1]!.id}, then Overall and/or Weight`;
  if (names.length !== expected) {
    throw new RobvisCsvError([
      {
        line: header.line,
        column: null,
        message: `expected ${layout} (${n + 1}–${n + 3} columns for ${rt}); found ${names.length}: ${names.join(", ")}`,
      },
    ]);
  }
  if (names[0]!.toLowerCase() !== "study") {
    throw new RobvisCsvError([
      { line: header.line, column: "1", message: `the first column must be Study, not "${names[0]}"` },
    ]);
  }
  const problems: RobvisProblem[] = [];
  const colName = (i: number) => `${i + 1} (${names[i] ?? "?"})`;
  const judgment = (raw: string, line: number, i: number): Judgment | null => {
    if (raw === "") return null;
    const key = raw
      .toLowerCase()
      .replace(/\s+/g, " ")
      .replace(/ risk( of bias)?$/, "");
    const j = byWord.get(key);
    if (!j)
      problems.push({
        line,
        column: colName(i),
        message: `"${raw}" is not a robvis ${rt} judgement (use ${allowed})`,
      });
    return j ?? null;
  };
  const seen = new Map<string, number>();
  const out: RobvisRow[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length !== expected) {
      problems.push({
        line: row.line,
        column: null,
        message: `${row.cells.length} cells, but the header has ${expected}`,
      });
      continue;
    }
    const cells = row.cells.map((c) => readCell(c));
    const study = cells[0]!;
    if (study === "") problems.push({ line: row.line, column: colName(0), message: "the study has no name" });
    const before = seen.get(study);
    if (study !== "" && before !== undefined) {
      problems.push({
        line: row.line,
        column: colName(0),
        message: `"${study}" is already on line ${before}`,
      });
    }
    seen.set(study, row.line);
    const ds: RobvisRow["domains"] = {};
    domains.forEach((d, i) => (ds[d.id] = judgment(cells[i + 1]!, row.line, i + 1)));
    const overall = hasOverall ? judgment(cells[n + 1]!, row.line, n + 1) : null;
    let weight: number | null = null;
    if (hasWeight) {
      const raw = cells[expected - 1]!;
      const w = Number(raw);
      if (raw === "") weight = null;
      else if (!Number.isFinite(w) || w < 0) {
        problems.push({
          line: row.line,
          column: colName(expected - 1),
          message: `"${raw}" is not a weight (a number ≥ 0)`,
        });
      } else weight = w;
    }
    out.push({ study, domains: ds, overall, weight });
  }
  if (problems.length > 0) throw new RobvisCsvError(problems);
  return { rows: out, hasOverall, hasWeight };
}
