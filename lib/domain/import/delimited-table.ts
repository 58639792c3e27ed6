// Tables with a header row: CSV (RFC 4180), TSV and Markdown/pipe tables. Columns are found by
// the names real tables give them; a header that names no field is listed with the names that
// would have been accepted.
import { parseCsv } from "../csv";
import { splitRoutes } from "../vocabulary";
import { armsOfCell, doseProblems } from "./arms";
import {
  cleanSpaces,
  diseaseName,
  isFootnote,
  parseCount,
  readAbbreviations,
  registryOf,
  type TableProblem,
} from "./cells";
import { readAuthorYear, readDoi, readPmid, readYear, type Citation } from "./citation";
import { acceptedNames, fieldOfHeader, type StudyField } from "./headers";
import { frequencyColumnIsSummary } from "../dose/schedule";
import { nonMscCells, readCellProduct } from "./product";
import type { EvidenceTable, ReadOptions, StudyReading, TableFormat } from "./types";

function parsePipe(text: string): { cells: string[]; line: number }[] {
  return text
    .split("\n")
    .map((l, i) => ({ l: l.trim(), line: i + 1 }))
    .filter(({ l }) => l.includes("|") && !/^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/.test(l))
    .map(({ l, line }) => ({
      cells: l
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((c) => c.trim()),
      line,
    }));
}

/** Which field each column holds (the first column that names a field takes it). */
/** The review's reference number in a citation cell ("Liang; 2012 [44]" → "[44]"). */
function bracketedReference(text: string): string | null {
  return /\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]/.exec(text)?.[0] ?? null;
}

export function mapHeader(cells: string[]): { map: Map<number, StudyField>; ignored: string[] } {
  const map = new Map<number, StudyField>();
  const ignored: string[] = [];
  const taken = new Set<StudyField>();
  cells.forEach((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field && !taken.has(field)) {
      map.set(index, field);
      taken.add(field);
    } else if (cell.trim()) ignored.push(cell.trim());
  });
  return { map, ignored };
}

const ESSENTIAL: StudyField[] = ["disease", "route", "source", "enrollment", "dose", "registry", "reference"];

export function readDelimited(
  text: string,
  format: Exclude<TableFormat, "seed">,
  options: ReadOptions,
): EvidenceTable {
  const rows = format === "md" ? parsePipe(text) : parseCsv(text, format === "tsv" ? "\t" : ",");
  const problems: TableProblem[] = [];
  const empty = (): EvidenceTable => ({
    format,
    studies: [],
    problems,
    abbreviations: {},
    caption: null,
    columns: {},
    ignoredColumns: [],
  });
  const headerAt = rows.findIndex((r) => mapHeader(r.cells).map.size >= 2);
  if (headerAt < 0) {
    const first = rows.find((r) => r.cells.some((c) => c.trim()));
    problems.push({
      line: first?.line ?? 1,
      severity: "error",
      message: `Cannot map the header row${first ? ` (${first.cells.map((c) => `"${c.trim()}"`).join(", ")})` : ""}: name the columns Disease, Route, Source, Enrollment, Dose, Outcome, NCT number and Reference (or their usual synonyms).`,
    });
    return empty();
  }
  const header = rows[headerAt]!;
  const { map, ignored } = mapHeader(header.cells);
  const fields = new Set(map.values());
  if (!fields.has("dose") && !fields.has("source")) {
    problems.push({
      line: header.line,
      severity: "error",
      message: `The header has neither a Dose (${acceptedNames("dose")}) nor a Source (${acceptedNames("source")}) column: there is nothing to chart.`,
    });
    return empty();
  }
  if (!fields.has("disease") && !options.disease) {
    problems.push({
      line: header.line,
      severity: "error",
      message:
        "The header has no Disease (Condition, Indication) column: add one, or give the disease of the whole table.",
    });
    return empty();
  }
  const missing = ESSENTIAL.filter((f) => !fields.has(f) && !(f === "disease" && options.disease));
  const ignoredColumns = ignored.map((h) => h);
  if (ignored.length > 0 && missing.length > 0) {
    problems.push({
      line: header.line,
      severity: "warning",
      message: `Columns left out: ${ignored.map((h) => `"${h}"`).join(", ")}. A column is read when its header is one of these: ${missing
        .map((f) => `${f} (${acceptedNames(f)})`)
        .join("; ")}.`,
    });
  }
  const before =
    format === "md"
      ? text
          .split("\n")
          .slice(0, header.line - 1)
          .filter((l) => !l.includes("|"))
      : rows.slice(0, headerAt).map((r) => r.cells.join(" "));
  const caption =
    before
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? null;

  // Trailing rows of one cell that define abbreviations are the footnote, not studies.
  let abbreviations: Record<string, string> = {};
  const data = rows.slice(headerAt + 1).filter((r) => {
    const filled = r.cells.filter((c) => c.trim());
    if (filled.length === 0) return false;
    if (
      filled.length === 1 &&
      (isFootnote(filled[0]!) ||
        (/^[A-Z][\w-]*s?,? [a-z]/.test(filled[0]!) && filled[0]!.split(",").length >= 3))
    ) {
      abbreviations = {
        ...abbreviations,
        ...readAbbreviations(filled[0]!.replace(/,\s*(?=[A-Z][\w.-]*\s)/g, "; ")),
      };
      return false;
    }
    return true;
  });

  const column = (field: StudyField) => [...map.entries()].find(([, f]) => f === field)?.[0];
  const headerOf = (field: StudyField) => {
    const i = column(field);
    return i === undefined ? undefined : header.cells[i]!.trim();
  };
  const frequencyIsSummary = frequencyColumnIsSummary(
    headerOf("frequency"),
    data.map((r) => cleanSpaces(r.cells[column("frequency") ?? -1] ?? "")).filter(Boolean),
  );

  const width = header.cells.length;
  const studies: StudyReading[] = [];
  for (const row of data) {
    const filled = row.cells.length;
    const rowProblems: TableProblem[] = [];
    if (filled < width) {
      const lost = [...map.entries()].filter(([i]) => i >= filled).map(([, f]) => f);
      if (lost.length > 0) {
        problems.push({
          line: row.line,
          severity: "error",
          message: `Row has ${filled} field${filled === 1 ? "" : "s"}; the header has ${width}. Missing: ${lost.join(", ")}.`,
        });
        continue;
      }
    }
    const get = (field: StudyField): string => {
      const i = column(field);
      return i === undefined ? "" : cleanSpaces(row.cells[i] ?? "");
    };
    const diseaseText = get("disease") || options.disease || "";
    if (!diseaseText) {
      problems.push({
        line: row.line,
        field: "disease",
        severity: "error",
        message: "The Disease cell is empty.",
      });
      continue;
    }
    const count = parseCount(get("enrollment"));
    if (get("enrollment") && count.n === null) {
      rowProblems.push({
        line: row.line,
        field: "enrollment",
        severity: "warning",
        message: `Enrollment "${get("enrollment")}" is not a number.`,
      });
    }
    if (count.decimal) {
      rowProblems.push({
        line: row.line,
        field: "enrollment",
        severity: "error",
        message: `Enrollment "${get("enrollment")}" is not a whole number of patients.`,
      });
    }
    const reg = registryOf(get("registry") || null, row.line);
    if (reg.problem) rowProblems.push(reg.problem);
    const routeText = get("route");
    const sourceText = get("source");
    const read = armsOfCell(
      get("dose"),
      {
        header: headerOf("dose"),
        frequency: get("frequency") || undefined,
        frequencyHeader: headerOf("frequency"),
        frequencyIsSummary,
        route: routeText,
        disease: diseaseText,
      },
      sourceText ? 0 : null,
    );
    // A row whose cells are not MSCs at all (an HSC transplant in a table of stem-cell trials):
    // its doses are kept as other cells given, never as MSC doses, and the preview says so.
    const otherCells = sourceText ? nonMscCells(sourceText) : null;
    const arms = otherCells ? [] : read.arms;
    const otherDoses = otherCells
      ? read.arms.map((a) => ({
          name: otherCells,
          rawText: sourceText,
          doseText: a.doseText,
          dose: a.dose,
          arm: null,
        }))
      : [];
    if (otherCells)
      rowProblems.push({
        line: row.line,
        field: "source",
        severity: "warning",
        message: `"${sourceText}" are not MSCs: the row is kept as a study with ${otherCells} given, and its dose is not counted as an MSC dose.`,
      });
    rowProblems.push(...doseProblems(arms, row.line));
    const ns: (number | null)[] =
      count.parts.length === arms.length && arms.length > 1
        ? count.parts
        : arms.length === 1 && count.parts.length <= 1
          ? [count.n]
          : arms.map(() => null);
    arms.forEach((a, i) => (a.n = ns[i] ?? null));
    if (count.parts.length > 1 && count.parts.length !== arms.length) {
      rowProblems.push({
        line: row.line,
        field: "enrollment",
        severity: "warning",
        message: `Enrollment ${get("enrollment")} splits into ${count.parts.length} groups but the dose names ${arms.length}; arm sizes left blank.`,
      });
    }
    const cited = readAuthorYear(get("author") || get("reference"));
    const citation: Citation = {
      firstAuthor: cited.firstAuthor,
      year: readYear(get("year")) ?? cited.year,
      title: get("title") || null,
      journal: get("journal") || null,
      doi: readDoi(get("doi")) ?? (readDoi(get("reference")) || null),
      pmid: readPmid(get("pmid")),
    };
    if (get("year") && readYear(get("year")) === null)
      rowProblems.push({
        line: row.line,
        field: "year",
        severity: "warning",
        message: `Year "${get("year")}" is not a year.`,
      });
    studies.push({
      line: row.line,
      endLine: row.line,
      sourceText: row.cells.join(format === "tsv" ? "\t" : format === "md" ? " | " : ","),
      diseaseCode: diseaseText,
      disease: diseaseName(diseaseText, abbreviations),
      routes: routeText ? splitRoutes(routeText) : [],
      routeText,
      products: sourceText ? [readCellProduct(sourceText, abbreviations)] : [],
      arms,
      coAdministered: [...otherDoses, ...read.coAdministered.map((c) => ({ ...c, arm: null }))],
      enrollment: count.n,
      outcome: get("outcome"),
      registryText: get("registry") || null,
      registry: reg.registry,
      // "Liang; 2012 [44]": the bracketed number is the review's reference, the rest the citation.
      reference: get("reference") || bracketedReference(get("author")) || get("author") || null,
      citation,
      phase: get("phase") || null,
      designText: get("design") || null,
      problems: rowProblems,
    });
  }
  if (studies.length === 0 && problems.every((p) => p.severity !== "error")) {
    problems.push({ line: header.line, severity: "error", message: "The table has a header but no rows." });
  }
  const columns: Partial<Record<StudyField, string>> = {};
  for (const [i, f] of map) columns[f] = header.cells[i]!.trim();
  return { format, studies, problems, abbreviations, caption, columns, ignoredColumns };
}
