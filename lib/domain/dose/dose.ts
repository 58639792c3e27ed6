// A read dose on the cells/kg axis: the value a chart draws for an arm, per administration or
// over all its administrations, per kg as given or from a total cell count through the reference
// body weight (estimated); and cell counts as people read them ("1.5 × 10⁶").
import { DEFAULT_WEIGHT_KG, type DoseBasis } from "../vocabulary";
import type { ArmDose } from "./types";

export type { ArmDose, DoseForm, DoseReading, StatedBasis } from "./types";
export type { DoseBasis };

/** Per administration (the default) or cumulative (per administration × their number). */
export const DOSE_SCALES = ["per_administration", "cumulative"] as const;
export type DoseScale = (typeof DOSE_SCALES)[number];

/** The value a chart draws for a dose: the single value, the mean, the median, the midpoint of a
 * range, or the bound; in cells per the dose's basis, per administration. */
export function doseMid(d: Pick<ArmDose, "form" | "low" | "high" | "central">): number | null {
  switch (d.form) {
    case "single":
    case "lower_bound":
      return d.low;
    case "upper_bound":
      return d.high;
    case "mean_sd":
    case "median_range":
    case "median_iqr":
      return d.central;
    case "range":
      return d.low !== null && d.high !== null ? (d.low + d.high) / 2 : null;
  }
}

/**
 * A value in cells per `basis` as cells/kg: per-kg values as they are, totals through the
 * reference weight; null for per joint, per ml, per m², per cm² and unknown. (SQL queries apply
 * the same rule through cellsPerKgSql in lib/server/sql/filter-sql.ts.)
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

export interface NormalisedDose {
  /** Cells per kg of body weight; null when the dose cannot be put on that scale. */
  low: number | null;
  high: number | null;
  /** The value a chart draws. */
  mid: number | null;
  /** Converted from a total cell count through the reference weight, or approximate. */
  estimated: boolean;
  /** Why there is no cells/kg value. */
  reason: string | null;
}

const NOT_COMPARABLE: Partial<Record<DoseBasis, string>> = {
  per_joint: "a dose per joint is not comparable with cells/kg",
  per_ml: "a dose per ml is not comparable with cells/kg",
  per_m2: "a dose per m² of body surface is not comparable with cells/kg",
  per_cm2: "a dose per cm² is not comparable with cells/kg",
};

/** A dose in cells/kg, per administration or (with the arm's count) over all of them. */
export function normaliseDose(
  dose: ArmDose | null,
  {
    referenceWeightKg = DEFAULT_WEIGHT_KG,
    scale = "per_administration",
  }: { referenceWeightKg?: number; scale?: DoseScale } = {},
): NormalisedDose {
  const none = (reason: string): NormalisedDose => ({
    low: null,
    high: null,
    mid: null,
    estimated: false,
    reason,
  });
  if (!dose) return none("the table gives no dose");
  const reason = NOT_COMPARABLE[dose.basis];
  if (reason) return none(reason);
  if (!(referenceWeightKg > 0)) return none("the reference weight must be positive");
  let times = 1;
  if (scale === "cumulative") {
    const count = dose.administrations?.count ?? null;
    if (count === null) return none("the table does not say how many times it was given");
    times = count;
  }
  const kg = (v: number | null) => {
    const c = toCellsPerKg(dose.basis, v, referenceWeightKg);
    return c === null ? null : c * times;
  };
  return {
    low: kg(dose.low),
    high: kg(dose.high),
    mid: kg(doseMid(dose)),
    estimated: dose.basis === "total" || dose.approximate,
    reason: null,
  };
}

const SUPERSCRIPT = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"];

/** "1.5 × 10⁶/kg", for labels and tooltips. */
export function formatCells(value: number, suffix = ""): string {
  if (value === 0) return `0${suffix}`;
  const exp = Math.floor(Math.log10(Math.abs(value)));
  const mantissa = Number((value / 10 ** exp).toPrecision(3));
  // 9.999e6 rounds to 10 × 10⁶: carry it.
  const [m, e] = mantissa >= 10 ? [mantissa / 10, exp + 1] : [mantissa, exp];
  const sup = String(e)
    .split("")
    .map((d) => (d === "-" ? "⁻" : (SUPERSCRIPT[Number(d)] ?? d)))
    .join("");
  return `${m} × 10${sup}${suffix}`;
}
