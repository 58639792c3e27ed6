// The analysis's plots, each with its PNG and SVG downloads: forest, funnel (with Egger's test)
// and, for a meta-regression on dose, the bubble plot.
import { f4, pValue as p, type AnalysisOptions, type AnalysisResult } from "@/lib/domain/analysis";
import { PlotExport } from "./plot-export";
import { BubblePlot } from "./bubble-plot";
import { ForestPlot } from "./forest-plot";
import { FunnelPlot } from "./funnel-plot";

export function AnalysisPlots({
  result,
  chosen,
  title,
  caption,
  fileName,
  cumulative = false,
}: {
  result: AnalysisResult;
  chosen: AnalysisOptions;
  title: string;
  caption: string;
  fileName: string;
  /** The dose is cumulative (per administration × their number). */
  cumulative?: boolean;
}) {
  const forest = `Forest plot: ${title}`;
  const funnel = `Funnel plot: ${title}`;
  const bubble = `Meta-regression on log10 ${cumulative ? "cumulative " : ""}dose: ${title}`;
  return (
    <>
      <section className="card" aria-labelledby="forest-heading">
        <h2 id="forest-heading">Forest plot</h2>
        <PlotExport plot="forest" title={forest} caption={caption} fileName={`${fileName}-forest`}>
          <ForestPlot result={result} title={forest} subgroup={chosen.subgroup} />
        </PlotExport>
        {result.studies.some((s) => s.row.robOverall) && (
          <p className="muted small">
            Risk of bias (the team&apos;s consensus for the outcome): + low, − some concerns or moderate, ×
            high or serious, ! critical, ? no information; an empty dashed disc is not assessed yet.
          </p>
        )}
      </section>
      <div className="breakdowns">
        <section className="card" aria-labelledby="funnel-heading">
          <h2 id="funnel-heading">Funnel plot</h2>
          <PlotExport plot="funnel" title={funnel} caption={caption} fileName={`${fileName}-funnel`}>
            <FunnelPlot result={result} title={funnel} />
          </PlotExport>
          {result.egger && (
            <p className="muted">
              Egger&apos;s test: {result.egger.test} = {f4(result.egger.stat)}, {p(result.egger.pval)}.
            </p>
          )}
        </section>
        {result.regression && chosen.mods === "dose" && (
          <section className="card" aria-labelledby="bubble-heading">
            <h2 id="bubble-heading">Effect against dose</h2>
            <PlotExport plot="bubble" title={bubble} caption={caption} fileName={`${fileName}-dose`}>
              <BubblePlot result={result} title={bubble} cumulative={cumulative} />
            </PlotExport>
          </section>
        )}
      </div>
    </>
  );
}
