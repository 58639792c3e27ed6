// The sensitivity analysis that leaves out studies at high risk of bias (RoB 2 or JBI high,
// ROBINS-I serious or critical, by the consensus for the outcome), run with the same choices as
// the main analysis so that the two can be read side by side.
import { isSevere } from "../rob/consensus";
import type { Judgment } from "../rob/types";
import { labelOf, runAnalysis, type AnalysisOptions, type AnalysisResult, type AnalysisRow } from "./run";

export interface RobSensitivity {
  /** The studies left out, with their overall judgement. */
  left: { studyId: string; label: string; judgment: Judgment }[];
  /** Studies in the analysis with no consensus yet (kept in both). */
  unassessed: number;
  result: AnalysisResult;
}

export function leaveOutHighRisk(rows: readonly AnalysisRow[], options: AnalysisOptions): RobSensitivity {
  const left = rows
    .filter((r) => isSevere(r.robOverall))
    .map((r) => ({ studyId: r.studyId, label: labelOf(r), judgment: r.robOverall! }));
  const kept = rows.filter((r) => !isSevere(r.robOverall));
  return {
    left,
    unassessed: kept.filter((r) => !r.robOverall).length,
    result: runAnalysis(kept, options),
  };
}
