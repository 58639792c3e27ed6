// The table format of a review copied from a web page (the seed): one line per study, fields
// separated by single spaces, lines that do not start with a disease continuing the study above
// (another arm "20 2 × 106/kg", another product and its dose, co-administered cells
// "BM-MNC 106.8 × 106/kg", more outcome text) and a footnote of abbreviations.
import { armsOfCell, doseProblems } from "./arms";
import {
  cleanSpaces,
  diseaseName,
  isFootnote,
  readAbbreviations,
  registryOf,
  capitalise,
  type TableProblem,
} from "./cells";
import { NO_CITATION } from "./citation";
import { looksLikeProduct, readCellProduct } from "./product";
import type { DoseArmReading, EvidenceTable, StudyReading } from "./types";
import { isNonMscProduct } from "../dose/units";

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

/** A non-MSC cell product that a study's products name as added to the MSCs ("… + BM-HSC"). */
function coAdministeredName(study: StudyReading): string | null {
  for (const p of study.products) {
    const added = p.rawText.split(/\s+(?:\+|plus|with|and)\s+|\s*\+\s*/i).slice(1);
    for (const a of added) {
      const words = a.split(/\s+/);
      const cells = words.find((w) => isNonMscProduct(w.toLowerCase()));
      if (cells) return cells;
    }
  }
  return null;
}

export function readSeed(lines: string[]): EvidenceTable {
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
  /** Arms read from each study's own line. */
  const mainArms = new Map<StudyReading, number>();
  const context = (s: StudyReading) => ({ route: s.routeText, disease: s.disease });
  const addArms = (s: StudyReading, text: string, n: number | null, lineNo: number) => {
    const read = armsOfCell(text, context(s), lastProduct);
    for (const a of read.arms) a.n = n;
    s.arms.push(...read.arms);
    s.coAdministered.push(...read.coAdministered.map((c) => ({ ...c, arm: s.arms.length > 0 ? 0 : null })));
    s.problems.push(...doseProblems(read.arms, lineNo));
    return read.arms;
  };

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
        coAdministered: [],
        enrollment: Number(enrollment),
        outcome: outcome!,
        registryText: registryText!,
        registry: reg.registry,
        reference: `[${reference}]`,
        citation: NO_CITATION,
        phase: null,
        designText: null,
        problems: rowProblems,
      };
      lastProduct = current.products.length > 0 ? 0 : null;
      addArms(current, doseText!, null, lineNo);
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
      addArms(current, arm[2]!, Number(arm[1]), lineNo);
    } else if (doseOnly) {
      const added = coAdministeredName(current);
      if (added && current.arms.length > 0) {
        // "60.55 × 106/kg" under "IS-AD-MSC plus BM-HSC": the HSC component's dose of that arm.
        const read = armsOfCell(doseOnly[1]!, context(current), lastProduct);
        current.coAdministered.push({
          name: added,
          rawText: line,
          doseText: doseOnly[1]!,
          dose: read.arms[0]?.dose ?? null,
          arm: 0,
        });
      } else addArms(current, doseOnly[1]!, null, lineNo);
    } else if (productDose && looksLikeProduct(productDose[1]!)) {
      const name = productDose[1]!;
      const words = name.toLowerCase().split(/\s+/);
      if (words.some((w) => isNonMscProduct(w)) && !/msc|asc|stromal|mesenchymal/i.test(name)) {
        // "BM-MNC 106.8 × 106/kg": non-MSC cells given to the same patients, with their dose.
        const read = armsOfCell(productDose[2]!, context(current), null);
        current.coAdministered.push({
          name,
          rawText: line,
          doseText: productDose[2]!,
          dose: read.arms[0]?.dose ?? null,
          arm: 0,
        });
      } else {
        // "IS-AD-MSC + allogenic BM-HSC 5.1 × 106/ml": another MSC product, another arm.
        current.products.push(readCellProduct(name, abbreviations));
        lastProduct = current.products.length - 1;
        addArms(current, productDose[2]!, null, lineNo);
      }
    } else if (looksLikeProduct(line)) {
      // "hUC-MSC": a further cell source of the same study.
      current.products.push(readCellProduct(line, abbreviations));
    } else {
      current.outcome += `. ${line}`;
    }
  }

  for (const s of studies) settleArms(s);
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
 * An arm's n is what the table gives. When continuation lines give arms their own n, the first
 * arm's n is the number on the study line and the enrollment is their sum; a study with a single
 * arm gives it the enrollment; several arms sharing one enrollment figure have no n of their own.
 */
function settleArms(study: StudyReading) {
  const arms: DoseArmReading[] = study.arms;
  const withN = arms.filter((a) => a.n !== null);
  const first = arms[0];
  if (!first) return;
  if (withN.length > 0 && first.n === null && withN.length === arms.length - 1) {
    first.n = study.enrollment;
    study.enrollment = arms.reduce((sum, a) => sum + (a.n ?? 0), 0);
  } else if (arms.length === 1 && study.enrollment !== null) {
    first.n = study.enrollment;
  }
}
