// Number formats shared by pages, exports and charts.
import { formatCells, toCellsPerKg, type DoseBasis } from "./dose/dose";

export const fmtInt = new Intl.NumberFormat("en");

/** "1.5 × 10⁶" for a cells/kg value; an em dash for none. */
export function fmtCellsPerKg(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : formatCells(value);
}

/** The cells/kg value of a stored arm, or null where there is none. */
export function armCellsPerKg(
  arm: { basis: DoseBasis; doseMid: number | null },
  referenceWeightKg: number,
): number | null {
  return toCellsPerKg(arm.basis, arm.doseMid, referenceWeightKg);
}

/** "2026-11-25 18:42 UTC": times in history, cohort and share pages. */
export function fmtUtcMinute(at: Date | string): string {
  const iso = typeof at === "string" ? at : at.toISOString();
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}
