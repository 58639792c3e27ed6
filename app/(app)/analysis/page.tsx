import type { Metadata } from "next";
import Link from "next/link";
import { AnalysisPlots } from "@/components/analysis/analysis-plots";
import { AnalysisSettings } from "@/components/analysis/analysis-settings";
import { Certainty } from "@/components/analysis/certainty";
import { DoseResponseSection } from "@/components/analysis/dose-response-section";
import { doseResponseChoicesToParams } from "@/lib/domain/stats/dose-response/choices";
import { ExcludedStudies } from "@/components/analysis/excluded-studies";
import { LeaveOneOut } from "@/components/analysis/leave-one-out";
import { CsvDownload } from "@/components/analysis/plot-export";
import { PooledSummary } from "@/components/analysis/pooled-summary";
import { TrialChoice } from "@/components/analysis/trial-choice";
import { SaveAnalysisForm } from "@/components/cohorts/save-analysis-form";
import { ArmOutcomeImportForm } from "@/components/study/arm-outcome-import-form";
import { LinkNotice } from "@/components/ui/link-notice";
import { analysisCsv, analysisLabels, analysisOptionsToParams, rCode } from "@/lib/domain/analysis";
import { filterToParams } from "@/lib/domain/filter";
import { withQuery, type SearchParams } from "@/lib/domain/url-params";
import { analysisPage } from "@/lib/server/analysis";
import { armOutcomeNames, doseResponseView } from "@/lib/server/dose-response";
import { requirePageUser } from "@/lib/server/platform/session";
import { saveCohortAnalysisAction } from "../cohorts/actions";
import { importArmOutcomesAction } from "../studies/[id]/arm-outcome-actions";
import { saveGradeRatingAction } from "./actions";

export const metadata: Metadata = { title: "Meta-analysis" };

export default async function AnalysisPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/analysis");
  const params = await searchParams;
  const page = await analysisPage(user, params);
  const { cohort, chosen, result } = page;
  const m = result.model;
  const { title, caption, fileName } = analysisLabels(result, chosen, page.scope);
  const choices = analysisOptionsToParams(chosen);
  const query = new URLSearchParams(page.studyQuery);
  for (const [k, v] of choices) query.append(k, v);
  const armOutcomes = await armOutcomeNames(user);
  const drChoices = {
    ...page.doseResponse,
    outcome:
      page.doseResponse.outcome ||
      (armOutcomes.includes(chosen.outcome) ? chosen.outcome : (armOutcomes[0] ?? "")),
  };
  const doseResponse = await doseResponseView(user, page.filter, drChoices, page.memberOf);
  // What "Keep with the cohort" saves: the model's choices and the dose–response view's.
  const savedChoices = new URLSearchParams([...choices, ...doseResponseChoicesToParams(drChoices)]);
  return (
    <>
      <h1>Meta-analysis</h1>
      <p className="lead">
        Pools the outcome data reviewers entered on study pages, for {page.scope}.{" "}
        {!cohort && (
          <Link href={withQuery("/", filterToParams(page.filter))}>Change the studies in the dashboard</Link>
        )}
      </p>
      <LinkNotice ignored={page.ignored} />
      {page.outcomes.length === 0 ? (
        <p>
          No outcome data has been entered yet. Open a study and add its data under “Outcome data for
          meta-analysis”.
        </p>
      ) : (
        <AnalysisSettings
          chosen={chosen}
          measure={result.measure}
          outcomes={page.outcomes}
          studyQuery={page.studyQuery}
        />
      )}
      {result.error && page.outcomes.length > 0 && (
        <p className="alert info" role="status">
          {result.error}
        </p>
      )}
      {m && result.display && (
        <>
          <PooledSummary
            result={result}
            model={m}
            title={title}
            actions={
              <>
                <CsvDownload
                  csv={analysisCsv(result)}
                  fileName={`${fileName}.csv`}
                  label="Download data (CSV, yi/vi)"
                />
                {!cohort && <Link href="/cohorts">Open from a cohort</Link>}
              </>
            }
          />
          <TrialChoice duplicates={result.duplicates} query={query.toString()} />
          <AnalysisPlots
            result={result}
            chosen={chosen}
            title={title}
            caption={caption}
            fileName={fileName}
            cumulative={page.filter.doseScale === "cumulative"}
          />
          <LeaveOneOut result={result} />
          <Certainty
            result={result}
            sensitivity={page.sensitivity}
            sof={page.sof}
            scope={page.scope}
            outcome={chosen.outcome}
            plotsQuery={cohort ? null : query.toString()}
            canRate={user.role !== "viewer"}
            rate={saveGradeRatingAction}
          />
          <section className="card" aria-labelledby="r-heading">
            <h2 id="r-heading">Reproduce with R (metafor)</h2>
            <p className="muted">Download the data (CSV) above, save it as {fileName}.csv, then run:</p>
            <pre className="source" data-testid="r-code">
              {rCode(result, chosen, `${fileName}.csv`)}
            </pre>
          </section>
        </>
      )}
      <ExcludedStudies excluded={result.excluded} />
      <DoseResponseSection
        view={doseResponse}
        choices={drChoices}
        problems={page.doseResponseProblems}
        typed={page.doseResponseTyped}
        keep={[...query]}
        outcomes={armOutcomes}
      />
      {user.role !== "viewer" && <ArmOutcomeImportForm action={importArmOutcomesAction} />}
      {cohort?.canManage && (m || (doseResponse && !("problem" in doseResponse))) && (
        <section className="card" aria-labelledby="save-analysis-heading">
          <h2 id="save-analysis-heading">Keep with the cohort</h2>
          <SaveAnalysisForm
            action={saveCohortAnalysisAction}
            id={cohort.id}
            version={cohort.version}
            query={savedChoices.toString()}
            name={cohort.name}
          />
        </section>
      )}
    </>
  );
}
