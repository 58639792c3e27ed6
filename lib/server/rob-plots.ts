// Risk of bias across the filtered studies under one tool: the traffic-light and summary plots of
// the consensus (the summary optionally weighted by the current meta-analysis), robvis's CSV,
// agreement between reviewers per domain, and the study–outcomes still to resolve.
import "server-only";
import type { RobPlotsView } from "../contracts/risk-of-bias";
import type { AnalysisOptions } from "../domain/analysis";
import type { CohortFilter } from "../domain/filter/filter";
import { riskOfBiasAgreement } from "../domain/rob/agreement";
import { judgmentKeys, OVERALL } from "../domain/rob/consensus";
import { uniqueStudyLabels, unitLabel } from "../domain/rob/labels";
import type { RobPlotOptions } from "../domain/rob/plot-options";
import { summaryPlot, trafficLight, type StudyJudgments } from "../domain/rob/plots";
import { writeRobvisCsv } from "../domain/rob/robvis";
import { analyse } from "./analysis";
import { robReader } from "./risk-of-bias";
import { db } from "./platform/db";
import { assertRole, type SessionUser } from "./platform/session-user";
import { queryConsensus, querySubmitted, queryToolStudies, readJudgments } from "./sql/rob";

export async function riskOfBiasPlots(
  actor: SessionUser | null,
  filter: CohortFilter,
  options: RobPlotOptions,
  analysis: AnalysisOptions,
): Promise<RobPlotsView> {
  const user = assertRole(actor, "viewer");
  const { tool } = options;
  const outcome = options.outcome || null;
  const [rows, toolStudies, submitted, outcomeRows] = await Promise.all([
    queryConsensus(db(), filter, tool, outcome, robReader(user)),
    queryToolStudies(db(), tool),
    querySubmitted(db(), filter, tool, outcome),
    db().robConsensus.groupBy({ by: ["outcome"], where: { tool }, orderBy: { outcome: "asc" } }),
  ]);
  const labels = uniqueStudyLabels([...toolStudies, ...rows]);
  const label = (studyId: string) => labels.get(studyId) ?? "Study";
  // With an outcome, one row per study (its own assessment of the outcome, else the whole study's).
  const units: StudyJudgments[] = rows.map((r) => {
    const judgments = readJudgments(r.judgments);
    const { [OVERALL]: _overall, ...domains } = judgments;
    return {
      studyId: outcome === null ? `${r.studyId}|${r.outcome}` : r.studyId,
      label: outcome === null ? unitLabel(label(r.studyId), r.outcome) : label(r.studyId),
      domains,
      overall: r.overall,
    };
  });

  let weights: Record<string, number> | undefined;
  let weightingNote: string | null = null;
  if (options.weighted) {
    if (outcome === null)
      weightingNote = "Choose an outcome: the summary is weighted by that outcome's analysis.";
    else {
      const { result } = await analyse(user, filter, { ...analysis, outcome });
      if (!result.model)
        weightingNote = `The analysis of ${outcome} gives no weights: ${result.error ?? "no pooled model"}`;
      else weights = Object.fromEntries(result.studies.map((s) => [s.row.studyId, s.weight]));
    }
  }
  const palette = options.palette;
  const summary = summaryPlot(tool, units, { weights, palette });
  const robvisCsv = writeRobvisCsv(
    tool,
    units.map((u) => ({
      study: u.label ?? u.studyId,
      domains: u.domains,
      overall: u.overall,
      weight: weights ? (weights[u.studyId] ?? 0) : null,
    })),
    { weight: weights !== undefined },
  );

  const agreement = riskOfBiasAgreement(
    submitted.map((a) => ({
      studyId: `${a.studyId}|${a.outcome}`,
      reviewerId: a.reviewerId,
      judgments: readJudgments(a.judgments),
    })),
    judgmentKeys(tool),
  );
  const settled = new Set(rows.map((r) => `${r.studyId}|${r.outcome}`));
  const toResolve = agreement.studies
    .filter((s) => s.needsConsensus && !settled.has(s.studyId))
    .slice(0, 200)
    .map((s) => {
      const cut = s.studyId.indexOf("|");
      const studyId = s.studyId.slice(0, cut);
      return { studyId, label: label(studyId), outcome: s.studyId.slice(cut + 1) };
    });
  return {
    options,
    outcomes: outcomeRows.map((o) => o.outcome).filter((o) => o !== ""),
    trafficLight: trafficLight(tool, units, { palette }),
    summary,
    weightingNote,
    robvisCsv,
    agreement,
    toResolve,
    singleReviewer: agreement.studies.filter((s) =>
      s.domains.every((d) => d.status !== "needs_consensus" && d.status !== "agreed"),
    ).length,
  };
}
