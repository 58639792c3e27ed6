// Risk of bias and certainty as the server hands them to pages: a study's assessments and
// consensus per outcome, the plots' data over the filter, and the summary of findings.
import type { SofResult } from "../domain/grade/sof";
import type { AgreementReport } from "../domain/rob/agreement";
import type { JudgmentMap } from "../domain/rob/consensus";
import type { StudyDesign } from "../domain/rob/design";
import type { Palette, SummaryPlot, TrafficLight } from "../domain/rob/plots";
import type { Answers, Judgment, ToolId, Variant } from "../domain/rob/types";
import type { Measure } from "../domain/stats/meta";

// A type, not an interface: it is stored as JSON, which needs an index signature.
export type RobOverrideView = {
  judgment: Judgment;
  justification: string;
};

/** The signed-in reviewer's own assessment, as saved. */
export interface MyRobAssessment {
  version: number;
  tool: ToolId;
  variant: Variant | null;
  answers: Answers;
  overrides: Record<string, RobOverrideView>;
  overallOverride: RobOverrideView | null;
  judgments: JudgmentMap;
  submitted: boolean;
  /** ISO time. */
  updatedAt: string;
}

export interface OtherRobAssessment {
  reviewer: string;
  tool: ToolId;
  judgments: JudgmentMap;
  /** Justifications of the domains (and "overall") the reviewer overrode. */
  justifications: Record<string, string>;
  submitted: boolean;
}

export interface RobConsensusView {
  tool: ToolId;
  judgments: JudgmentMap;
  overall: Judgment;
  /** Null when it follows the reviewers' agreement. */
  setBy: string | null;
  note: string;
  version: number;
}

/** One study–outcome's risk of bias ("" = the study as a whole). */
export interface RobUnitView {
  outcome: string;
  mine: MyRobAssessment | null;
  /** Other reviewers' assessments; null while blind (this person has not submitted theirs). */
  others: OtherRobAssessment[] | null;
  /** How many others have submitted, when their assessments are hidden. */
  hiddenOthers: number;
  consensus: RobConsensusView | null;
  /** A consensus exists but is hidden until this person has submitted. */
  consensusHidden: boolean;
}

export interface StudyRobView {
  design: StudyDesign | null;
  /** The design the table's cells state (null when they do not tell). */
  designRead: StudyDesign | null;
  /** The tool the design takes; null when the design is not known. */
  tool: ToolId | null;
  units: RobUnitView[];
  /** Outcomes entered anywhere (for a new assessment's outcome). */
  outcomeSuggestions: string[];
}

export interface RobPlotsOptions {
  tool: ToolId;
  /** "" = every assessed outcome and whole-study assessments. */
  outcome: string;
  weighted: boolean;
  palette: Palette;
}

export interface RobPlotsView {
  options: RobPlotsOptions;
  /** Outcomes with a consensus under this tool. */
  outcomes: string[];
  trafficLight: TrafficLight;
  summary: SummaryPlot;
  /** Why the summary is not weighted when weighting was asked for. */
  weightingNote: string | null;
  /** robvis's layout, for download. */
  robvisCsv: string;
  agreement: AgreementReport;
  /** Study–outcomes whose reviewers disagree (no consensus yet), to resolve. */
  toResolve: { studyId: string; label: string; outcome: string }[];
  /** Study–outcomes assessed by one reviewer only. */
  singleReviewer: number;
}

/** A summary-of-findings row with what the team set for its outcome. */
export interface SofRowView extends SofResult {
  rating: {
    version: number;
    /** On the reading scale of thresholdMeasure. */
    threshold: number | null;
    thresholdMeasure: Measure | null;
    ois: { size: number; unit: "participants" | "events" } | null;
    updatedBy: string | null;
  };
}

export interface SofTableView {
  rows: SofRowView[];
  /** Outcomes that could not be pooled, with why. */
  skipped: { outcome: string; reason: string }[];
}
