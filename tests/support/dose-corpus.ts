// The development corpus of real dose cells (tests/fixtures/dose-corpus) and how a reading is
// compared with the expected one written by hand.
import { frequencyColumnIsSummary } from "../../lib/domain/dose/schedule";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ArmDose, DoseContext, DoseReading } from "../../lib/domain/dose/types";

export interface ExpectedArm {
  label?: string;
  form: ArmDose["form"];
  basis: ArmDose["basis"];
  value?: number;
  low?: number;
  high?: number;
  central?: number;
  sd?: number;
  approximate?: boolean;
  cumulative?: boolean;
  administrations?: { count: number | null; schedule?: string };
}

export interface CorpusCell {
  id: string;
  table: string;
  row: string;
  header: string;
  cell: string;
  frequencyHeader?: string;
  frequencyCell?: string;
  expect: { refuse: "no_dose" | "not_cells" | "ambiguous" } | { arms: ExpectedArm[]; note?: string };
}

export interface CorpusSource {
  key: string;
  disease: string;
  column: string;
}

const dir = path.join(import.meta.dirname, "..", "fixtures", "dose-corpus");
export const CELLS = JSON.parse(readFileSync(path.join(dir, "cells.json"), "utf8")) as CorpusCell[];
export const SOURCES = JSON.parse(readFileSync(path.join(dir, "sources.json"), "utf8")) as CorpusSource[];

/** What the importer knows of a cell's row and column: the header, the frequency column, and the
 * row's disease (a row label's "(knee osteoarthritis)", else the table's diseases). */
export function contextOf(cell: CorpusCell): DoseContext {
  const source = SOURCES.find((s) => s.key === cell.table);
  const column = CELLS.filter((c) => c.table === cell.table && c.frequencyCell !== undefined).map(
    (c) => c.frequencyCell!,
  );
  const rowDisease = /\(([^()]*)\)\s*$/.exec(cell.row)?.[1];
  return {
    header: cell.header,
    frequency: cell.frequencyCell,
    frequencyHeader: cell.frequencyHeader,
    frequencyIsSummary: frequencyColumnIsSummary(cell.frequencyHeader, column),
    disease: rowDisease ?? source?.disease,
  };
}

const close = (a: number | null | undefined, b: number | undefined) =>
  b === undefined || (a !== null && a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

/** Why an arm differs from the expected one, or null when it matches. */
function armDiff(arm: ArmDose, want: ExpectedArm): string | null {
  if (arm.form !== want.form) return `form ${arm.form}, expected ${want.form}`;
  if (arm.basis !== want.basis) return `basis ${arm.basis}, expected ${want.basis}`;
  const single = want.form === "single";
  const checks: [string, number | null, number | undefined][] = [
    ["value", want.form === "upper_bound" ? arm.high : arm.low, want.value],
    ["low", arm.low, want.low],
    ["high", arm.high, want.high],
    ["central", arm.central, want.central],
    ["sd", arm.sd, want.sd],
  ];
  if (single && want.value !== undefined && arm.high !== arm.low) return "a single dose with two ends";
  for (const [name, got, expected] of checks)
    if (!close(got, expected)) return `${name} ${got}, expected ${expected}`;
  if (want.approximate && !arm.approximate) return "not marked approximate";
  if (want.administrations) {
    if (!arm.administrations) return `(not read) administrations, expected ${want.administrations.count}`;
    if (arm.administrations.count !== want.administrations.count)
      return `administrations ${arm.administrations.count}, expected ${want.administrations.count}`;
  } else if (arm.administrations && arm.administrations.count !== null) {
    return `administrations ${arm.administrations.count}, none stated`;
  }
  return null;
}

export type Verdict = { kind: "read" } | { kind: "refused"; why: string } | { kind: "wrong"; why: string };

/** Whether a reading is the expected one ("read"), refused where a reading was expected
 * ("refused": not wrong), or differs ("wrong"). */
export function verdict(reading: DoseReading, cell: CorpusCell): Verdict {
  if ("refuse" in cell.expect) {
    if (reading.refusal) return { kind: "read" };
    return {
      kind: "wrong",
      why: `read ${reading.arms.length} arm(s), expected refused (${cell.expect.refuse})`,
    };
  }
  const want = cell.expect.arms;
  if (reading.refusal) return { kind: "refused", why: `${reading.refusal}: ${reading.reason}` };
  if (reading.arms.length !== want.length)
    return { kind: "wrong", why: `${reading.arms.length} arms, expected ${want.length}` };
  for (let i = 0; i < want.length; i++) {
    const d = armDiff(reading.arms[i]!, want[i]!);
    // Leaving out what the cell says (how often) is not reading it wrongly.
    if (d?.startsWith("(not read)")) return { kind: "refused", why: `arm ${i + 1}: ${d}` };
    if (d) return { kind: "wrong", why: `arm ${i + 1}: ${d}` };
  }
  return { kind: "read" };
}
