// The cohort filter as a plain GET form: the browser writes the filter into the URL, so
// links can be shared and back/forward work, with or without JavaScript.
import Link from "next/link";
import type { AnalysisSettings, CohortFilter } from "@/lib/domain/cohort-filter";
import { DONORS, TISSUE_CODES } from "@/lib/domain/cohort-filter";
import { DONOR_LABELS, TISSUE_LABELS } from "@/lib/domain/format";

interface Option {
  value: string;
  label?: string;
  n?: number;
}

function Checkboxes({
  legend,
  name,
  options,
  selected,
}: {
  legend: string;
  name: string;
  options: Option[];
  selected: string[];
}) {
  if (options.length === 0) return null;
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />{" "}
          {o.label ?? o.value}
          {o.n !== undefined && <span className="muted"> ({o.n})</span>}
        </label>
      ))}
    </fieldset>
  );
}

export function FilterPanel({
  action,
  filter,
  settings,
  options,
  keep = {},
  withDoseSettings = true,
}: {
  action: string;
  filter: CohortFilter;
  settings: AnalysisSettings;
  options: {
    diseases: { value: string; label: string; n: number }[];
    routes: { value: string; n: number }[];
    coInterventions: { value: string; n: number }[];
    categories: { id: string; name: string }[];
  };
  /** Hidden fields the form sends on unchanged (another form's settings). */
  keep?: Record<string, string>;
  /** Whether the estimated-doses and reference-weight fields are here; a page that has them in
   * a form of its own passes false (and keeps their values). */
  withDoseSettings?: boolean;
}) {
  return (
    <form method="get" action={action} className="filters card" aria-label="Filter studies">
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="field">
        <label htmlFor="filter-q">Search outcome and product</label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filter.q ?? ""}
          placeholder="e.g. relapse, WJ-MSC"
        />
      </div>
      <Checkboxes
        legend="Disease"
        name="disease"
        options={options.diseases.map((d) => ({
          value: d.value,
          label: d.label === d.value ? d.value : `${d.value} · ${d.label}`,
          n: d.n,
        }))}
        selected={filter.diseases}
      />
      <Checkboxes legend="Route" name="route" options={options.routes} selected={filter.routes} />
      <Checkboxes
        legend="Cell source"
        name="source"
        options={TISSUE_CODES.map((t) => ({ value: t, label: TISSUE_LABELS[t] }))}
        selected={filter.tissues}
      />
      <Checkboxes
        legend="Donor"
        name="donor"
        options={DONORS.map((d) => ({ value: d, label: DONOR_LABELS[d] }))}
        selected={filter.donors}
      />
      <Checkboxes
        legend="Co-intervention"
        name="co"
        options={options.coInterventions}
        selected={filter.coInterventions}
      />
      <fieldset className="filter-group">
        <legend>Dose (cells/kg)</legend>
        <div className="pair">
          <label>
            From{" "}
            <input
              name="doseMin"
              inputMode="decimal"
              size={8}
              defaultValue={filter.doseMin ?? ""}
              placeholder="1e6"
            />
          </label>
          <label>
            to{" "}
            <input
              name="doseMax"
              inputMode="decimal"
              size={8}
              defaultValue={filter.doseMax ?? ""}
              placeholder="1e7"
            />
          </label>
        </div>
        {withDoseSettings && (
          <>
            <label className="check">
              Estimated doses{" "}
              <select name="estimated" defaultValue={filter.includeEstimated ? "include" : "exclude"}>
                <option value="include">included</option>
                <option value="exclude">excluded</option>
              </select>
            </label>
            <label className="check">
              Reference weight (kg){" "}
              <input name="weight" inputMode="decimal" size={4} defaultValue={settings.referenceWeightKg} />
            </label>
          </>
        )}
      </fieldset>
      <fieldset className="filter-group">
        <legend>Enrollment</legend>
        <div className="pair">
          <label>
            From <input name="nMin" inputMode="numeric" size={5} defaultValue={filter.enrollmentMin ?? ""} />
          </label>
          <label>
            to <input name="nMax" inputMode="numeric" size={5} defaultValue={filter.enrollmentMax ?? ""} />
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="filter-registered">Registered</label>
        <select id="filter-registered" name="registered" defaultValue={filter.registered ?? ""}>
          <option value="">either</option>
          <option value="yes">with a registry id</option>
          <option value="no">without</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-annotated">Annotations</label>
        <select id="filter-annotated" name="annotated" defaultValue={filter.annotated ?? ""}>
          <option value="">any or none</option>
          <option value="any">annotated</option>
          <option value="open">with open annotations</option>
          <option value="none">not annotated</option>
        </select>
      </div>
      <Checkboxes
        legend="Outcome category"
        name="category"
        options={options.categories.map((c) => ({ value: c.id, label: c.name }))}
        selected={filter.categories}
      />
      <div className="row-actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link href={action}>Clear all</Link>
      </div>
    </form>
  );
}
