// The risk-of-bias plots' choices as a GET form: tool, outcome, weighting by the meta-analysis
// and the palette, keeping the filter and the analysis choices (whose weights it takes).
import { HiddenFields } from "@/components/analysis/hidden-fields";
import type { RobPlotOptions } from "@/lib/domain/rob/plot-options";
import { TOOL_SHORT_NAMES } from "@/lib/domain/rob/plot-options";
import { TOOL_IDS } from "@/lib/domain/rob/types";

export function RobPlotSettings({
  options,
  outcomes,
  keep,
}: {
  options: RobPlotOptions;
  outcomes: string[];
  /** The filter and the analysis choices, sent on unchanged. */
  keep: string;
}) {
  const choices = [...new Set([...outcomes, ...(options.outcome ? [options.outcome] : [])])].sort();
  return (
    <form method="get" action="/risk-of-bias" className="card chart-controls" aria-label="Plot settings">
      <HiddenFields query={keep} />
      <label>
        Tool
        <select name="tool" defaultValue={options.tool}>
          {TOOL_IDS.map((t) => (
            <option key={t} value={t}>
              {TOOL_SHORT_NAMES[t]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Outcome
        <select name="outcome" defaultValue={options.outcome}>
          <option value="">Every outcome (one row per study and outcome)</option>
          {choices.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" name="weighted" value="1" defaultChecked={options.weighted} /> Weight the
        summary by the meta-analysis
      </label>
      <label>
        Colours
        <select name="palette" defaultValue={options.palette}>
          <option value="robvis">robvis (Cochrane)</option>
          <option value="colourblind">Colour-blind safe</option>
        </select>
      </label>
      <button type="submit" className="button">
        Update plots
      </button>
    </form>
  );
}
