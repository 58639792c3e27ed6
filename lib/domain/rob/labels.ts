// Names of studies and study–outcomes in risk-of-bias plots and robvis files: the citation
// label, made unique over every study the tool applies to (so that a file exported from any
// selection reads back into the same studies), and " · <outcome>" for an outcome's assessment.
import { citationLabel } from "../import/citation";

export interface LabelledStudy {
  id: string;
  firstAuthor: string | null;
  publicationYear: number | null;
  reference: string | null;
  diseaseCode: string;
  sourceLine: number;
}

/** What a study–outcome of the study as a whole is called. */
export const WHOLE_STUDY = "whole study";
const SEPARATOR = " · ";

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) m.set(key(item), [...(m.get(key(item)) ?? []), item]);
  return m;
}

/** A label per study id, unique among `studies`: the citation, then its disease, its row in the
 * table and the start of its id, each added only where the label is still shared. */
export function uniqueStudyLabels(studies: readonly LabelledStudy[]): Map<string, string> {
  const steps: ((s: LabelledStudy) => string)[] = [
    (s) => citationLabel({ firstAuthor: s.firstAuthor, year: s.publicationYear }, s.reference),
    (s) =>
      `${citationLabel({ firstAuthor: s.firstAuthor, year: s.publicationYear }, s.reference)} (${s.diseaseCode})`,
    (s) =>
      `${citationLabel({ firstAuthor: s.firstAuthor, year: s.publicationYear }, s.reference)} (${s.diseaseCode}, row ${s.sourceLine})`,
    (s) =>
      `${citationLabel({ firstAuthor: s.firstAuthor, year: s.publicationYear }, s.reference)} (${s.diseaseCode}, row ${s.sourceLine}, ${s.id.slice(0, 8)})`,
  ];
  const out = new Map<string, string>();
  // A study listed twice is one study.
  let pending = [...new Map(studies.map((s) => [s.id, s])).values()];
  for (const [i, step] of steps.entries()) {
    const last = i === steps.length - 1;
    const next: LabelledStudy[] = [];
    for (const group of groupBy(pending, step).values()) {
      if (group.length === 1 || last) for (const s of group) out.set(s.id, step(s));
      else next.push(...group);
    }
    pending = next;
  }
  return out;
}

export function unitLabel(studyLabel: string, outcome: string): string {
  return `${studyLabel}${SEPARATOR}${outcome === "" ? WHOLE_STUDY : outcome}`;
}

export type UnitMatch =
  { studyId: string; outcome: string | null } | { error: "unknown" | "ambiguous"; candidates: string[] };

/**
 * The study (and outcome, when the name carries one) a robvis Study cell names: a study label
 * alone (outcome null: the importer's choice), or a label, " · " and the outcome. Case and runs
 * of spaces do not matter.
 */
export function matchUnitLabel(cell: string, labels: ReadonlyMap<string, string>): UnitMatch {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
  const want = norm(cell);
  const byLabel = new Map<string, string[]>();
  for (const [id, label] of labels) byLabel.set(norm(label), [...(byLabel.get(norm(label)) ?? []), id]);
  const exact = byLabel.get(want);
  if (exact)
    return exact.length === 1
      ? { studyId: exact[0]!, outcome: null }
      : { error: "ambiguous", candidates: exact };
  const prefixes = [...byLabel.keys()]
    .filter((l) => want.startsWith(`${l}${SEPARATOR}`))
    .sort((a, b) => b.length - a.length);
  const best = prefixes[0];
  if (best === undefined) return { error: "unknown", candidates: [] };
  const ids = byLabel.get(best)!;
  if (ids.length > 1) return { error: "ambiguous", candidates: ids };
  const rest = cell
    .replace(/\s+/g, " ")
    .trim()
    .slice(best.length + SEPARATOR.length)
    .trim();
  return { studyId: ids[0]!, outcome: rest.toLowerCase() === WHOLE_STUDY ? "" : rest };
}
