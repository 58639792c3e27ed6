// Reads review tables into studies, cell products, dose arms and co-administered cells: the
// seed's pasted web table (one line per study, continuation lines, a footnote of abbreviations)
// and CSV, TSV and Markdown/pipe tables with a header row whose columns are mapped by name.
// Pure: no I/O. Every value the database would refuse is a problem naming line and field here,
// so the preview is the import.
import { MAX_COUNT, type TableProblem } from "./cells";
import { readDelimited } from "./delimited-table";
import { fieldOfHeader, type StudyField } from "./headers";
import { readSeed } from "./seed-table";
import type { EvidenceTable, ReadOptions, StudyReading, TableFormat } from "./types";

export { parseCsv } from "../csv";
export * from "./types";
export { armsOfCell, doseProblems } from "./arms";
export const TABLE_FORMATS: TableFormat[] = ["seed", "csv", "tsv", "md"];

/** Guesses the format from the first lines that look like a header. */
export function detectFormat(text: string): TableFormat {
  const lines = text
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, 30);
  if (lines.some((l) => (l.match(/\t/g) ?? []).length >= 2)) return "tsv";
  if (lines.some((l) => /^\s*\|?\s*:?-{3,}/.test(l) && l.includes("|"))) return "md";
  if (lines.some((l) => (l.match(/\|/g) ?? []).length >= 3)) return "md";
  const headerish = (l: string) => l.split(",").filter((c) => fieldOfHeader(c) !== null).length >= 2;
  if (lines.some(headerish)) return "csv";
  return "seed";
}

export function readEvidenceTable(
  text: string,
  format?: TableFormat,
  options: ReadOptions = {},
): EvidenceTable {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const chosen = format ?? detectFormat(normalised);
  const table =
    chosen === "seed" ? readSeed(normalised.split("\n")) : readDelimited(normalised, chosen, options);
  for (const study of table.studies) study.problems.push(...limitProblems(study), ...plausibility(study));
  return table;
}

/**
 * The most a study may hold in the cells that the database keeps in one index row (PostgreSQL
 * caps an index row at 2,704 bytes): the Disease and Route cells in bytes of UTF-8 (one per plain
 * letter, up to four for other scripts), and the number of dose arms. Far beyond any real table.
 */
/** The largest values a study may have: what the database stores, and what a reviewer's
 * correction accepts (lib/validation/study.ts), so that every imported study can be corrected. */
export const STUDY_LIMITS = {
  diseaseBytes: 200,
  routeBytes: 200,
  arms: 50,
  outcome: 4000,
  reference: 200,
  firstAuthor: 120,
  title: 500,
  journal: 200,
} as const;

export const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Values the database would refuse, named before anything is written. */
function limitProblems(s: StudyReading): TableProblem[] {
  const problems: TableProblem[] = [];
  const error = (field: StudyField, message: string) =>
    problems.push({ line: s.line, field, severity: "error", message });
  const tooLong = (field: StudyField, label: string, text: string, max: number) => {
    const bytes = utf8Length(text);
    if (bytes > max)
      error(
        field,
        bytes === text.length
          ? `The ${label} cell is too long: ${bytes} characters, at most ${max}.`
          : `The ${label} cell is too long: ${text.length} characters taking ${bytes} bytes, at most ${max} bytes (accented and non-Latin letters take 2 to 4).`,
      );
  };
  tooLong("disease", "Disease", s.diseaseCode, STUDY_LIMITS.diseaseBytes);
  tooLong("route", "Route", s.routeText, STUDY_LIMITS.routeBytes);
  const tooManyCharacters = (field: StudyField, label: string, text: string | null, max: number) => {
    if (text !== null && text.length > max)
      error(field, `The ${label} is too long: ${text.length} characters, at most ${max}.`);
  };
  tooManyCharacters("outcome", "Outcome cell", s.outcome, STUDY_LIMITS.outcome);
  tooManyCharacters("reference", "reference", s.reference, STUDY_LIMITS.reference);
  tooManyCharacters("author", "first author", s.citation.firstAuthor, STUDY_LIMITS.firstAuthor);
  tooManyCharacters("title", "title", s.citation.title, STUDY_LIMITS.title);
  tooManyCharacters("journal", "journal", s.citation.journal, STUDY_LIMITS.journal);
  if (s.arms.length > STUDY_LIMITS.arms)
    error(
      "dose",
      `The Dose cells list ${s.arms.length} arms; a study may have at most ${STUDY_LIMITS.arms}.`,
    );
  if (s.enrollment !== null && s.enrollment > MAX_COUNT)
    error(
      "enrollment",
      `The enrollment ${s.enrollment} is larger than any trial could be (at most ${MAX_COUNT}).`,
    );
  for (const a of s.arms) {
    // (A single arm's n is the enrollment, already named.)
    if (a.n !== null && a.n > MAX_COUNT && a.n !== s.enrollment)
      error("enrollment", `An arm of ${a.n} patients is larger than any trial could be.`);
    const given = a.dose?.administrations?.count ?? null;
    if (given !== null && given > MAX_COUNT)
      error("frequency", `The dose "${a.doseText}" is given ${given} times: more than can be stored.`);
    const values = [a.dose?.low, a.dose?.high, a.dose?.central, a.dose?.sd].filter(
      (v): v is number => typeof v === "number",
    );
    if (values.some((v) => !Number.isFinite(v)))
      error("dose", `The dose "${a.doseText}" is too large a number to store.`);
  }
  if (s.citation.year !== null && (s.citation.year < 1950 || s.citation.year > 2100))
    error("year", `The year ${s.citation.year} is not a publication year.`);
  return problems;
}

/** Cells/kg and total cell counts outside what MSC trials give: worth a second look, not refused. */
export const PLAUSIBLE = { perKg: [1e4, 1e9], total: [1e5, 1e11] } as const;

function plausibility(s: StudyReading): TableProblem[] {
  const out: TableProblem[] = [];
  const warn = (field: StudyField, message: string) =>
    out.push({ line: s.line, field, severity: "warning", message });
  for (const a of s.arms) {
    const d = a.dose;
    if (!d) continue;
    const v = d.central ?? d.low ?? d.high;
    if (v === null || !Number.isFinite(v)) continue;
    const range = d.basis === "per_kg" ? PLAUSIBLE.perKg : d.basis === "total" ? PLAUSIBLE.total : null;
    if (range && (v < range[0] || v > range[1]))
      warn(
        "dose",
        `The dose "${a.doseText}" reads as ${v.toExponential(2)} ${d.basis === "per_kg" ? "cells/kg" : "cells"}, outside the ${range[0].toExponential(0)}–${range[1].toExponential(0)} that MSC trials give: check the power of ten.`,
      );
  }
  if (s.enrollment !== null) {
    const sized = s.arms.filter((a) => a.n !== null);
    const sum = sized.reduce((n, a) => n + a.n!, 0);
    if (sized.length > 1 && sum > s.enrollment)
      warn("enrollment", `The arms add up to ${sum} patients, more than the enrollment of ${s.enrollment}.`);
    const largest = sized.find((a) => a.n! > s.enrollment!);
    if (largest)
      warn("enrollment", `An arm of ${largest.n} patients is larger than the enrollment of ${s.enrollment}.`);
  }
  return out;
}

/** Every problem of a table, file-level first, then by line. */
export function allProblems(table: EvidenceTable): TableProblem[] {
  return [...table.problems, ...table.studies.flatMap((s) => s.problems)].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0),
  );
}
