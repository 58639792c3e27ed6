// A study's design — randomised, non-randomised controlled or single-arm — as a table's Design
// and Phase cells write it, and the risk-of-bias tool each design takes. The same rules run in
// SQL (migration 20261202200000_risk_of_bias, read_study_design) for studies imported before
// designs were read; a test keeps the two in step.
import { DESIGNS, type Design } from "../grade/certainty";
import type { ToolId } from "./types";

export const STUDY_DESIGNS = DESIGNS;
export type StudyDesign = Design;

export const STUDY_DESIGN_LABELS: Record<StudyDesign, string> = {
  randomised: "Randomised",
  non_randomised: "Non-randomised controlled",
  single_arm: "Single-arm",
};

/** RoB 2 for randomised trials, ROBINS-I for non-randomised controlled studies, the JBI
 * checklist for case series (single-arm studies); see lib/domain/rob/README.md for why. */
export const TOOL_FOR_DESIGN: Record<StudyDesign, ToolId> = {
  randomised: "rob2",
  non_randomised: "robins-i",
  single_arm: "jbi-case-series",
};

export function isStudyDesign(value: string): value is StudyDesign {
  return (STUDY_DESIGNS as readonly string[]).includes(value);
}

// Checked in this order: "non-randomised" contains "randomised" and "uncontrolled" contains
// "controlled".
const NON_RANDOMISED = /\b(non|not|un)[- ]?randomi[sz]ed\b|\bquasi[- ]?randomi[sz]ed\b/;
const RANDOMISED = /\brandomi[sz](ed|ation)\b|\brcts?\b/;
const SINGLE_ARM =
  /\b(single|one)[- ](arm|group)\b|\bun-?controlled\b|\bnon-?controlled\b|\bwithout (a )?control\b|\bno control\b|\bcase series\b|\bcase reports?\b|\bself[- ]controlled\b|\bbefore[- ]and[- ]after\b|\bpre[- ]post\b/;
// Placebo- or sham-controlled, double-blind trials are nearly always randomised, but a table
// that does not say so leaves it to the reviewers.
const BLINDED = /\bplacebo|\bdouble[- ]blind|\bsham\b/;
const CONTROLLED =
  /\bcontrolled\b|\bcontrol (group|arm)s?\b|\bcohort\b|\bcase[- ]control\b|\bcomparative\b|\bhistorical controls?\b|\bmatched\b/;

/**
 * The design a table's Design and Phase cells state, or null when they do not tell (a phase
 * alone, "open-label", "pilot", a placebo-controlled trial not said to be randomised).
 */
export function readStudyDesign(designText: string | null, phase: string | null): StudyDesign | null {
  const text = [designText, phase]
    .map((t) => t?.trim() ?? "")
    .filter(Boolean)
    .join("; ")
    .toLowerCase();
  if (text === "") return null;
  if (NON_RANDOMISED.test(text)) return SINGLE_ARM.test(text) ? "single_arm" : "non_randomised";
  if (RANDOMISED.test(text)) return "randomised";
  if (SINGLE_ARM.test(text)) return "single_arm";
  if (BLINDED.test(text)) return null;
  if (CONTROLLED.test(text)) return "non_randomised";
  return null;
}
