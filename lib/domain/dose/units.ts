// The unit after a dose's number ("cells/kg", "MSCs per kilogram of body weight", "/Kg",
// "cells/kg b.w.", "cells/round", "per knee", "/ml of HA", "/m²") and the unit a column header
// gives its cells ("Dose (×10⁶ cells/kg)", "Cell number (×10^6)", "Dosage (cells)").
import type { StatedBasis } from "./types";
import { isNum, isPow, isSym, isWord, plainText, tokenize, type Token } from "./tokens";

export interface Unit {
  basis: StatedBasis | null;
  /** The unit names cells ("cells", "MSCs", "BMSCs/kg"). */
  cells: boolean;
  /** A non-MSC cell product named as the unit ("MNCs", "NSPC"): co-administered cells. */
  product: string | null;
  /** Not cells at all: vesicles, exosomes, secretome. */
  notCells: boolean;
  /** A volume ("20 cc", "15 mL") with no cells per volume, or a mass ("2 µg/kg", "10 mg"). */
  volume: boolean;
  /** The unit is per administration ("/round", "/infusion", "each time"). */
  perAdministration: boolean;
  /** Per a number of units ("/100 mL"): not read. */
  scaled: boolean;
  /** Index of the first token after the unit. */
  end: number;
}

/** Cells that are not MSCs, given to the same patients. */
const NON_MSC =
  /^(?:bm)?mncs?$|^(?:hsc|hscs|hspc|hspcs|cd34|cd133|nspc|nspcs|npcs?|pbmcs?|pbscs?|epcs?|lymphocytes?|prp|nk|tregs?|dcs?)$/;
/** Words of an MSC (or stromal) cell product. */
const MSC_WORD =
  /(?:^|-)(?:cells?|mscs?|bmscs?|bm-mscs?|adscs?|ascs?|wjcs?|hwjcs|ucmscs?|hucmscs?|ad-?mscs?|at-?mscs?|uc-?mscs?|svf|stromal|stem|progenitors?|mesenchymal)$/;
const NOT_CELLS =
  /^(?:evs?|exosomes?|vesicles?|nanovesicles?|microvesicles?|secretome|exoflo|extracellular|lysates?|conditioned|sevs?)$/;
const PERSON =
  /^(?:persons?|patients?|pts?|subjects?|individuals?|recipients?|doses?|infusions?|injections?|transfusions?|administrations?|rounds?|cycles?|units?|times?)$/;
const JOINT = /^(?:joints?|knees?|hips?|shoulders?|ankles?|discs?|lesions?)$/;
const KG = /^(?:kgs?|kilograms?|kilo)$/;
const MASS = /^(?:µg|μg|ug|mcg|mg|ng|pg|g|grams?|milligrams?|micrograms?|iu|u|mmol|µmol|μmol)$/;
const ML = /^(?:ml|cc|milliliters?|millilitres?)$/;
/** Words that may follow "kg": "body weight", "b.w.", "(pbw)", "predicted body weight (PBW)". */
const KG_FILLER = /^(?:of|body|weight|bw|b\.w|pbw|predicted|ideal|actual)$/;

/** A word and the words hyphenated to it ("UC-MSCs", "BM-MNC"), lower-cased, with where it ends. */
function compound(tokens: readonly Token[], i: number): { text: string; end: number } | null {
  const t = tokens[i];
  if (!isWord(t)) return null;
  let text = t.lw;
  let j = i + 1;
  while (tokens[j]?.k === "dash" && isWord(tokens[j + 1]) && tokens[j + 1]!.s - tokens[j]!.e <= 1) {
    text += "-" + (tokens[j + 1] as Extract<Token, { k: "word" }>).lw;
    j += 2;
  }
  return { text, end: j };
}

const lastPart = (text: string) => text.split("-").pop() ?? text;
export const isNonMscProduct = (text: string) => text.split("-").some((p) => NON_MSC.test(p));
export const isCellWord = (text: string) => MSC_WORD.test(text) || isNonMscProduct(text);
export const isNotCellsWord = (text: string) => text.split("-").some((p) => NOT_CELLS.test(p));

/** The basis a denominator word states. */
function denominator(word: string): StatedBasis | "cells" | null {
  if (KG.test(word)) return "per_kg";
  if (JOINT.test(word)) return "per_joint";
  if (ML.test(word)) return "per_ml";
  if (word === "m2") return "per_m2";
  if (word === "cm2") return "per_cm2";
  if (PERSON.test(word)) return "total";
  if (MSC_WORD.test(word)) return "cells";
  return null;
}

/** Reads a denominator after "/" or "per" at `i`: "kg", "1 kg", "kg body weight", "m^2", "62-kg person". */
function readDenominator(
  tokens: readonly Token[],
  i: number,
): { basis: StatedBasis | "cells"; end: number } | null {
  let j = i;
  const first = tokens[j];
  if (isNum(first) && first.v === 1 && isWord(tokens[j + 1])) j++; // "per 1 kg"
  // "/62-kg person": per person (of that weight)
  if (isNum(tokens[j]) && tokens[j + 1]?.k === "dash" && isWord(tokens[j + 2], "kg") && isWord(tokens[j + 3]))
    j += 3;
  const c = compound(tokens, j);
  if (!c) return null;
  let word = c.text;
  let end = c.end;
  // "m^2", "cm^2"
  if (
    (word === "m" || word === "cm") &&
    isSym(tokens[end], "^") &&
    isNum(tokens[end + 1]) &&
    (tokens[end + 1] as { v: number }).v === 2
  ) {
    word += "2";
    end += 2;
  }
  const basis = denominator(lastPart(word)) ?? denominator(word);
  if (!basis) return null;
  if (basis === "per_kg") {
    // "kg body weight", "kg b.w.", "kg of body weight", "kg (pbw)", "kg BW"
    for (;;) {
      const t = tokens[end];
      if (isWord(t) && KG_FILLER.test(t.lw.replace(/\.$/, ""))) end++;
      else if (isSym(t, ".") && isWord(tokens[end - 1], "b", "w", "b.w")) end++;
      else if (
        isSym(t, "(") &&
        isWord(tokens[end + 1]) &&
        KG_FILLER.test(tokens[end + 1]!.k === "word" ? (tokens[end + 1] as { lw: string }).lw : "") &&
        isSym(tokens[end + 2], ")")
      )
        end += 3;
      else break;
    }
  }
  if (basis === "per_joint" && isWord(tokens[end], "site", "sites")) end++;
  return { basis, end };
}

/** The unit that starts at token `i` (after a dose's number or power), or null when none does. */
export function readUnit(tokens: readonly Token[], i: number): Unit | null {
  const unit: Unit = {
    basis: null,
    cells: false,
    product: null,
    notCells: false,
    volume: false,
    perAdministration: false,
    scaled: false,
    end: i,
  };
  let j = i;
  // "2 µg/kg", "10 mg", "5 IU": a mass, not cells
  const first = tokens[i];
  if (isSym(first, "%")) {
    unit.volume = true;
    unit.end = i + 1;
    return unit;
  }
  if (isWord(first) && MASS.test(first.lw)) {
    unit.volume = true;
    j = i + 1;
    if (isSym(tokens[j], "/") && isWord(tokens[j + 1])) j += 2;
    unit.end = j;
    return unit;
  }
  // "unit of UC- MSCs", "total cells", "viable cells", "hWJCs cells", "AT-MSC"
  for (;;) {
    if (isWord(tokens[j], "unit", "units") && isWord(tokens[j + 1], "of")) {
      j += 2;
      continue;
    }
    if (isWord(tokens[j], "total", "viable", "nucleated", "of")) {
      j++;
      continue;
    }
    const c = compound(tokens, j);
    if (!c) break;
    // "5 × 10⁶ cells NSPC 6 × 10⁶ cells": a product named before the next dose is that dose's
    if (isNum(tokens[c.end]) || isPow(tokens[c.end])) break;
    if (isNotCellsWord(c.text)) {
      unit.notCells = true;
      j = c.end;
      continue;
    }
    if (isNonMscProduct(c.text)) {
      unit.product = c.text.toUpperCase();
      unit.cells = true;
      j = c.end;
      continue;
    }
    if (MSC_WORD.test(c.text) || MSC_WORD.test(lastPart(c.text))) {
      unit.cells = true;
      j = c.end;
      continue;
    }
    // "UC- MSCs": a hyphen before a space
    if (tokens[c.end]?.k === "dash") {
      const next = compound(tokens, c.end + 1);
      if (next && MSC_WORD.test(lastPart(next.text))) {
        unit.cells = true;
        j = next.end;
        continue;
      }
    }
    break;
  }
  // Denominators: "/kg", "per kg", "/kg/round", "per infusion"; a bare "kg" right after the number
  for (;;) {
    const slash = isSym(tokens[j], "/") || isWord(tokens[j], "per");
    const start = slash ? j + 1 : j;
    if (
      !slash &&
      !(
        j === i &&
        isWord(tokens[j]) &&
        (KG.test((tokens[j] as { lw: string }).lw) || ML.test((tokens[j] as { lw: string }).lw))
      )
    )
      break;
    const scale = tokens[start];
    if (
      slash &&
      isNum(scale) &&
      scale.v !== 1 &&
      isWord(tokens[start + 1]) &&
      denominator((tokens[start + 1] as { lw: string }).lw)
    ) {
      unit.scaled = true;
      j = start + 2;
      break;
    }
    const d = readDenominator(tokens, start);
    if (!d) break;
    if (!slash && d.basis === "per_ml") {
      // "15 mL": a volume, unless cells were named ("cells mL" is not written)
      unit.volume = !unit.cells;
      j = d.end;
      break;
    }
    if (d.basis === "cells") unit.cells = true;
    else if (d.basis === "total") {
      unit.perAdministration = true;
      unit.basis ??= "total";
    } else if (unit.basis === null || unit.basis === "total") unit.basis = d.basis;
    j = d.end;
  }
  // "… cells each time", "… per round" were read above; "each time" after the unit
  if (isWord(tokens[j], "each") && isWord(tokens[j + 1], "time")) {
    unit.perAdministration = true;
    j += 2;
  }
  const named =
    unit.cells ||
    unit.basis !== null ||
    unit.notCells ||
    unit.volume ||
    unit.scaled ||
    unit.perAdministration;
  if (j === i || !named) return null;
  if (unit.basis === null && unit.cells) unit.basis = "total";
  unit.end = j;
  return unit;
}

/** What a column header says of the cells under it. */
export interface HeaderUnit {
  /** A power of ten the cells' bare numbers are in ("×10⁶", "million"). */
  exp: number | null;
  basis: StatedBasis | null;
  /** The header says the numbers are medians with ranges, or ranges with medians. */
  form: "median_range" | "range_median" | "mean_sd" | null;
  /** The words that say it, for the reading's assumptions. */
  text: string | null;
}

/** Reads the unit a dose column's header gives ("Dose (×10⁶ cells/kg)", "MSCs dose (106/kg)",
 * "No. of cells/dose/62-kg person, million", "Dose of MSCs (cells/kg)", "Cells/Dose (x106)"). */
export function readHeaderUnit(header: string | undefined): HeaderUnit {
  const none: HeaderUnit = { exp: null, basis: null, form: null, text: null };
  if (!header) return none;
  const text = plainText(header);
  const form = /range\s*\(\s*median\s*\)/i.test(text)
    ? "range_median"
    : /median\s*\(\s*(?:range|iqr)/i.test(text)
      ? "median_range"
      : /mean\s*(?:±|\+\/-)\s*sd/i.test(text)
        ? "mean_sd"
        : null;
  const tokens = tokenize(text);
  let exp: number | null = null;
  let basis: StatedBasis | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPow(t) && !t.doubtful) exp = t.exp;
    // "(106/kg)": a lost superscript with no multiplication sign, in the header's parentheses
    if (isNum(t) && /^10[4-9]$/.test(String(t.v)) && isSym(tokens[i - 1], "(", "[")) exp = t.v - 100;
    if (isSym(t, "/") || isWord(t, "per")) {
      const d = readDenominator(tokens, i + 1);
      if (d && d.basis !== "cells") basis = basis === null || basis === "total" ? d.basis : basis;
    }
    if (isWord(t) && (isCellWord(t.lw) || t.lw === "cells") && basis === null) basis = "total";
  }
  // "Cells/Dose", "cells per infusion": a count of cells per administration
  if (basis === null && /\bcells?\b|\bmscs?\b/i.test(text) && exp !== null) basis = "total";
  const unitText = /\(([^()]*(?:\([^()]*\))?[^()]*)\)\s*$/.exec(text)?.[1] ?? (exp !== null ? text : null);
  return { exp, basis, form, text: exp !== null || basis !== null ? (unitText ?? text) : null };
}
