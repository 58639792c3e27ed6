// How often a dose was given, read from the dose cell's own words ("single", "twice", "3 rounds",
// "5 doses of …", "weekly ×4", "on days 0, 3 and 6") or from a Frequency / Schedule column.
import type { Administrations } from "./types";

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const COUNT = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const NOUN = String.raw`(?:doses?|infusions?|injections?|transfusions?|rounds?|cycles?|times|administrations?|transplant(?:ation)?s?|treatments?|applications?|courses?)`;
const MODIFIER = String.raw`(?:(?:repeated|serial|separate|consecutive|median|intravenous|intrathecal|intra-?arterial|intra-?articular|iv|i\.v\.?|it|ia|sc|subsequent|additional|weekly|monthly|daily)\s+)*`;

const countOf = (word: string): number => NUMBER_WORDS[word.toLowerCase()] ?? Number(word);

/** A stretch of the text read as part of the schedule. */
export interface ScheduleSpan {
  start: number;
  end: number;
}

export interface ScheduleReading {
  administrations: Administrations | null;
  /** Where the schedule was read, so the dose reader leaves those words alone. */
  spans: ScheduleSpan[];
  /** The numbers are totals over all administrations ("a total of", "in total"). */
  cumulative: boolean;
}

interface Found {
  kind: "count" | "varies" | "days" | "interval";
  count: number | null;
  start: number;
  end: number;
}

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => Pick<Found, "kind" | "count"> }[] = [
  // "once a week for 4 weeks (CR) or 8 weeks (PR)", "4 doses or 8 doses": alternatives
  {
    re: new RegExp(
      String.raw`\b(?:(?:once\s+a\s+week|weekly)\s+for\s+)?${COUNT}\s+(?:weeks?|${NOUN})\s*(?:\([^)]*\))?\s+or\s+${COUNT}\s+(?:weeks?|${NOUN})(?:\s*\([^)]*\))?`,
      "gi",
    ),
    read: () => ({ kind: "varies", count: null }),
  },
  // "1–5 doses", "3-5 times", "1 - 3 cycles", "2 or 3 rounds", "1, 2 or 3 rounds", "4–8 (monthly)"
  {
    re: new RegExp(String.raw`\b${COUNT}(?:\s*(?:,|–|-|to|or|/)\s*${COUNT})+\s*${MODIFIER}${NOUN}\b`, "gi"),
    read: () => ({ kind: "varies", count: null }),
  },
  // "once a week for 4 weeks", "weekly for 4 weeks", "weekly ×4", "×4 weekly"
  {
    re: new RegExp(String.raw`\b(?:once\s+a\s+week|weekly)\s+for\s+${COUNT}\s+weeks\b`, "gi"),
    read: (m) => ({ kind: "count", count: countOf(m[1]!) }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:weekly|monthly|daily)\s*[×x]\s*${COUNT}\b|[×x]\s*${COUNT}\s+(?:weekly|monthly|daily)\b`,
      "gi",
    ),
    read: (m) => ({ kind: "count", count: countOf(m[1] ?? m[2]!) }),
  },
  // "a single dose", "single median dose", "Single IV"
  {
    re: new RegExp(String.raw`\b(?:a\s+)?single\b(?:\s+${MODIFIER}${NOUN}\b)?`, "gi"),
    read: () => ({ kind: "count", count: 1 }),
  },
  // "3 doses", "Three doses of", "2 IV doses", "one IV dose", "via 2 repeated intrathecal injections"
  // (not "three dose groups", "dose levels")
  {
    re: new RegExp(
      String.raw`\b${COUNT}\s+${MODIFIER}${NOUN}\b(?![\s-]*(?:groups?|levels?|cohorts?|arms?|escalation))(?:\s+of\b)?`,
      "gi",
    ),
    read: (m) => ({ kind: "count", count: countOf(m[1]!) }),
  },
  { re: /\bonce\b/gi, read: () => ({ kind: "count", count: 1 }) },
  { re: /\btwice\b/gi, read: () => ({ kind: "count", count: 2 }) },
  { re: /\bthrice\b/gi, read: () => ({ kind: "count", count: 3 }) },
  // "on days 0, 3 and 6", "at days 1, 3, 5, and 7", "(day 0,1,3)", "days 1, 2, 3, 4, and 5"
  {
    re: /\b(?:on|at|,)?\s*,?\s*days?\s+(\d{1,3}(?:\s*(?:,|and|&)\s*(?:and\s+)?\d{1,3})+)/gi,
    read: (m) => ({ kind: "days", count: (m[1]!.match(/\d+/g) ?? []).length }),
  },
  // "at 7-day intervals", "at 3–4-day intervals", "3 days apart", "at one-week interval",
  // "every 4 weeks", "(interval 5 d)", "at 1-month intervals", "separate by 10 days"
  {
    re: /\b(?:at\s+)?(?:\d{1,2}(?:\s*[–-]\s*\d{1,2})?|one|two|three|four)[\s–-]*(?:day|week|month)s?[\s–-]*intervals?\b|\b\d{1,2}\s*(?:days?|weeks?|months?)\s+apart(?:\s+from\s+each\s+other)?\b|\bevery\s+\d{1,2}\s*(?:days?|weeks?|months?)\b|\binterval\s+\d{1,2}\s*(?:d|days?|weeks?)\b|\bseparated?\s+by\s+\d{1,2}\s*(?:days?|weeks?)\b|\bat\s+\d{1,2}[\s–-]*(?:day|week|month)\s+intervals?\b/gi,
    read: () => ({ kind: "interval", count: null }),
  },
];

/** Administrations from what a cell's words say, with the stretches of text they took up. */
export function readSchedule(text: string): ScheduleReading {
  const found: Found[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const end = m.index + m[0].length;
      if (!taken(start, end)) found.push({ ...read(m), start, end });
    }
  }
  const cumulative = /\b(?:a\s+total\s+of|in\s+total|cumulative(?:ly)?)\b/i.test(text);
  const spans = found.map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start);
  if (found.length === 0) return { administrations: null, spans, cumulative };
  const schedule = spans.map((s) => text.slice(s.start, s.end).trim()).join("; ");
  const counts = [...new Set(found.filter((f) => f.kind === "count").map((f) => f.count))];
  const days = found.find((f) => f.kind === "days")?.count ?? null;
  let count: number | null = null;
  if (found.some((f) => f.kind === "varies")) count = null;
  else if (counts.length === 1) count = counts[0]!;
  else if (counts.length === 0 && days !== null && days >= 2) count = days;
  return { administrations: { count, schedule }, spans, cumulative };
}

const NO_ANSWER =
  /^(?:nr|na|n\/a|ns|nd|not\s+(?:reported|stated|specified|available|given)|unknown|unclear|–|-|\/|\?)\.?$/i;

/** Whether a frequency column holds summaries (means, medians) rather than each study's count. */
export function frequencyColumnIsSummary(header: string | undefined, cells: readonly string[] = []): boolean {
  if (header && /\b(?:median|mean|average|avg)\b/i.test(header)) return true;
  return cells.some((c) => /^\s*\d+\.\d+\s*$/.test(c));
}

/** Administrations from a Frequency / Schedule / No. of infusions cell. */
export function readFrequency(
  text: string,
  options: { header?: string; column?: readonly string[]; summary?: boolean } = {},
): Administrations | null {
  const t = text
    .trim()
    .replace(/\b(?:i\.?v\.?|i\.?a\.?|i\.?t\.?|intravenous(?:ly)?)\b\.?/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!t || NO_ANSWER.test(t)) return null;
  if (options.summary ?? frequencyColumnIsSummary(options.header, options.column))
    return { count: null, schedule: text.trim() };
  const bare = /^(\d{1,2})\.?$/.exec(t);
  if (bare) return { count: Number(bare[1]), schedule: null };
  // "3 (every 4 weeks)", "1 (3)" (one infusion, three patients), "2 (separate by 10 days)"
  const lead = /^(\d{1,2})\s*\(([^()]*)\)\.?$/.exec(t);
  if (lead) {
    const inner = lead[2]!;
    const varies = /\d\s*(?:–|-|,|or|\+)\s*\d|^\s*\+/.test(inner);
    return varies
      ? { count: null, schedule: text.trim() }
      : { count: Number(lead[1]), schedule: inner.trim() || null };
  }
  // "4–8", "6–9", "1/2", "4 or 1 + 3", "8 (+ 4)", "1 (6). 2 (1)."
  if (/^\d[\d\s–\-/+,.()or]*$/i.test(t)) return { count: null, schedule: text.trim() };
  const reading = readSchedule(t);
  return reading.administrations ?? { count: null, schedule: text.trim() };
}
