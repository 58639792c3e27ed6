// What the analysis page shows of a dose–response fit over per-arm data.
export type DoseResponseShapeChoice = "linear" | "quadratic" | "rcs";

export interface DoseResponseView {
  outcome: string;
  shape: DoseResponseShapeChoice;
  model: "two-stage" | "across-arms";
  /** what the curve's values are: differences from the reference arm, or arm-level values */
  measure: "mean difference" | "mean" | "logit proportion";
  cumulative: boolean;
  studies: number;
  arms: number;
  /** the slope (all dose terms) and, for curved shapes, the non-linearity Wald tests */
  overall: { chi2: number; df: number; p: number };
  nonlinearity: { chi2: number; df: number; p: number } | null;
  AIC: number;
  /** the dose (10⁶ cells/kg) the curve is relative to */
  reference: number;
  curve: { dose: number; estimate: number; ciLower: number; ciUpper: number }[];
  /** each arm as a bubble: its study, dose, observed value on the curve's scale, and n */
  points: { studyId: string; label: string; dose: number; value: number; n: number }[];
  /** the arms as the model read them (dosresmeta's / escalc's column names), for the download */
  dataCsv: string;
}
