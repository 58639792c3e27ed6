// The meta-analysis choices as a GET form: outcome, measure, model, Knapp–Hartung, subgroups
// and meta-regression, keeping the studies (a cohort or a filter) and the trials' chosen studies.
import { ATTRIBUTES, type AnalysisOptions } from "@/lib/domain/analysis";
import { MEASURE_LABELS, MEASURES, METHOD_LABELS, METHODS, type Measure } from "@/lib/domain/stats/meta";
import { HiddenFields } from "./hidden-fields";

export const ATTRIBUTE_CHOICES: Record<string, string> = {
  none: "None",
  dose: "log10 dose (cells/kg)",
  disease: "Disease",
  tissue: "Cell source",
  route: "Route",
  donor: "Donor",
  rob: "Overall risk of bias",
};

function Choice({
  label,
  name,
  value,
  values,
}: {
  label: string;
  name: string;
  value: string;
  values: string[];
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value}>
        {values.map((x) => (
          <option key={x} value={x}>
            {ATTRIBUTE_CHOICES[x] ?? x}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AnalysisSettings({
  chosen,
  measure,
  outcomes,
  studyQuery,
}: {
  chosen: AnalysisOptions;
  /** The measure in effect (the design's default when none is chosen). */
  measure: Measure;
  outcomes: { outcome: string; studies: number }[];
  studyQuery: string;
}) {
  return (
    <form method="get" action="/analysis" className="card chart-controls" aria-label="Analysis settings">
      <HiddenFields query={studyQuery} />
      <label>
        Outcome
        <select name="outcome" defaultValue={chosen.outcome}>
          {outcomes.map((n) => (
            <option key={n.outcome} value={n.outcome}>
              {n.outcome} ({n.studies})
            </option>
          ))}
        </select>
      </label>
      <label>
        Measure
        <select name="measure" defaultValue={measure}>
          {MEASURES.map((x) => (
            <option key={x} value={x}>
              {x}: {MEASURE_LABELS[x]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Model
        <select name="method" defaultValue={chosen.method}>
          {METHODS.map((x) => (
            <option key={x} value={x}>
              {METHOD_LABELS[x]}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" name="knha" value="1" defaultChecked={chosen.knha} /> Knapp–Hartung (HKSJ)
      </label>
      <Choice label="Subgroups by" name="sub" value={chosen.subgroup} values={["none", ...ATTRIBUTES]} />
      <Choice
        label="Meta-regression on"
        name="mods"
        value={chosen.mods}
        values={["none", "dose", ...ATTRIBUTES]}
      />
      {chosen.use.map((u) => (
        <input key={u} type="hidden" name="use" value={u} />
      ))}
      <button type="submit" className="button">
        Update analysis
      </button>
    </form>
  );
}
