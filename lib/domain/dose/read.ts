// Reads a dose cell as an expert reviewer would: every arm it names with its form (value, range,
// mean ± SD, median with range or IQR, bound) and basis (per kg, per person, per joint, per ml,
// per m² or cm²), the unit from the column header when the cell carries none, how often it was
// given, the words that are not part of the dose as a note, and what it assumed. What it cannot
// read it refuses with the reason (no dose, not a cell count, ambiguous); it never guesses.
import { readFrequency, readSchedule } from "./schedule";
import { isNum, isPow, isSym, isWord, plainText, tokenize, type Token } from "./tokens";
import type {
  Administrations,
  ArmDose,
  CoAdministered,
  DoseContext,
  DoseForm,
  DoseReading,
  StatedBasis,
} from "./types";
import {
  isNonMscProduct,
  isNotCellsWord,
  readHeaderUnit,
  readUnit,
  type HeaderUnit,
  type Unit,
} from "./units";

/** A number of the cell with the power of ten it is in, once that is known. */
interface Value {
  v: number;
  exp: number | null;
  doubtful: boolean;
  token: number;
}

/** One dose as parsed, before its powers of ten and basis are settled. */
interface Element {
  form: DoseForm;
  values: Value[];
  /** Index into values of low/high/central/sd, per form. */
  unit: Unit | null;
  label: string | null;
  approximate: boolean;
  /** A number in parentheses after a range: the median, if it lies inside the range. */
  inner: Value | null;
  iqr: boolean;
  /** The words just before the dose name a product ("NSPC 6 × 10⁶ cells"). */
  product: string | null;
  start: number;
  end: number;
  /** Joined to the previous element by "/" ("1/5 × 10⁶/kg"). */
  slashed: boolean;
}

interface Group {
  elements: Element[];
  unit: Unit | null;
  start: number;
  end: number;
}

const NO_DOSE = new Set([
  "",
  "nr",
  "na",
  "n/a",
  "n.a",
  "ns",
  "n.s",
  "nd",
  "uk",
  "unk",
  "unknown",
  "unclear",
  "unspecified",
  "undefined",
  "not reported",
  "not stated",
  "not specified",
  "not available",
  "not given",
  "not mentioned",
  "not applicable",
  "none",
  "no data",
  "-",
  "–",
  "—",
  "/",
  "?",
  "...",
]);

const FOOTNOTE = /[*†‡§¶#]+|\^[a-z]\b/g;

const refused = (
  raw: string,
  refusal: DoseReading["refusal"],
  reason: string | null,
  note: string | null = null,
): DoseReading => ({
  raw,
  arms: [],
  refusal,
  reason,
  note,
  assumptions: [],
  coAdministered: [],
});

/** A word that joins items of a list ("1, 2 or 4 × 10⁶"). */
const isListSep = (t: Token | undefined) => isSym(t, ",", "&", "/") || isWord(t, "or", "and");
const isRangeSep = (t: Token | undefined) => t?.k === "dash" || isWord(t, "to");

const COMPARATORS: [string[], "ge" | "le"][] = [
  [["up", "to"], "le"],
  [["at", "least"], "ge"],
  [["at", "most"], "le"],
  [["more", "than"], "ge"],
  [["greater", "than"], "ge"],
  [["less", "than"], "le"],
  [["fewer", "than"], "le"],
  [["over"], "ge"],
  [["above"], "ge"],
  [["under"], "le"],
  [["below"], "le"],
  [["maximum"], "le"],
  [["max"], "le"],
  [["minimum"], "ge"],
];

const APPROX_WORDS = ["approximately", "approx", "about", "around", "roughly", "ca", "circa", "nearly"];

class Parser {
  readonly consumed = new Set<number>();
  /** A "/" between two numbers that could as well be a fraction. */
  fractionLike = false;
  /** A denominator with a number other than 1 ("/100 mL"). */
  scaledDenominator = false;

  constructor(readonly t: readonly Token[]) {}

  take(from: number, to: number) {
    for (let i = from; i < to; i++) this.consumed.add(i);
  }

  /** Whether a dose starts at i: a number, a power, a comparison, "(" or "[" with a number. */
  startsDose(i: number): boolean {
    const t = this.t[i];
    if (isNum(t) || isPow(t) || t?.k === "cmp" || t?.k === "approx") return true;
    if (t?.k === "dash" && t.c === "~" && (i === 0 || !isNum(this.t[i - 1])) && isNum(this.t[i + 1]))
      return true;
    if (isSym(t, "(", "["))
      return (
        isNum(this.t[i + 1]) || isPow(this.t[i + 1]) || (isSym(this.t[i + 1], "(") && isNum(this.t[i + 2]))
      );
    if (isWord(t, "from", "between") && isNum(this.t[i + 1])) return true;
    if (this.comparator(i) !== null) return true;
    if (isWord(t) && APPROX_WORDS.includes(t.lw) && isNum(this.t[i + 1] ?? this.t[i + 2])) return true;
    return false;
  }

  comparator(i: number): { dir: "ge" | "le"; end: number } | null {
    const t = this.t[i];
    if (t?.k === "cmp") return { dir: t.dir, end: i + 1 };
    for (const [words, dir] of COMPARATORS) {
      if (
        words.every((w, k) => isWord(this.t[i + k], w)) &&
        (isNum(this.t[i + words.length]) || isPow(this.t[i + words.length]))
      )
        return { dir, end: i + words.length };
    }
    return null;
  }

  /** A number with its own power of ten ("2.5 × 10⁷"), a bare power ("10⁶"), or a plain number. */
  magnitude(i: number): { value: Value; end: number } | null {
    const t = this.t[i];
    if (isNum(t)) {
      const p = this.t[i + 1];
      if (isPow(p)) return { value: { v: t.v, exp: p.exp, doubtful: p.doubtful, token: i }, end: i + 2 };
      return { value: { v: t.v, exp: null, doubtful: false, token: i }, end: i + 1 };
    }
    if (isPow(t)) return { value: { v: 1, exp: t.exp, doubtful: t.doubtful, token: i }, end: i + 1 };
    return null;
  }

  /** "(label)" after a dose: words, no numbers. */
  parenLabel(i: number): { label: string; end: number } | null {
    if (!isSym(this.t[i], "(")) return null;
    const words: string[] = [];
    let j = i + 1;
    while (j < this.t.length && !isSym(this.t[j], ")")) {
      const t = this.t[j]!;
      if (t.k === "num" || t.k === "pow" || t.k === "pm") return null;
      if (t.k === "word") words.push(t.w);
      else if (t.k === "dash") words.push("-");
      j++;
    }
    if (!isSym(this.t[j], ")") || words.length === 0 || words.length > 5) return null;
    return { label: words.join(" ").replace(/ - /g, "-"), end: j + 1 };
  }

  /** One dose: [≈][≥] a magnitude, then a range, ± SD, median (range) or a parenthesised group. */
  element(i: number): Element | null {
    const start = i;
    let approximate = false;
    let cmp: "ge" | "le" | null = null;
    for (;;) {
      const t = this.t[i];
      if (t?.k === "approx" || (isWord(t) && APPROX_WORDS.includes(t.lw))) {
        approximate = true;
        i += isSym(this.t[i + 1], ".") ? 2 : 1;
        continue;
      }
      if (t?.k === "dash" && t.c === "~" && (isNum(this.t[i + 1]) || isPow(this.t[i + 1]))) {
        approximate = true;
        i++;
        continue;
      }
      const c = this.comparator(i);
      if (c) {
        cmp = c.dir;
        i = c.end;
        continue;
      }
      break;
    }
    const el: Element = {
      form: "single",
      values: [],
      unit: null,
      label: null,
      approximate,
      inner: null,
      iqr: false,
      product: null,
      start,
      end: i,
      slashed: false,
    };
    // "from X to Y", "between X and Y"
    if (isWord(this.t[i], "from", "between")) {
      const closing = isWord(this.t[i], "from") ? ["to"] : ["and", "to"];
      const a = this.magnitude(i + 1);
      if (a) {
        const ua = readUnit(this.t, a.end);
        let j = ua?.end ?? a.end;
        if (isWord(this.t[j], ...closing) || this.t[j]?.k === "dash") {
          const b = this.magnitude(j + 1);
          if (b) {
            el.form = "range";
            el.values = [a.value, b.value];
            el.unit = ua;
            j = b.end;
            el.end = j;
            return this.tail(el);
          }
        }
      }
      return null;
    }
    // "(1.1 – 2.0) × 10⁶/kg", "[1–10]×10⁶/kg", "(3.08 ± 0.52) × 10⁶ cells": a group in brackets
    if (isSym(this.t[i], "(", "[")) {
      const close = isSym(this.t[i], "(") ? ")" : "]";
      const inner = this.group(i + 1);
      if (!inner || !isSym(this.t[inner.end], close)) return null;
      let j = inner.end + 1;
      const pow = this.t[j];
      if (isPow(pow)) {
        for (const e of inner.elements)
          for (const v of e.values)
            if (v.exp === null) {
              v.exp = pow.exp;
              v.doubtful = pow.doubtful;
            }
        j++;
      }
      if (inner.elements.length !== 1) {
        // "(1, 10)×10⁷": a list in brackets; the caller takes its elements.
        this.bracketList = inner.elements;
        this.bracketUnit = readUnit(this.t, j);
        this.bracketEnd = this.bracketUnit?.end ?? j;
        return null;
      }
      const only = inner.elements[0]!;
      Object.assign(el, { form: only.form, values: only.values, inner: only.inner, iqr: only.iqr });
      el.unit = readUnit(this.t, j) ?? inner.unit ?? only.unit;
      el.end = el.unit?.end ?? j;
      return this.label(this.tail(el));
    }
    const a = this.magnitude(i);
    if (!a) return null;
    el.values = [a.value];
    let j = a.end;
    let unit = readUnit(this.t, j);
    if (unit) j = unit.end;
    // range: "1–2 × 10⁶/kg", "0.7 × 10⁶ cells/kg – 2.8 × 10⁶ cells/kg", "7 × 10⁵ to 1.2 × 10⁶ cells"
    if (isRangeSep(this.t[j]) && (this.magnitude(j + 1) || isSym(this.t[j + 1], "(")) && !cmp) {
      const b = this.magnitude(j + 1);
      if (
        b &&
        !(
          isWord(this.t[b.end]) &&
          /^(?:days?|weeks?|months?|years?|h|hours?)$/.test((this.t[b.end] as { lw: string }).lw)
        )
      ) {
        el.form = "range";
        el.values.push(b.value);
        j = b.end;
        const ub = readUnit(this.t, j);
        if (ub) {
          unit = ub;
          j = ub.end;
        }
      }
    } else if (this.t[j]?.k === "pm") {
      const b = this.magnitude(j + 1);
      if (b) {
        el.form = "mean_sd";
        el.values.push(b.value);
        j = b.end;
        const ub = readUnit(this.t, j);
        if (ub) {
          unit = ub;
          j = ub.end;
        }
      }
    }
    if (cmp) el.form = cmp === "ge" ? "lower_bound" : "upper_bound";
    el.unit = unit;
    el.end = j;
    return this.label(this.tail(el));
  }

  bracketList: Element[] | null = null;
  bracketUnit: Unit | null = null;
  bracketEnd = 0;

  /** The list a bracket held ("(1, 10)×10⁷"), which element() leaves for group() to take. */
  pendingList(): Element[] | null {
    const list = this.bracketList;
    this.bracketList = null;
    return list;
  }

  /** What may follow a dose in parentheses: its range ("1 (0.7–9) × 10⁶/kg", "6.81 × 10⁶/kg (range,
   * 0.98–29.78 × 10⁶/kg)", "(IQR 2–5)"), or after a range the median ("1.2–450 (3.0) × 10⁷"). */
  tail(el: Element): Element {
    const open = this.t[el.end];
    if (!isSym(open, "(", "[")) return this.powAfter(el);
    let j = el.end + 1;
    let iqr = false;
    // "range", "min-max range", "IQR", "interquartile range", "median:"
    while (isWord(this.t[j]) || this.t[j]?.k === "dash" || isSym(this.t[j], ",", ":")) {
      const t = this.t[j]!;
      if (t.k === "word" && !/^(?:range|min|max|iqr|interquartile|median|r|q1|q3)$/.test(t.lw)) break;
      if (t.k === "word" && (t.lw === "iqr" || t.lw === "interquartile" || t.lw === "q1")) iqr = true;
      j++;
    }
    const close = isSym(open, "(") ? ")" : "]";
    if (el.form === "single") {
      const a = this.magnitude(j);
      if (!a) return this.powAfter(el);
      let k = a.end;
      const ua = readUnit(this.t, k);
      if (ua) k = ua.end;
      if (!isRangeSep(this.t[k])) return this.powAfter(el);
      const b = this.magnitude(k + 1);
      if (!b) return this.powAfter(el);
      k = b.end;
      const ub = readUnit(this.t, k);
      if (ub) k = ub.end;
      if (!isSym(this.t[k], close)) return this.powAfter(el);
      el.form = iqr || isSym(open, "[") ? "median_iqr" : "median_range";
      el.values = [el.values[0]!, a.value, b.value];
      el.unit ??= ub ?? ua;
      el.iqr = iqr;
      el.end = k + 1;
      return this.powAfter(el);
    }
    if (el.form === "range") {
      const a = this.magnitude(j);
      if (a && isSym(this.t[a.end], close)) {
        el.inner = a.value;
        el.end = a.end + 1;
      }
    }
    return this.powAfter(el);
  }

  /** A power and unit after a closing bracket apply to the whole dose ("1(0.7–9) × 10⁶/kg"). */
  powAfter(el: Element): Element {
    const p = this.t[el.end];
    if (isPow(p)) {
      for (const v of [...el.values, ...(el.inner ? [el.inner] : [])])
        if (v.exp === null) {
          v.exp = p.exp;
          v.doubtful = p.doubtful;
        }
      el.end++;
    }
    const u = readUnit(this.t, el.end);
    if (u) {
      // "75% BMSC": a share stays a share whatever cells are named after it
      el.unit = el.unit?.volume || (el.unit && !u.basis && u.cells === el.unit.cells) ? el.unit : u;
      el.end = u.end;
    }
    return el;
  }

  /** "(low-dose)", "(females)" after a dose names its group. */
  label(el: Element): Element {
    const l = this.parenLabel(el.end);
    if (l && !/^(?:pbw|bw|b\.w|iv|i\.v|it|ia)$/i.test(l.label)) {
      el.label = l.label;
      el.end = l.end;
    }
    return el;
  }

  /** Doses joined into a list ("1, 2 × 10⁶/kg", "2 or 8 × 10⁶/kg", "25, 50 and up to 90 × 10⁶"). */
  group(i: number): Group | null {
    const elements: Element[] = [];
    let j = i;
    for (;;) {
      this.bracketList = null;
      const el = this.element(j);
      if (!el) {
        const list = this.pendingList();
        if (list) {
          for (const e of list) {
            e.unit ??= this.bracketUnit;
            elements.push(e);
          }
          j = this.bracketEnd;
        } else break;
      } else {
        elements.push(el);
        j = el.end;
      }
      // a list goes on after ",", "or", "and", "&", "/" when a dose follows
      let k = j;
      let slashed = false;
      while (isListSep(this.t[k])) {
        if (isSym(this.t[k], "/")) slashed = true;
        k++;
      }
      if (k > j && this.startsDose(k) && !this.isScheduleNumber(k)) {
        const next = this.t[k];
        if (slashed && isNum(next)) {
          const prev = elements[elements.length - 1]!.values;
          const last = prev[prev.length - 1];
          if (last && last.exp === null && Number.isInteger(last.v) && last.v < 10 && next.v < 10)
            this.fractionLike = true;
        }
        j = k;
        continue;
      }
      break;
    }
    if (elements.length === 0) return null;
    const unit = readUnit(this.t, j);
    if (unit) j = unit.end;
    return { elements, unit, start: i, end: j };
  }

  /** A number followed by days or weeks, or a count of patients, is not a dose. */
  isScheduleNumber(i: number): boolean {
    const t = this.t[i + 1];
    return (
      isNum(this.t[i]) &&
      isWord(t) &&
      /^(?:days?|weeks?|months?|years?|h|hours?|patients?|pts|cohorts|groups|participants|subjects)$/.test(
        t.lw,
      )
    );
  }
}

/** The words just before token i, up to a separator: a label or a product name. */
function wordsBefore(
  tokens: readonly Token[],
  i: number,
  consumed: ReadonlySet<number>,
): { words: string[]; start: number } {
  const words: string[] = [];
  let j = i - 1;
  while (j >= 0 && !consumed.has(j)) {
    const t = tokens[j]!;
    if (t.k === "word") words.unshift(t.w);
    else if (t.k === "dash" && tokens[j - 1]?.k === "word") words.unshift("-");
    else break;
    j--;
  }
  return { words, start: j + 1 };
}

const joinWords = (words: readonly string[]) => words.join(" ").replace(/ - /g, "-").replace(/ -$/, "");

/** "MS:", "Low dose:", "group A:", "(1) Low dose:", "IV:MSC", "Phase I:", "Two pts:": a group's name. */
function labelAt(tokens: readonly Token[], i: number): { label: string; end: number } | null {
  let j = i;
  // "(1)", "(2)": numbering before a label
  if (isSym(tokens[j], "(") && isNum(tokens[j + 1]) && isSym(tokens[j + 2], ")")) j += 3;
  const words: string[] = [];
  while (j < tokens.length && words.length < 5) {
    const t = tokens[j]!;
    if (t.k === "word") words.push(t.w);
    else if (t.k === "dash" && words.length > 0) words.push("-");
    else if (t.k === "num" && words.length > 0 && Number.isInteger(t.v) && t.v < 100) words.push(String(t.v));
    else break;
    j++;
  }
  if (words.length === 0 || !isSym(tokens[j], ":", "=")) return null;
  // "(median: 4 cc)", "mean = 2": a statistic, not a group
  if (words.every((w) => /^(?:median|mean|average|range|iqr|sd|total|overall|n)$/i.test(w))) return null;
  // "+ fibrin glue Second:": the label starts at the word that names a group
  const head = words.findIndex((w) => LABEL_HEAD.test(w) || /^[A-Z][A-Z0-9]+$/.test(w));
  const own = head > 0 ? words.slice(head) : words.length > 3 ? words.slice(-3) : words;
  return { label: joinWords(own), end: j + 1 };
}

const LABEL_HEAD =
  /^(?:group|cohort|arm|phase|part|stage|dose|doses|level|low|lower|mid|middle|medium|intermediate|high|higher|first|second|third|fourth|1st|2nd|3rd|4th|one|two|three|four|five|six|seven|eight|nine|ten|children|adults|infants|males?|females?)$/i;

const ORDINAL = /^(?:first|second|third|fourth|1st|2nd|3rd|4th)$/i;

/** The basis of an element, and what was assumed to get it. */
function basisOf(
  el: Element,
  group: Group,
  header: HeaderUnit,
  joint: boolean,
  assumptions: Set<string>,
): StatedBasis | null {
  let basis: StatedBasis | null = el.unit?.basis ?? group.unit?.basis ?? null;
  if (basis === null && header.basis) {
    basis = header.basis;
    assumptions.add(`the unit is the column header's (${header.text ?? "its unit"})`);
  }
  if (basis === null) {
    const big = el.values.every((v) => v.exp !== null || v.v >= 1e4);
    if (!big) return null;
    basis = "total";
    assumptions.add("no unit: a count of cells is read as cells per person (total)");
  }
  if (basis === "total" && joint) {
    basis = "per_joint";
    assumptions.add("cells per injected joint: the dose is given into the joint");
  }
  return basis;
}

const value = (v: Value) => Number(`${v.v}e${v.exp ?? 0}`);

/** The arm of an element once its numbers are settled. */
function armOf(
  el: Element,
  basis: StatedBasis,
  administrations: Administrations | null,
  cumulative: boolean,
): ArmDose | string {
  const vs = el.values.map(value);
  const arm: ArmDose = {
    label: el.label,
    form: el.form,
    basis,
    low: null,
    high: null,
    central: null,
    sd: null,
    approximate: el.approximate,
    administrations,
    cumulative,
  };
  switch (el.form) {
    case "single":
      arm.low = arm.high = vs[0]!;
      break;
    case "lower_bound":
      arm.low = vs[0]!;
      break;
    case "upper_bound":
      arm.high = vs[0]!;
      break;
    case "mean_sd":
      arm.central = arm.low = arm.high = vs[0]!;
      arm.sd = vs[1]!;
      break;
    case "range":
      arm.low = vs[0]!;
      arm.high = vs[1]!;
      if (el.inner) {
        const m = value(el.inner);
        if (m >= arm.low && m <= arm.high) {
          arm.form = "median_range";
          arm.central = m;
        }
      }
      if (arm.low > arm.high) return "the range runs backwards";
      break;
    case "median_range":
    case "median_iqr":
      arm.central = vs[0]!;
      arm.low = vs[1]!;
      arm.high = vs[2]!;
      if (arm.low > arm.high) return "the range runs backwards";
      if (arm.central < arm.low || arm.central > arm.high) return "the median lies outside its range";
      break;
  }
  return arm;
}

const valuesOf = (e: Element) => [...e.values, ...(e.inner ? [e.inner] : [])];

/** Settles the powers of ten and units of a group. Within one dose a number without a power takes
 * the next one to its right, else the one before it ("0.9 × 10⁶/kg (range 0.6–1.1)"); across a
 * list only the later doses lend theirs ("1, 2 × 10⁶/kg"), never the earlier ("3.2 × 10⁷, 120":
 * the 120 is another quantity). When the cell gives no power at all, the header's applies. */
function settle(group: Group, headerExp: number | null, cellHasPow: boolean) {
  const els = group.elements;
  for (let k = els.length - 1; k >= 0; k--) {
    const el = els[k]!;
    const values = valuesOf(el);
    const later = els
      .slice(k + 1)
      .flatMap(valuesOf)
      .find((x) => x.exp !== null);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v.exp !== null) continue;
      const from =
        values.slice(i + 1).find((x) => x.exp !== null) ??
        [...values.slice(0, i)].reverse().find((x) => x.exp !== null) ??
        later;
      if (from) {
        v.exp = from.exp;
        v.doubtful = from.doubtful;
      } else if (!cellHasPow && headerExp !== null) v.exp = headerExp;
    }
    el.unit ??= els.slice(k + 1).find((e) => e.unit)?.unit ?? group.unit;
  }
}

const JOINT_ROUTE = /intra-?articular|\bi\.?a\.?\b(?!.*artery)|\bknee|\bjoint|intra-?discal/i;
const JOINT_DISEASE = /osteoarthritis|\bOA\b|menisc|cartilage|chondral|arthroplasty/i;

/** Reads one dose cell. */
export function readDose(raw: string, context: DoseContext = {}): DoseReading {
  const text = plainText(raw);
  const footnotes = text.match(FOOTNOTE);
  const bare = text
    .replace(FOOTNOTE, "")
    .replace(/\s*\([^()]*\)\s*$/, "")
    .trim()
    .replace(/\.$/, "");
  // "NR", "Unknown", "–": the table says it gives no dose (nothing to warn of).
  if (NO_DOSE.has(bare.toLowerCase())) return refused(raw, "no_dose", null);

  const schedule = readSchedule(text);
  // Mask the schedule's words so that their numbers are not read as doses.
  let masked = text;
  for (const s of schedule.spans)
    masked = masked.slice(0, s.start) + " ".repeat(s.end - s.start) + masked.slice(s.end);
  const tokens = tokenize(masked.replace(FOOTNOTE, (m) => " ".repeat(m.length)));
  if (!tokens.some((t) => t.k === "num" || t.k === "pow")) {
    return refused(raw, "no_dose", "the cell gives no number of cells", text);
  }
  const header = readHeaderUnit(context.header);
  const cellHasPow = tokens.some(isPow);
  const joint = JOINT_ROUTE.test(context.route ?? "") || JOINT_DISEASE.test(context.disease ?? "");

  const p = new Parser(tokens);
  const groups: { group: Group; label: string | null; product: string | null }[] = [];
  let label: string | null = null;
  /** Labels ("Second:") followed by no dose before the next label or the end. */
  let emptyLabel: string | null = null;
  let labelled = 0;
  for (let i = 0; i < tokens.length;) {
    const l = labelAt(tokens, i);
    if (l && !isNum(tokens[i])) {
      if (label !== null && groups.length === labelled) emptyLabel ??= label;
      labelled = groups.length;
      label = l.label;
      p.take(i, l.end);
      i = l.end;
      continue;
    }
    if (isNum(tokens[i]) && p.isScheduleNumber(i)) {
      i++;
      continue;
    }
    if (p.startsDose(i)) {
      const g = p.group(i);
      if (g) {
        const before = wordsBefore(tokens, i, p.consumed);
        const words = before.words.filter((w) => w !== "-");
        const named = joinWords(before.words);
        const product = words.some((w) => isNonMscProduct(w.toLowerCase())) ? named.toUpperCase() : null;
        // "Intranasal injection (1 × 10⁸)": the words before a dose in brackets name it
        let own = label;
        if (isSym(tokens[i], "(") && words.length > 0 && !product) {
          const name = joinWords(before.words.filter((w) => !/^(?:the|a|an|and|or|of)$/i.test(w)));
          own = label ? `${label} ${name}` : name;
        }
        for (const e of g.elements) {
          if (e.label && label) e.label = `${label} ${e.label}`;
          e.label ??= own;
        }
        groups.push({ group: g, label: own, product });
        p.take(i, g.end);
        i = g.end;
        continue;
      }
    }
    i++;
  }

  if (label !== null && groups.length === labelled) emptyLabel ??= label;
  // "First: 2 × 10⁷ … Second: double dose": a group whose dose is not a number is not guessed
  const headingOnly =
    emptyLabel !== null &&
    groups.some((g) => g.label !== null && g.label !== emptyLabel && g.label.startsWith(emptyLabel));
  if (
    emptyLabel !== null &&
    !headingOnly &&
    groups.length > 0 &&
    /\d|dose/i.test(textAfterLabel(masked, emptyLabel))
  ) {
    return refused(raw, "ambiguous", `the group “${emptyLabel}” gives no dose that can be read`);
  }
  if (
    tokens.some((t) => t.k === "word" && isNotCellsWord(t.lw)) ||
    groups.some((g) => g.group.elements.some((e) => e.unit?.notCells))
  ) {
    return refused(raw, "not_cells", "the dose is not a count of cells (vesicles, exosomes or secretome)");
  }
  if (p.fractionLike)
    return refused(raw, "ambiguous", 'a "/" between two small numbers may be a fraction or two doses');

  const assumptions = new Set<string>();
  const arms: ArmDose[] = [];
  const coAdministered: CoAdministered[] = [];
  const frequency = context.frequency
    ? readFrequency(context.frequency, {
        header: context.frequencyHeader,
        summary: context.frequencyIsSummary,
      })
    : null;
  const administrations = combine(schedule.administrations, frequency);
  const volumes: string[] = [];
  const mscGroups = groups.filter(
    (g) => !g.product && !g.group.elements.every((e) => e.unit?.product ?? g.group.unit?.product),
  );
  for (const { group, product } of groups) {
    settle(group, header.exp, cellHasPow);
    for (const el of group.elements) {
      const unit = el.unit ?? group.unit;
      if (unit?.volume && !unit.cells) {
        volumes.push(
          tokens
            .slice(el.start, el.end)
            .map((t) => masked.slice(t.s, t.e))
            .join(" "),
        );
        continue;
      }
      // A bare number when the cell gives its doses with powers of ten: a count of patients, a
      // volume, a second quantity of the column (not a dose).
      if (
        el.values.every((v) => v.exp === null) &&
        !unit?.cells &&
        !unit?.basis &&
        (cellHasPow || header.exp === null)
      ) {
        if (
          !cellHasPow &&
          header.exp === null &&
          header.basis === null &&
          el.values.every((v) => v.v < 1e4)
        ) {
          return refused(raw, "ambiguous", "a number with no unit and no power of ten");
        }
        if (cellHasPow) continue;
      }
      if (el.values.some((v) => v.doubtful)) {
        return refused(
          raw,
          "ambiguous",
          'the power of ten is unclear ("× 10²" or a factor of 102? "10e6": 10⁶ or 10 × 10⁶?)',
        );
      }
      if (unit?.scaled)
        return refused(raw, "ambiguous", "a dose per a number of units (per 100 mL?) is not read");
      const basis = basisOf(el, group, header, joint, assumptions);
      if (basis === null) return refused(raw, "ambiguous", "a number with no unit and no power of ten");
      const arm = armOf(el, basis, administrations, schedule.cumulative);
      if (typeof arm === "string") return refused(raw, "unreadable", arm);
      const coProduct = product ?? unit?.product ?? null;
      if (coProduct && mscGroups.length > 0) {
        coAdministered.push({
          name: coProduct,
          text: tokens
            .slice(group.start, group.end)
            .map((t) => masked.slice(t.s, t.e))
            .join(" "),
          dose: arm,
        });
        continue;
      }
      if (coProduct) assumptions.add(`the cells are ${coProduct}, the only product the cell names`);
      arms.push(arm);
    }
  }
  if (arms.length === 0) {
    if (volumes.length > 0) return refused(raw, "not_cells", "a volume or a mass, not a number of cells");
    return refused(raw, "unreadable", "no dose of cells could be read");
  }
  mergeOrdinals(arms);
  if (header.form === "range_median") assumptions.add("the header gives ranges with their medians");
  const notePart = noteOf(masked, tokens, p.consumed);
  const note =
    [notePart, ...(footnotes ?? []).map((f) => `footnote ${f}`)].filter(Boolean).join("; ") || null;
  if (frequency && !schedule.administrations) assumptions.add("how often: read from the frequency column");
  return { raw, arms, refusal: null, reason: null, note, assumptions: [...assumptions], coAdministered };
}

/** The text after a label's colon, up to the next colon. */
function textAfterLabel(text: string, label: string): string {
  const at = text.indexOf(label);
  if (at < 0) return "";
  const rest = text.slice(at + label.length).replace(/^\s*[:=]/, "");
  return rest.split(":")[0] ?? "";
}

/** The cell's own count wins; when it gives only an interval ("at 7-day intervals"), the
 * frequency column's count completes it. */
function combine(own: Administrations | null, column: Administrations | null): Administrations | null {
  if (!own) return column;
  const varies = /\bor\b|\d\s*[–-]\s*\d+\s*(?:doses?|times|rounds?|cycles?|infusions?|injections?)/i;
  if (own.count === null && column?.count != null && !varies.test(own.schedule ?? ""))
    return { count: column.count, schedule: own.schedule };
  return own;
}

/** "First: 10 × 10⁷ … Second: 10 × 10⁷": the same dose given twice is one arm with two administrations. */
function mergeOrdinals(arms: ArmDose[]) {
  if (arms.length < 2 || !arms.every((a) => a.label && ORDINAL.test(a.label.split(" ")[0]!))) return;
  const same = arms.every(
    (a) => a.low === arms[0]!.low && a.high === arms[0]!.high && a.basis === arms[0]!.basis,
  );
  if (!same) return;
  const count = arms.length;
  arms.splice(1);
  arms[0]!.label = null;
  arms[0]!.administrations = {
    count,
    schedule: `${count} administrations (${count === 2 ? "first and second" : "in turn"})`,
  };
}

/** The text that no dose, label or schedule took: route, notes. */
function noteOf(text: string, tokens: readonly Token[], consumed: ReadonlySet<number>): string | null {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < tokens.length; i++) {
    if (consumed.has(i)) {
      if (current) parts.push(current);
      current = "";
      continue;
    }
    const t = tokens[i]!;
    const piece = text.slice(t.s, t.e);
    const gap = i > 0 && tokens[i - 1]!.e < t.s ? " " : "";
    current += (current ? gap : "") + piece;
  }
  if (current) parts.push(current);
  const cleaned = parts
    .map((s) => s.replace(/^[\s,;:./&+)\]-]+|[\s,;:/&+(\[-]+$/g, "").trim())
    .filter((s) => s.length > 1 && /[A-Za-z]/.test(s));
  return cleaned.length ? cleaned.join("; ") : null;
}
