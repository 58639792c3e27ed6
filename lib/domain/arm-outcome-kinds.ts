// The kinds of per-arm outcome data (dose–response analysis), their fields and labels.
export const ARM_OUTCOME_KINDS = ["events", "means", "rate"] as const;
export type ArmOutcomeKind = (typeof ARM_OUTCOME_KINDS)[number];
export const ARM_OUTCOME_KIND_LABELS: Record<ArmOutcomeKind, string> = {
  events: "Events / total (cases, n)",
  means: "Mean, SD and n",
  rate: "Cases / person-time",
};
/** The fields each kind holds, with their labels: the form's columns and what the server keeps. */
export const ARM_OUTCOME_FIELDS: Record<ArmOutcomeKind, readonly (readonly [ArmOutcomeField, string])[]> = {
  events: [
    ["cases", "Events"],
    ["n", "Total"],
  ],
  means: [
    ["mean", "Mean"],
    ["sd", "SD"],
    ["n", "n"],
  ],
  rate: [
    ["cases", "Cases"],
    ["personTime", "Person-time"],
  ],
};
export const ARM_OUTCOME_COLUMNS = ["cases", "n", "mean", "sd", "personTime"] as const;
export type ArmOutcomeField = (typeof ARM_OUTCOME_COLUMNS)[number];
/** The arm key of the reference (control) arm at dose 0 in forms and imports. */
export const REFERENCE_ARM = "reference";
