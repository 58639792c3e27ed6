// What the analysis page shows of a dose–response fit over per-arm data.
import type { DoseResponseShapeChoice } from "../domain/stats/dose-response/choices";

export type { DoseResponseChoices, DoseResponseShapeChoice } from "../domain/stats/dose-response/choices";

/** A dose read off the curve, with its simulation interval. */
export interface DoseReading {
  name: "maximum" | "ed50" | "ed80" | "minimum effective";
  dose: number | null;
  lower: number | null;
  upper: number | null;
  /** share of simulated curves that do not reach it within the observed doses */
  notReachedShare: number;
}

export interface DoseResponseView {
  outcome: string;
  shape: DoseResponseShapeChoice;
  model: "two-stage" | "across-arms";
  /** what the curve's values are: differences from the reference arm, or arm-level values */
  measure: "mean difference" | "log relative risk" | "mean" | "logit proportion";
  cumulative: boolean;
  studies: number;
  arms: number;
  /** the slope (all dose terms) and, for curved shapes, the non-linearity Wald tests */
  overall: { chi2: number; df: number; p: number };
  nonlinearity: { chi2: number; df: number; p: number } | null;
  AIC: number;
  /** the dose (10⁶ cells/kg) the curve is relative to */
  reference: number;
  /** the spline's knots (10⁶ cells/kg), and whether they were chosen as doses */
  knots: number[] | null;
  knotsChosen: boolean;
  /** the largest effect on the curve (relative to the reference), and whether it is inside the range */
  maximumEffect: number;
  maximumInterior: boolean;
  doses: DoseReading[];
  /** how the dose intervals were computed */
  simulation: string;
  /** the curve with its confidence band and its prediction band (where a new study's or arm's curve would lie) */
  curve: {
    dose: number;
    estimate: number;
    ciLower: number;
    ciUpper: number;
    piLower: number;
    piUpper: number;
  }[];
  /** each arm as a bubble: its study, dose, observed value on the curve's scale, and n */
  points: { studyId: string; label: string; dose: number; value: number; n: number }[];
  /** the arms as the model read them (dosresmeta's / escalc's column names), for the download */
  dataCsv: string;
  /** more arms than the view fits: only the studies read first (whole) are in it */
  truncated: boolean;
}
