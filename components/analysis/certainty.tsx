// What the analysis page says about risk of bias and certainty: the sensitivity analysis without
// the studies at high risk, GRADE's summary of findings, and the reviewers' rating of the outcome.
import Link from "next/link";
import type { FormAction } from "@/lib/contracts/action";
import type { SofTableView } from "@/lib/contracts/risk-of-bias";
import type { AnalysisResult } from "@/lib/domain/analysis";
import type { RobSensitivity } from "@/lib/domain/analysis/sensitivity";
import { GradeForm } from "./grade-form";
import { Sensitivity } from "./sensitivity";
import { SofTable } from "./sof-table";

export function Certainty({
  result,
  sensitivity,
  sof,
  outcome,
  scope,
  plotsQuery,
  canRate,
  rate,
}: {
  result: AnalysisResult;
  sensitivity: RobSensitivity | null;
  sof: SofTableView;
  outcome: string;
  scope: string;
  /** The analysis's query, for a link to the risk-of-bias plots weighted by it (null: none). */
  plotsQuery: string | null;
  canRate: boolean;
  rate: FormAction<{ version: number }>;
}) {
  const row = sof.rows.find((r) => r.outcome === outcome);
  // The plots of the tool that assessed most of the pool.
  const tools = result.studies.map((s) => s.row.robTool).filter((t) => t != null);
  const tool = tools.sort(
    (a, b) => tools.filter((t) => t === b).length - tools.filter((t) => t === a).length,
  )[0];
  const plots =
    plotsQuery !== null && tool
      ? `/risk-of-bias?${plotsQuery}&weighted=1${tool === "rob2" ? "" : `&tool=${tool}`}`
      : null;
  return (
    <>
      {sensitivity && (
        <Sensitivity main={result} sensitivity={sensitivity}>
          {plots && (
            <p className="row-actions">
              <Link href={plots}>Risk-of-bias plots of these studies, weighted by this analysis</Link>
            </p>
          )}
        </Sensitivity>
      )}
      <SofTable sof={sof} scope={scope} fileName="summary-of-findings" />
      {canRate && row && (
        <details className="card">
          <summary>Rate the certainty of “{row.outcome}” (GRADE)</summary>
          <GradeForm row={row} action={rate} />
        </details>
      )}
    </>
  );
}
