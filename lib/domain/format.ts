// Number formats shared by pages, exports and charts.
import { formatCells, toCellsPerKg, type DoseBasis } from "./dose";

export const fmtInt = new Intl.NumberFormat("en");

/** "1.5 × 10⁶" for a cells/kg value; an em dash for none. */
export function fmtCellsPerKg(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : formatCells(value);
}

export const TISSUE_LABELS: Record<string, string> = {
  BM: "Bone marrow",
  UC: "Umbilical cord",
  AD: "Adipose",
  WJ: "Wharton's jelly",
  PL: "Placenta",
  MB: "Menstrual blood",
  NP: "Neural progenitor",
  OTHER: "Other / not stated",
};

export const DONOR_LABELS: Record<string, string> = {
  autologous: "Autologous",
  allogeneic: "Allogeneic",
  not_stated: "Not stated",
};

export const BASIS_LABELS: Record<string, string> = {
  per_kg: "per kg",
  total: "total cells",
  per_joint: "per joint",
  per_ml: "per ml",
  unknown: "unknown",
};

/** The cells/kg value of a stored arm, or null where there is none. */
export function armCellsPerKg(
  arm: { basis: string; doseMid: number | null },
  referenceWeightKg: number,
): number | null {
  return toCellsPerKg(arm.basis as DoseBasis, arm.doseMid, referenceWeightKg);
}

/** "2026-11-25 18:42 UTC": times in history, cohort and share pages. */
export function fmtUtcMinute(at: Date | string): string {
  const iso = typeof at === "string" ? at : at.toISOString();
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}
