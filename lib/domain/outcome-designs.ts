// The designs of study-level outcome data for meta-analysis, and their labels.
export const DESIGNS = ["single_arm", "two_group_binary", "continuous"] as const;
export type OutcomeDesign = (typeof DESIGNS)[number];
export const DESIGN_LABELS: Record<(typeof DESIGNS)[number], string> = {
  single_arm: "One arm: events / total (e.g. responders, adverse events)",
  two_group_binary: "Two groups: events / total in each",
  continuous: "Two groups: mean, SD and n in each (or change scores)",
};
