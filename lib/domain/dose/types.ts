// What reading a dose cell gives: one dose per arm the cell names, how often it was given, what
// the reader assumed, what it left as a note, and when it refuses, why.
import type { DoseBasis } from "../vocabulary";

/** How a dose is written: one value, a range, mean ± SD, a median with its range or IQR, or a bound. */
export type DoseForm =
  "single" | "range" | "mean_sd" | "median_range" | "median_iqr" | "lower_bound" | "upper_bound";

/** The basis a dose cell can state (DoseBasis without "unknown"). */
export type StatedBasis = Exclude<DoseBasis, "unknown">;

/** How many times a dose was given: a count, or the schedule as written when it varies. */
export interface Administrations {
  /** Null when the count varies between patients or is a summary ("1–5 doses", a median). */
  count: number | null;
  /** The schedule as written ("weekly ×4", "on days 0, 3 and 6"), when the text gives one. */
  schedule: string | null;
}

/** The dose of one arm, in cells per basis unit. */
export interface ArmDose {
  /** The group's name when the cell names it ("low dose", "group A", "MS"). */
  label: string | null;
  form: DoseForm;
  basis: StatedBasis;
  /** single: low = high = the value; range, median_range, median_iqr: the ends; lower_bound:
   * low; upper_bound: high. */
  low: number | null;
  high: number | null;
  /** The mean (mean_sd) or the median (median_range, median_iqr). */
  central: number | null;
  sd: number | null;
  /** "~", "≈", "about", "approximately". */
  approximate: boolean;
  /** Null: the table does not say how often it was given. */
  administrations: Administrations | null;
  /** The printed number is the total over all administrations, not one administration's. */
  cumulative: boolean;
}

/** Why a cell gives no dose the app can use. */
export type Refusal = "no_dose" | "not_cells" | "ambiguous" | "unreadable";

/** Non-MSC cells given to the same patients (BM-MNC, HSC, …), with their dose when the cell gives one. */
export interface CoAdministered {
  name: string;
  text: string;
  dose: ArmDose | null;
}

export interface DoseReading {
  raw: string;
  /** Empty when refused. */
  arms: ArmDose[];
  refusal: Refusal | null;
  /** Why it was refused, in words; null when read. */
  reason: string | null;
  /** Text of the cell that is not part of the dose (route, notes, footnote marks). */
  note: string | null;
  /** What the reading assumed ("the unit is the column header's", …). */
  assumptions: string[];
  coAdministered: CoAdministered[];
}

/** What a cell is read with besides its own text. */
export interface DoseContext {
  /** The column's header, whose unit applies to cells that carry none ("Dose (×10⁶ cells/kg)"). */
  header?: string;
  /** The row's cell of a frequency or schedule column ("3 rounds", "Single IV"). */
  frequency?: string;
  /** The frequency column's header ("No. of infusions, median"). */
  frequencyHeader?: string;
  /** Whether the frequency column holds summaries (means, medians) rather than each study's
   * count: worked out once for the whole column (frequencyColumnIsSummary in schedule.ts). */
  frequencyIsSummary?: boolean;
  /** The row's route, and disease: an intra-articular injection is a dose per joint. */
  route?: string;
  disease?: string;
}
