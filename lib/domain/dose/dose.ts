// Reading the dose column of review tables ("1–2 × 106/kg", "67.37 ± 7.65 × 106cells",
// "20/100/200 ×106 cells", "Unknown") into numbers with a unit basis, and normalising
// them to cells/kg. Pure: no I/O. A text it cannot read gets a reason, never a guess.

import { DEFAULT_WEIGHT_KG, type DoseBasis } from "../vocabulary";

export type { DoseBasis };
export type DoseForm = "single" | "range" | "mean_sd" | "lower_bound" | "list" | "unknown" | "unreadable";

export interface ParsedDose {
  raw: string;
  form: DoseForm;
  basis: DoseBasis;
  /** Cells per basis unit (per kg, per person, per joint, per ml); null when not given. */
  low: number | null;
  high: number | null;
  /** The standard deviation of a "mean ± SD" dose. */
  sd: number | null;
  /** An approximate value ("~", "≈", "about") rather than an exact one. */
  estimated: boolean;
  /** Why the text could not be read; null when it was read (or plainly says the dose is unknown). */
  reason: string | null;
  /** For a list that means several arms ("1, 2 × 106/kg"): one single dose per arm. */
  arms: ParsedDose[] | null;
}

const UNKNOWN_WORDS = new Set([
  "",
  "unknown",
  "unk",
  "n/a",
  "na",
  "nr",
  "nd",
  "not reported",
  "not stated",
  "not available",
  "none",
  "/",
  "-",
  "–",
  "—",
  "?",
]);

const SUPERSCRIPT: Record<string, string> = {
  "⁰": "0",
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
  "⁻": "-",
};

function base(raw: string, form: DoseForm, basis: DoseBasis, reason: string | null = null): ParsedDose {
  return { raw, form, basis, low: null, high: null, sd: null, estimated: false, reason, arms: null };
}

/** Which unit the text states; undefined when it states none. */
function readBasis(text: string): DoseBasis | undefined {
  const t = text.toLowerCase();
  if (/\/\s*(kg|kilogram)|per\s*(kg|kilogram)|cells?\s*\/\s*kg|\bkg\s*(bw|body)/.test(t)) return "per_kg";
  if (/\/\s*(joints?|knee)\b|per\s*(joints?|knee)\b/.test(t)) return "per_joint";
  if (/\/\s*ml\b|per\s*ml\b/.test(t)) return "per_ml";
  if (
    /cells?\b|\/\s*(patient|person|subject|dose|infusion)|per\s*(patient|person|subject|dose|infusion)|\btotal\b|million|billion/.test(
      t,
    )
  )
    return "total";
  return undefined;
}

/** Rewrites every way of writing a power of ten as "e<N>" right after its number. */
function canonicalPowers(text: string): string {
  let s = text.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+/g, (m) => "^" + [...m].map((c) => SUPERSCRIPT[c] ?? "").join(""));
  s = s.normalize("NFKC").replace(/[\u2009\u00a0\u202f]/g, " ");
  // "× 10^6", "x10^6", "* 10 ^ 6"
  s = s.replace(/\s*[×xX*]\s*10\s*\^\s*([+-]?\d{1,2})/g, "e$1");
  // "× 106" with its superscript lost: the digits after "10" are the exponent. "× 100" or
  // "× 101" could as well be a plain factor, so those are left for the reader to refuse.
  s = s.replace(/\s*[×xX*]\s*10\s*([2-9]|1[0-5])(?!\d|\.\d)/g, "e$1");
  // A bare "10^6" as a whole value.
  s = s.replace(/(^|[^\d.])10\s*\^\s*(\d{1,2})/g, "$11e$2");
  // "1e6", "1E+06"
  s = s.replace(/(\d)\s*[eE]\s*\+?(\d{1,2})\b/g, "$1e$2");
  s = s.replace(/\s*million\b/gi, "e6 ").replace(/\s*billion\b/gi, "e9 ");
  // "107cells": keep the unit apart from the exponent.
  return s.replace(/e(\d{1,2})(?=[A-Za-z])/g, "e$1 ");
}

interface Token {
  kind: "num" | "range" | "list" | "pm" | "ge";
  mantissa?: string;
  exp?: number | undefined;
}

/** Splits the quantity part into numbers and separators; undefined when something else is there. */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let s = text.trim();
  const patterns: [RegExp, (m: RegExpExecArray) => Token][] = [
    [
      /^(\d+(?:\.\d+)?)(?:e([+-]?\d{1,2}))?/,
      (m) => ({ kind: "num", mantissa: m[1], exp: m[2] === undefined ? undefined : Number(m[2]) }),
    ],
    [/^(?:±|\+\/-|\+-)/, () => ({ kind: "pm" })],
    [/^(?:≥|>=|>|at least)/i, () => ({ kind: "ge" })],
    [/^(?:to|[–—\-~∼])/i, () => ({ kind: "range" })],
    [/^(?:,|\/|;|\bor\b|\band\b|&)/i, () => ({ kind: "list" })],
  ];
  while (s.length > 0) {
    let matched = false;
    for (const [re, make] of patterns) {
      const m = re.exec(s);
      if (m && m[0].length > 0) {
        tokens.push(make(m));
        s = s.slice(m[0].length).trimStart();
        matched = true;
        break;
      }
    }
    if (!matched) return undefined;
  }
  return tokens;
}

/** A trailing power of ten applies to the numbers before it that have none ("1–2 × 106"). */
function values(tokens: Token[]): number[] {
  const nums = tokens.filter((t) => t.kind === "num");
  let exp: number | undefined;
  const out: number[] = new Array<number>(nums.length);
  for (let i = nums.length - 1; i >= 0; i--) {
    const t = nums[i]!;
    if (t.exp !== undefined) exp = t.exp;
    // Through a string, so that "1.1 × 10⁶" is exactly 1100000.
    out[i] = Number(`${t.mantissa ?? "0"}e${t.exp ?? exp ?? 0}`);
  }
  return out;
}

export function parseDose(input: string): ParsedDose {
  const raw = input;
  const trimmed = input
    .replace(/[\u2009\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    // "A single dose of 1 × 106 cells/kg; IV": the words around the dose are not the dose.
    .replace(/^(a\s+)?(single\s+|total\s+)?doses?\s+of\s+/i, "")
    .replace(/\s*;\s*[^;\d]*$/, "");
  if (UNKNOWN_WORDS.has(trimmed.toLowerCase())) return base(raw, "unknown", "unknown");

  let text = canonicalPowers(trimmed);
  const APPROX = /^(~|≈|∼|approx\.?|approximately|about|ca\.?)\s*/i;
  const estimated = APPROX.test(text);
  text = text.replace(APPROX, "");

  const basis = readBasis(trimmed);
  // Keep only the quantity: drop the unit words and what follows them.
  const quantity = text
    .replace(/\(.*?\)/g, " ")
    .replace(
      /\b(cells?|cell|mscs?|kg|bw|body weight|predicted|joints?|ml|patients?|persons?|subjects?|total|doses?|infusions?|knee|per)\b/gi,
      " ",
    )
    .replace(/\/\s*(?=\s|$)/g, " ")
    .replace(/\/\s*$/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[/\s]+$/, "");

  const tokens = tokenize(quantity);
  if (!tokens || tokens.filter((t) => t.kind === "num").length === 0) {
    return base(
      raw,
      "unreadable",
      "unknown",
      tokens ? "no number in the dose" : `cannot read "${trimmed}" as a dose`,
    );
  }
  if (!basis) {
    return base(
      raw,
      "unreadable",
      "unknown",
      `no unit in "${trimmed}": say per kg, cells (per person), per joint or per ml`,
    );
  }
  const nums = values(tokens);
  const kinds = tokens.map((t) => t.kind).join(" ");
  const dose = { ...base(raw, "single", basis), estimated };

  if (kinds === "num") return { ...dose, low: nums[0]!, high: nums[0]! };
  if (kinds === "ge num") return { ...dose, form: "lower_bound", low: nums[0]!, high: null };
  if (kinds === "num range num") {
    const [low, high] = [nums[0]!, nums[1]!];
    if (low > high) return base(raw, "unreadable", "unknown", `the range "${trimmed}" runs backwards`);
    return { ...dose, form: "range", low, high };
  }
  if (kinds === "num pm num")
    return { ...dose, form: "mean_sd", low: nums[0]!, high: nums[0]!, sd: nums[1]! };
  if (/^num( list+ num)+$/.test(kinds.replace(/list( list)+/g, "list"))) {
    const arms = nums.map((v) => ({ ...base(raw, "single" as const, basis), estimated, low: v, high: v }));
    return { ...dose, form: "list", low: Math.min(...nums), high: Math.max(...nums), arms };
  }
  return base(raw, "unreadable", "unknown", `cannot tell single dose, range or list apart in "${trimmed}"`);
}

export interface NormalisedDose {
  /** Cells per kg of body weight; null when the dose cannot be put on that scale. */
  low: number | null;
  high: number | null;
  /** The value a chart draws: the single value, the mean, the midpoint of a range, or a lower bound. */
  mid: number | null;
  /** True when converted from a total cell count through the reference weight, or approximate. */
  estimated: boolean;
  /** Why there is no cells/kg value (unknown dose, per joint, per ml, unreadable). */
  reason: string | null;
}

/**
 * A value in cells per `basis` as cells/kg: per-kg values as they are, totals through the
 * reference weight; null for per joint, per ml and unknown. (SQL queries apply the
 * same rule through cellsPerKgSql in lib/server/sql/filter-sql.ts.)
 */
export function toCellsPerKg(
  basis: DoseBasis,
  value: number | null,
  referenceWeightKg: number,
): number | null {
  if (value === null) return null;
  if (basis === "per_kg") return value;
  if (basis === "total") return value / referenceWeightKg;
  return null;
}

export function normaliseDose(
  dose: ParsedDose,
  { referenceWeightKg = DEFAULT_WEIGHT_KG }: { referenceWeightKg?: number } = {},
): NormalisedDose {
  const none = (reason: string): NormalisedDose => ({
    low: null,
    high: null,
    mid: null,
    estimated: false,
    reason,
  });
  if (dose.form === "unknown") return none("the table gives no dose");
  if (dose.form === "unreadable") return none(dose.reason ?? "the dose could not be read");
  if (dose.basis === "per_joint") return none("a dose per joint is not comparable with cells/kg");
  if (dose.basis === "per_ml") return none("a dose per ml is not comparable with cells/kg");
  if (dose.basis === "unknown" || dose.low === null) return none("the dose has no unit");
  if (!(referenceWeightKg > 0)) return none("the reference weight must be positive");
  const low = toCellsPerKg(dose.basis, dose.low, referenceWeightKg)!;
  const high = toCellsPerKg(dose.basis, dose.high, referenceWeightKg);
  const mid = high === null ? low : dose.form === "list" ? null : (low + high) / 2;
  return {
    low,
    high,
    mid,
    estimated: dose.basis === "total" || dose.estimated,
    reason: dose.form === "list" ? "a list of doses means several arms: normalise each arm" : null,
  };
}

/** The single doses a parsed dose stands for: one per arm of a list, else itself. */
export function doseArms(dose: ParsedDose): ParsedDose[] {
  return dose.form === "list" && dose.arms ? dose.arms : [dose];
}

/** "1.5 × 10⁶/kg", for labels and tooltips. */
export function formatCells(value: number, suffix = ""): string {
  if (value === 0) return `0${suffix}`;
  const exp = Math.floor(Math.log10(Math.abs(value)));
  const mantissa = value / 10 ** exp;
  const sup = String(exp)
    .split("")
    .map((d) => Object.entries(SUPERSCRIPT).find(([, v]) => v === d)?.[0] ?? d)
    .join("");
  const m = Number(mantissa.toPrecision(3));
  return `${m} × 10${sup}${suffix}`;
}
