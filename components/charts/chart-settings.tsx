// What the dose chart shows (view, grouping, colour, x axis) and its dose settings, as a GET
// form that keeps the filter's other fields.
import {
  ATTRIBUTE_LABELS,
  CHART_PARAMS,
  CHART_VIEWS,
  COLOUR_BYS,
  GROUP_BYS,
  SCATTER_XS,
  VIEW_LABELS,
  type ChartOptions,
} from "@/lib/domain/charts/options";
import type { DoseSettings } from "@/lib/domain/filter";
import { DoseSettingsFields } from "@/components/filter/dose-settings-fields";

function Select<T extends keyof typeof ATTRIBUTE_LABELS>({
  label,
  name,
  value,
  values,
}: {
  label: string;
  name: string;
  value: T;
  values: readonly T[];
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value}>
        {values.map((v) => (
          <option key={v} value={v}>
            {ATTRIBUTE_LABELS[v]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ChartSettings({
  options,
  dose,
  keep,
}: {
  options: ChartOptions;
  dose: DoseSettings;
  /** The filter's other fields, sent on unchanged. */
  keep: URLSearchParams;
}) {
  return (
    <form method="get" action="/charts" className="card chart-controls" aria-label="Chart settings">
      {[...keep.entries()].map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <fieldset className="chart-views">
        <legend>Chart</legend>
        {CHART_VIEWS.map((v) => (
          <label key={v} className="check">
            <input type="radio" name={CHART_PARAMS.view} value={v} defaultChecked={options.view === v} />{" "}
            {VIEW_LABELS[v]}
          </label>
        ))}
      </fieldset>
      <Select label="Group by" name={CHART_PARAMS.groupBy} value={options.groupBy} values={GROUP_BYS} />
      <Select label="Colour by" name={CHART_PARAMS.colourBy} value={options.colourBy} values={COLOUR_BYS} />
      <Select label="Dose against" name={CHART_PARAMS.x} value={options.x} values={SCATTER_XS} />
      <DoseSettingsFields filter={dose} />
      <button type="submit" className="button">
        Update chart
      </button>
    </form>
  );
}
