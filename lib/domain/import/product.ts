// Cell products as review tables name them ("Autologous BM-MSC", "hUC-MSC with IFN-γ",
// "IS-AD-MSC + autologous BM-HSC"): source tissue, donor and co-interventions.
import { isCellWord, isNonMscProduct } from "../dose/units";
import type { CellSource, Donor } from "../vocabulary";

export interface CellProductReading {
  tissue: CellSource;
  donor: Donor;
  coInterventions: string[];
  rawText: string;
}

const TISSUE_RULES: [RegExp, CellSource][] = [
  [/msc[\s-]?np|neural progenitor/i, "NP"],
  [/\bwj\b|wharton/i, "WJ"],
  [/\bh?uc\b|umbilical|cord/i, "UC"],
  [/\bbm\b|bone marrow|\bbmsc|multistem|mapc/i, "BM"],
  [/\bad\b|\basc\b|\bat\b|adipose|\bamsc/i, "AD"],
  [/placenta|\bpl\b/i, "PL"],
  [/\bmb\b|menstrual/i, "MB"],
];

const CO_INTERVENTIONS: [RegExp, string][] = [
  [/vit(amin)?\.?\s*d/i, "vitamin D"],
  [/ifn|interferon/i, "IFN-γ"],
  [/\bhsc\b|haematopoietic|hematopoietic/i, "HSC"],
  [/dmard/i, "DMARDs"],
  [/\blg\b/i, "LG"],
];

function tissueOf(text: string, abbreviations: Record<string, string>): CellSource {
  // Expand abbreviations the table defines (e.g. "AT, adipose tissue") before matching.
  const expanded = text
    .split(/[\s\-/+]+/)
    .map((t) => (abbreviations[t] ? `${t} ${abbreviations[t]}` : t))
    .join(" ");
  for (const [re, tissue] of TISSUE_RULES) if (re.test(text) || re.test(expanded)) return tissue;
  return "OTHER";
}

export function readCellProduct(
  text: string,
  abbreviations: Record<string, string> = {},
): CellProductReading {
  const rawText = text.trim().replace(/\s+/g, " ");
  // The product comes first; what is added "with", "+" or "plus" is a co-intervention.
  const [main = "", ...added] = rawText.split(/\s+(?:\+|plus|with|and)\s+|\s*\+\s*/i);
  const donor: Donor = /\bautolog|\bauto\b|^auto-/i.test(main)
    ? "autologous"
    : /\ballogen|\ballo\b|^allo-/i.test(main)
      ? "allogeneic"
      : "not_stated";
  const coInterventions = added
    .map((a) => CO_INTERVENTIONS.find(([re]) => re.test(a))?.[1] ?? a.trim())
    .filter(Boolean);
  return { tissue: tissueOf(main, abbreviations), donor, coInterventions, rawText };
}

/** Whether a phrase reads as a cell product rather than as outcome text. */
export function looksLikeProduct(text: string): boolean {
  const t = text.trim();
  if (!t || t.split(/\s+/).length > 6) return false;
  return /MSC|ASC|HSC|MNC|MAPC|stem cell/i.test(t) && !/[.!?]$/.test(t);
}

/**
 * The name of the cells when a product is not an MSC product at all ("Autologous HSC",
 * "BM-MNC", "PBMCs"): a word names non-MSC cells and none names MSCs or stromal cells. Null for
 * an MSC product, and for a name that says neither (a code such as "PDA-001" is kept as given).
 */
export function nonMscCells(text: string): string | null {
  const [main = ""] = text.trim().split(/\s+(?:\+|plus|with|and)\s+|\s*\+\s*/i);
  const words = main.split(/[\s,;()]+/).filter(Boolean);
  const lower = words.map((w) => w.toLowerCase());
  if (lower.some((w) => isCellWord(w) && !isNonMscProduct(w))) return null;
  const named = words.find((w) => isNonMscProduct(w.toLowerCase()));
  return named ?? null;
}
