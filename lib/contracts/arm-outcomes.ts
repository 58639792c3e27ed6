// What the study page shows of per-arm outcome data (dose–response analysis): the study's arms
// to enter data for, and each outcome's rows, one per arm.
import type { ArmOutcomeField, ArmOutcomeKind } from "../validation/arm-outcome";

/** An arm data can be entered for: a dose arm of the study, or (armId null) its reference arm at dose 0. */
export interface ArmChoice {
  armId: string | null;
  /** the arm's number as the study page shows it (1, 2, …); null for the reference arm */
  number: number | null;
  label: string | null;
  doseText: string;
  n: number | null;
}

export interface ArmOutcomeRow {
  id: string;
  armId: string | null;
  kind: ArmOutcomeKind;
  version: number;
  values: Record<ArmOutcomeField, number | null>;
  notes: string;
}

export interface ArmOutcomeGroup {
  outcome: string;
  kind: ArmOutcomeKind;
  rows: ArmOutcomeRow[];
}

export interface StudyArmOutcomes {
  arms: ArmChoice[];
  outcomes: ArmOutcomeGroup[];
}

/** One line of a per-arm import as the preview lists it. */
export interface ArmOutcomeImportRow {
  line: number;
  /** the study's reference (or row key) and the arm, as matched */
  study: string;
  arm: string;
  outcome: string;
  kind: ArmOutcomeKind;
  action: "create" | "update" | "unchanged";
}

export interface ArmOutcomeImportPlan {
  rows: ArmOutcomeImportRow[];
  problems: { line: number; column: string | null; message: string }[];
  counts: { create: number; update: number; unchanged: number };
  /** false for a preview; true once written */
  imported: boolean;
}
