// Number formats shared by pages, exports and charts.
import { formatCells, toCellsPerKg, type DoseBasis, type DoseScale } from "./dose/dose";

export const fmtInt = new Intl.NumberFormat("en");

/** "1.5 × 10⁶" for a cells/kg value; an em dash for none. */
export function fmtCellsPerKg(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : formatCells(value);
}

/** The cells/kg value of a stored arm, per administration or cumulative (per administration ×
 * their number: null when the number is not stated), or null where there is none. */
export function armCellsPerKg(
  arm: { basis: DoseBasis; doseMid: number | null; administrations?: number | null },
  referenceWeightKg: number,
  scale: DoseScale = "per_administration",
): number | null {
  const perAdministration = toCellsPerKg(arm.basis, arm.doseMid, referenceWeightKg);
  if (scale === "per_administration" || perAdministration === null) return perAdministration;
  return arm.administrations ? perAdministration * arm.administrations : null;
}

/** How often an arm's dose was given, in words: "4 administrations (weekly ×4)", "once", "number
 * not fixed (1-3)", or "not stated". */
export function fmtAdministrations(arm: { administrations: number | null; schedule: string | null }): string {
  const { administrations: n, schedule } = arm;
  const as = schedule ? ` (${schedule})` : "";
  if (n === 1) return `once${as}`;
  if (n !== null) return `${fmtInt.format(n)} administrations${as}`;
  return schedule ? `number not fixed${as}` : "not stated";
}

/** "2026-11-25 18:42 UTC": times in history, cohort and share pages. */
export function fmtUtcMinute(at: Date | string): string {
  const iso = typeof at === "string" ? at : at.toISOString();
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}
