// What the table readers share: cleaning a cell's spaces, the footnote of abbreviations, the
// enrollment cell ("20 (10/10)"), the registry id cell, and a disease's name.
import { readRegistryId, type RegistryId } from "../registry";
import type { StudyField } from "./headers";

export interface TableProblem {
  /** 1-based line in the text; null for the file as a whole. */
  line: number | null;
  field?: StudyField;
  message: string;
  /** An error leaves the row out of the import; a warning imports it as read. */
  severity: "error" | "warning";
}

export function cleanSpaces(s: string): string {
  return (
    s
      .replace(/[\u2009\u00a0\u202f\t\n\r]/g, " ")
      // Other control characters carry nothing a reader could see.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/ {2,}/g, " ")
      .trim()
  );
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

export function isFootnote(line: string): boolean {
  const parts = line.split(";");
  return (
    parts.length >= 3 && parts.filter((p) => /^\s*[^,]{1,20},\s*\S/.test(p)).length >= parts.length * 0.6
  );
}

export const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function diseaseName(code: string, abbreviations: Record<string, string>): string {
  return capitalise(abbreviations[code] ?? code);
}

/** The largest enrollment the database keeps (a PostgreSQL integer). */
export const MAX_COUNT = 2_147_483_647;

/** An enrollment cell: "46", "1,200", "20 (10/10)", "20(10+10)", "MS: 15 adults, ALS: 19 adults". */
export function parseCount(text: string): { n: number | null; parts: number[]; decimal: boolean } {
  const m = /^\s*(\d[\d,]*(?:\.\d+)?)\s*(?:\(([\d\s/+,]+)\))?/.exec(text);
  if (!m) return { n: null, parts: [], decimal: false };
  const raw = m[1]!;
  const decimal = /\.\d/.test(raw);
  const n = Number(raw.replace(/,/g, ""));
  const parts = m[2]
    ? m[2]
        .split(/[/+,]/)
        .map((p) => Number(p.trim()))
        .filter((p) => Number.isFinite(p))
    : [];
  return { n, parts, decimal };
}

export function registryOf(
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
