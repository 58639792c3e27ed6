// Reads review tables into studies, cell products and dose arms: the seed's pasted web
// table (one line per study, continuation lines, a footnote of abbreviations) and CSV, TSV
// and Markdown/pipe tables with a header row whose columns are mapped by name. Pure: no I/O.
import { doseArms, parseDose, type ParsedDose } from "../dose/dose";
import { looksLikeProduct, readCellProduct, type CellProductReading } from "./product";
import { readRegistryId, type RegistryId } from "../registry";

export type TableFormat = "seed" | "csv" | "tsv" | "md";
export const TABLE_FORMATS: TableFormat[] = ["seed", "csv", "tsv", "md"];

export interface TableProblem {
  /** 1-based line in the text; null for the file as a whole. */
  line: number | null;
  field?: StudyField;
  message: string;
  /** An error leaves the row out of the import; a warning imports it as read. */
  severity: "error" | "warning";
}

export type StudyField =
  "disease" | "route" | "source" | "enrollment" | "dose" | "outcome" | "registry" | "reference" | "year";

export interface DoseArmReading {
  /** Index into the study's products, or null when the table ties the dose to none. */
  product: number | null;
  n: number | null;
  dose: ParsedDose;
}

export interface StudyReading {
  line: number;
  endLine: number;
  sourceText: string;
  diseaseCode: string;
  disease: string;
  routes: string[];
  routeText: string;
  products: CellProductReading[];
  arms: DoseArmReading[];
  enrollment: number | null;
  outcome: string;
  registryText: string | null;
  registry: RegistryId | null;
  reference: string | null;
  year: number | null;
  problems: TableProblem[];
}

export interface EvidenceTable {
  format: TableFormat;
  studies: StudyReading[];
  /** Problems of the table as a whole (unreadable header, nothing found…). */
  problems: TableProblem[];
  abbreviations: Record<string, string>;
  caption: string | null;
  /** For delimited tables: which header each field was read from. */
  columns: Partial<Record<StudyField, string>>;
  ignoredColumns: string[];
}

export interface ReadOptions {
  /** The disease of every row, for tables without a Disease column (e.g. a table of ARDS trials). */
  disease?: string;
}

const HEADER_NAMES: Record<StudyField, string[]> = {
  disease: ["disease", "diseases", "condition", "conditions", "indication", "indications", "diagnosis"],
  route: [
    "route",
    "routes",
    "infusion method",
    "injection",
    "route of administration",
    "administration route",
    "administration",
    "delivery",
    "route of delivery",
  ],
  source: [
    "source",
    "origin",
    "msc source",
    "cell source",
    "msc type",
    "cell type",
    "sources of mscs",
    "msc",
    "mscs",
    "cell product",
    "product",
    "cells",
  ],
  enrollment: [
    "enrollment",
    "enrolment",
    "enrollment number",
    "enrolment number",
    "sample size",
    "n",
    "no of patients",
    "number of patients",
    "numbers of patients",
    "patients",
    "patients enrolled",
    "no of pts",
    "subjects",
    "participants",
  ],
  dose: [
    "dose",
    "doses",
    "cell mass",
    "dosage",
    "cell dose",
    "dose size",
    "cell number",
    "doses and administration routes",
  ],
  outcome: [
    "outcome",
    "outcomes",
    "efficacy",
    "result",
    "results",
    "primary outcomes",
    "main outcome",
    "findings",
    "outcomes for msc group",
  ],
  registry: [
    "nct number",
    "nct",
    "nct id",
    "clinical trial id",
    "trial id",
    "registry",
    "registry id",
    "registration",
    "registration number",
    "trial registration",
    "identifier",
    "clinicaltrials gov identifier",
    "ct",
    "trial",
  ],
  reference: [
    "reference",
    "references",
    "ref",
    "refs",
    "citation",
    "study",
    "author",
    "authors",
    "reference n",
  ],
  year: ["year", "publication year"],
};

export function normaliseHeader(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const FIELD_BY_HEADER = new Map<string, StudyField>(
  (Object.entries(HEADER_NAMES) as [StudyField, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [n, field] as const),
  ),
);

function cleanSpaces(s: string): string {
  return s
    .replace(/[\u2009\u00a0\u202f\t]/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** "RA, rheumatoid arthritis; T1DM, type 1 diabetes mellitus; …" → { RA: "rheumatoid arthritis", … }. */
export function readAbbreviations(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/;/)) {
    const m =
      /^\s*([^,\s][^,]{0,20}?)\s*,\s*(.+?)\s*$/.exec(part) ??
      /^\s*([A-Z][\w.\-]{0,15})\s+([a-z].+?)\s*$/.exec(part);
    if (m) out[m[1]!.trim()] = m[2]!.replace(/\d+$/, "").replace(/\.$/, "").trim();
  }
  return out;
}

function isFootnote(line: string): boolean {
  const parts = line.split(";");
  return (
    parts.length >= 3 && parts.filter((p) => /^\s*[^,]{1,20},\s*\S/.test(p)).length >= parts.length * 0.6
  );
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function diseaseName(code: string, abbreviations: Record<string, string>): string {
  return capitalise(abbreviations[code] ?? code);
}

function parseCount(text: string): { n: number | null; parts: number[] } {
  const m = /^\s*(\d[\d,]*)\s*(?:\(([\d\s/+,]+)\))?/.exec(text);
  if (!m) return { n: null, parts: [] };
  const n = Number(m[1]!.replace(/,/g, ""));
  const parts = m[2]
    ? m[2]
        .split(/[/+,]/)
        .map((p) => Number(p.trim()))
        .filter((p) => Number.isFinite(p))
    : [];
  return { n, parts };
}

function registryOf(
  text: string | null,
  line: number,
): { registry: RegistryId | null; problem?: TableProblem } {
  if (!text) return { registry: null };
  const reading = readRegistryId(text);
  if (reading.kind === "id") return { registry: reading.value };
  if (reading.kind === "none") return { registry: null };
  return {
    registry: null,
    problem: {
      line,
      field: "registry",
      severity: "warning",
      message: `"${reading.text}" is not a registry id this importer knows (NCT…, NTR…, ChiCTR…, ISRCTN…); kept as text.`,
    },
  };
}

function doseProblems(dose: ParsedDose, line: number): TableProblem[] {
  return dose.form === "unreadable"
    ? [
        {
          line,
          field: "dose",
          severity: "warning",
          message: `Dose not read: ${dose.reason ?? "unreadable"}. It is kept as written.`,
        },
      ]
    : [];
}

// ---------------------------------------------------------------------------------------
// The seed's pasted web table

const NUM = String.raw`\d+(?:\.\d+)?`;
const POW = String.raw`\s*×\s*10\d{1,2}`;
const UNIT = String.raw`(?:\s*\/\s*(?:kg|joint|ml|cells?)|\s*cells?)?`;
const DOSE = String.raw`(?:≥\s*)?${NUM}(?:${POW})?(?:(?:\s*(?:±|[–-]|to)\s*${NUM})|(?:\s*,\s*${NUM})+)?${POW}${UNIT}`;
const DOSE_OR_UNKNOWN = `(?:${DOSE}|Unknown|N\\/A)`;
const STUDY_LINE = new RegExp(
  String.raw`^(\S+)\s+(.+?)\s+(\d+)\s+(${DOSE_OR_UNKNOWN})\s+(.*?)\s*(\S+)\s+\[(\d+(?:[,–-]\d+)*)\]$`,
);
const ARM_LINE = new RegExp(String.raw`^(\d+)\s+(${DOSE_OR_UNKNOWN})$`);
const PRODUCT_DOSE_LINE = new RegExp(String.raw`^(.+?)\s+(${DOSE})$`);
const DOSE_LINE = new RegExp(String.raw`^(${DOSE})$`);

const SOURCE_START = /^(autolog|allogen|allo|auto)|MSC|ASC|HSC|MNC|^(BM|h?UC|AD|WJ|IS|MB|AT)-|^placenta/i;

function splitRouteAndSource(text: string, abbreviations: Record<string, string>) {
  const tokens = text.split(" ");
  let i = 1;
  while (i < tokens.length && !SOURCE_START.test(tokens[i]!)) i++;
  const routeText = tokens.slice(0, i).join(" ");
  const sourceText = tokens.slice(i).join(" ");
  const routes = routeText
    .split(/\s*(?:&|\band\b|\/|,)\s*/)
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => (abbreviations[r] || /^[A-Z]\.[A-Z]\.?$/.test(r) ? r.replace(/\.$/, "") : capitalise(r)));
  return { routeText, routes, sourceText };
}

function readSeed(lines: string[]): EvidenceTable {
  const problems: TableProblem[] = [];
  const footnoteIndex = lines.findIndex((l) => isFootnote(l));
  const abbreviations = footnoteIndex >= 0 ? readAbbreviations(lines[footnoteIndex]!) : {};
  const headerIndex = lines.findIndex(
    (l) => /\bdisease\b/i.test(l) && /\b(dose|cell mass|dosage)\b/i.test(l),
  );
  const captionLine = lines
    .slice(0, Math.max(headerIndex, 0))
    .reverse()
    .find((l) => l.trim() && !/^table\s+\d/i.test(l.trim()) && !/skip to main/i.test(l));
  const studies: StudyReading[] = [];
  let current: StudyReading | null = null;
  let lastProduct: number | null = null;
  const mainArms = new Map<StudyReading, number>();

  const end = footnoteIndex >= 0 ? footnoteIndex : lines.length;
  for (let i = headerIndex + 1; i < end; i++) {
    const lineNo = i + 1;
    const line = cleanSpaces(lines[i]!);
    if (!line) continue;
    const study = STUDY_LINE.exec(line);
    if (study) {
      const [, code, routeSource, enrollment, doseText, outcome, registryText, reference] =
        study as unknown as string[];
      const { routeText, routes, sourceText } = splitRouteAndSource(routeSource!, abbreviations);
      const rowProblems: TableProblem[] = [];
      if (Object.keys(abbreviations).length > 0 && !abbreviations[code!]) {
        rowProblems.push({
          line: lineNo,
          field: "disease",
          severity: "warning",
          message: `"${code}" is not in the table's footnote of abbreviations.`,
        });
      }
      if (!sourceText)
        rowProblems.push({
          line: lineNo,
          field: "source",
          severity: "warning",
          message: "No cell source found after the route.",
        });
      const reg = registryOf(registryText!, lineNo);
      if (reg.problem) rowProblems.push(reg.problem);
      const dose = parseDose(doseText!);
      rowProblems.push(...doseProblems(dose, lineNo));
      current = {
        line: lineNo,
        endLine: lineNo,
        sourceText: lines[i]!,
        diseaseCode: code!,
        disease: diseaseName(code!, abbreviations),
        routes,
        routeText,
        products: sourceText ? [readCellProduct(sourceText, abbreviations)] : [],
        arms: [],
        enrollment: Number(enrollment),
        outcome: outcome!,
        registryText: registryText!,
        registry: reg.registry,
        reference: `[${reference}]`,
        year: null,
        problems: rowProblems,
      };
      lastProduct = current.products.length > 0 ? 0 : null;
      for (const d of doseArms(dose)) current.arms.push({ product: lastProduct, n: null, dose: d });
      mainArms.set(current, current.arms.length);
      studies.push(current);
      continue;
    }
    if (!current) {
      problems.push({
        line: lineNo,
        severity: "error",
        message: `Cannot read this line as a study: expected "disease route source enrollment dose outcome registry [reference]".`,
      });
      continue;
    }
    current.endLine = lineNo;
    current.sourceText += "\n" + lines[i]!;
    const arm = ARM_LINE.exec(line);
    const productDose = arm ? null : PRODUCT_DOSE_LINE.exec(line);
    const doseOnly = DOSE_LINE.exec(line);
    if (arm) {
      // "20 2 × 106/kg": another arm of the same study with its own n.
      const dose = parseDose(arm[2]!);
      current.problems.push(...doseProblems(dose, lineNo));
      for (const d of doseArms(dose)) current.arms.push({ product: lastProduct, n: Number(arm[1]), dose: d });
    } else if (doseOnly) {
      // "60.55 × 106/kg": a further dose component of the same study.
      const dose = parseDose(doseOnly[1]!);
      current.problems.push(...doseProblems(dose, lineNo));
      for (const d of doseArms(dose)) current.arms.push({ product: lastProduct, n: null, dose: d });
    } else if (productDose && looksLikeProduct(productDose[1]!)) {
      // "BM-MNC 106.8 × 106/kg": another product and its dose.
      current.products.push(readCellProduct(productDose[1]!, abbreviations));
      lastProduct = current.products.length - 1;
      const dose = parseDose(productDose[2]!);
      current.problems.push(...doseProblems(dose, lineNo));
      for (const d of doseArms(dose)) current.arms.push({ product: lastProduct, n: null, dose: d });
    } else if (looksLikeProduct(line)) {
      // "hUC-MSC": a further cell source of the same study.
      current.products.push(readCellProduct(line, abbreviations));
    } else {
      current.outcome += `. ${line}`;
    }
  }

  for (const s of studies) settleArms(s, mainArms.get(s) ?? 1);
  if (headerIndex < 0)
    problems.push({
      line: null,
      severity: "warning",
      message: "No header row (Disease … Cell mass …) was found; read every line as data.",
    });
  if (studies.length === 0)
    problems.push({ line: null, severity: "error", message: "No study rows were found in this table." });
  return {
    format: "seed",
    studies,
    problems,
    abbreviations,
    caption: captionLine?.trim() ?? null,
    columns: {},
    ignoredColumns: [],
  };
}

/**
 * When continuation lines give arms their own n, the first arm's n is the number on the study
 * line and the enrollment is the sum; a single arm takes the enrollment as its n.
 */
function settleArms(study: StudyReading, armsOnStudyLine: number) {
  const withN = study.arms.filter((a) => a.n !== null);
  const first = study.arms[0];
  // A list of doses on the study line ("1, 2 × 106/kg") does not say how the patients split.
  if (!first || armsOnStudyLine > 1) return;
  if (withN.length > 0) {
    first.n = study.enrollment;
    study.enrollment = study.arms.reduce((sum, a) => sum + (a.n ?? 0), 0);
  } else if (study.enrollment !== null) {
    first.n = study.enrollment;
  }
}

// ---------------------------------------------------------------------------------------
// Delimited tables: CSV, TSV, Markdown / pipe

/** RFC 4180 CSV (quotes, doubled quotes, newlines in quotes), with the line each row starts on. */
export function parseCsv(text: string, delimiter = ","): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (c === "\n") {
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows;
}

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

function mapHeader(cells: string[]): { map: Map<number, StudyField>; ignored: string[] } {
  const map = new Map<number, StudyField>();
  const ignored: string[] = [];
  const taken = new Set<StudyField>();
  cells.forEach((cell, index) => {
    const field = FIELD_BY_HEADER.get(normaliseHeader(cell));
    if (field && !taken.has(field)) {
      map.set(index, field);
      taken.add(field);
    } else if (cell.trim()) ignored.push(cell.trim());
  });
  return { map, ignored };
}

function readDelimited(
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
      message:
        "The header has neither a Dose (Cell mass, Dosage) nor a Source (Origin, MSC type) column: there is nothing to chart.",
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

  const width = header.cells.length;
  const studies: StudyReading[] = [];
  for (const row of data) {
    const filled = row.cells.length;
    const rowProblems: TableProblem[] = [];
    if (filled < width) {
      const missing = [...map.entries()].filter(([i]) => i >= filled).map(([, f]) => f);
      if (missing.length > 0) {
        problems.push({
          line: row.line,
          severity: "error",
          message: `Row has ${filled} field${filled === 1 ? "" : "s"}; the header has ${width}. Missing: ${missing.join(", ")}.`,
        });
        continue;
      }
    }
    const get = (field: StudyField): string => {
      for (const [i, f] of map) if (f === field) return cleanSpaces(row.cells[i] ?? "");
      return "";
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
    const code = diseaseText;
    const count = parseCount(get("enrollment"));
    if (get("enrollment") && count.n === null) {
      rowProblems.push({
        line: row.line,
        field: "enrollment",
        severity: "warning",
        message: `Enrollment "${get("enrollment")}" is not a number.`,
      });
    }
    const dose = parseDose(get("dose"));
    rowProblems.push(...doseProblems(dose, row.line));
    const reg = registryOf(get("registry") || null, row.line);
    if (reg.problem) rowProblems.push(reg.problem);
    const routeText = get("route");
    const sourceText = get("source");
    const arms = doseArms(dose);
    const ns: (number | null)[] =
      count.parts.length === arms.length && arms.length > 1
        ? count.parts
        : arms.length === 1 && count.parts.length <= 1
          ? [count.n]
          : arms.map(() => null);
    if (count.parts.length > 1 && count.parts.length !== arms.length) {
      rowProblems.push({
        line: row.line,
        field: "enrollment",
        severity: "warning",
        message: `Enrollment ${get("enrollment")} splits into ${count.parts.length} groups but the dose names ${arms.length}; arm sizes left blank.`,
      });
    }
    const yearText = get("year");
    studies.push({
      line: row.line,
      endLine: row.line,
      sourceText: row.cells.join(format === "tsv" ? "\t" : format === "md" ? " | " : ","),
      diseaseCode: code,
      disease: diseaseName(code, abbreviations),
      routes: routeText ? routeText.split(/\s*(?:&|;|\/|,|\band\b)\s*/).filter(Boolean) : [],
      routeText,
      products: sourceText ? [readCellProduct(sourceText, abbreviations)] : [],
      arms: arms.map((d, i) => ({ product: sourceText ? 0 : null, n: ns[i] ?? null, dose: d })),
      enrollment: count.n,
      outcome: get("outcome"),
      registryText: get("registry") || null,
      registry: reg.registry,
      reference: get("reference") || null,
      year: /^\d{4}$/.test(yearText) ? Number(yearText) : null,
      problems: rowProblems,
    });
  }
  if (studies.length === 0 && problems.every((p) => p.severity !== "error")) {
    problems.push({ line: header.line, severity: "error", message: "The table has a header but no rows." });
  }
  const columns: Partial<Record<StudyField, string>> = {};
  for (const [i, f] of map) columns[f] = header.cells[i]!.trim();
  return { format, studies, problems, abbreviations, caption, columns, ignoredColumns: ignored };
}

// ---------------------------------------------------------------------------------------

/** Guesses the format from the first lines that look like a header. */
export function detectFormat(text: string): TableFormat {
  const lines = text
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, 30);
  if (lines.some((l) => (l.match(/\t/g) ?? []).length >= 2)) return "tsv";
  if (lines.some((l) => /^\s*\|?\s*:?-{3,}/.test(l) && l.includes("|"))) return "md";
  if (lines.some((l) => (l.match(/\|/g) ?? []).length >= 3)) return "md";
  if (lines.some((l) => mapHeader(parseCsv(l)[0]?.cells ?? []).map.size >= 2)) return "csv";
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
  for (const study of table.studies) study.problems.push(...limitProblems(study));
  return table;
}

/**
 * The most a study may hold in the cells that the database keeps in one index row (the columns
 * filters read; PostgreSQL caps an index row at
 * 2,704 bytes): the Disease and Route cells in bytes of UTF-8 (one per plain letter, up to four
 * for other scripts), and the number of dose arms. Far beyond any real trial table.
 */
export const STUDY_LIMITS = { diseaseBytes: 200, routeBytes: 200, arms: 50 } as const;

export const utf8Length = (text: string) => new TextEncoder().encode(text).length;

function limitProblems(s: StudyReading): TableProblem[] {
  const problems: TableProblem[] = [];
  const tooLong = (field: StudyField, label: string, text: string, max: number) => {
    const bytes = utf8Length(text);
    if (bytes > max)
      problems.push({
        line: s.line,
        field,
        severity: "error",
        message:
          bytes === text.length
            ? `The ${label} cell is too long: ${bytes} characters, at most ${max}.`
            : `The ${label} cell is too long: ${text.length} characters taking ${bytes} bytes, at most ${max} bytes (accented and non-Latin letters take 2 to 4).`,
      });
  };
  tooLong("disease", "Disease", s.diseaseCode, STUDY_LIMITS.diseaseBytes);
  tooLong("route", "Route", s.routeText, STUDY_LIMITS.routeBytes);
  if (s.arms.length > STUDY_LIMITS.arms)
    problems.push({
      line: s.line,
      field: "dose",
      severity: "error",
      message: `The Dose cells list ${s.arms.length} arms; a study may have at most ${STUDY_LIMITS.arms}.`,
    });
  return problems;
}

/** Every problem of a table, file-level first, then by line. */
export function allProblems(table: EvidenceTable): TableProblem[] {
  return [...table.problems, ...table.studies.flatMap((s) => s.problems)].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0),
  );
}
