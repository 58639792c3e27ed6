// The overall risk-of-bias levels the filter selects studies by (a study's consensus for any
// outcome), in robvis's order, and "none" for studies without a consensus. Kept apart from the
// tools so that the filter's key table stays small.
import { JUDGMENT_LABELS } from "./types";

export const ROB_FILTER_VALUES = [
  "low",
  "some_concerns",
  "moderate",
  "high",
  "serious",
  "critical",
  "no_information",
  "none",
] as const;
export type RobFilterValue = (typeof ROB_FILTER_VALUES)[number];

export const robFilterLabel = (v: RobFilterValue): string =>
  v === "none" ? "no consensus yet" : JUDGMENT_LABELS[v].toLowerCase();
