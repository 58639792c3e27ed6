// The cohort filter as a plain GET form: the browser writes the filter into the URL, so links
// can be shared and back/forward work, with or without JavaScript. Every input is named after
// its field's URL parameter in the filter's key table.
import Link from "next/link";
import type { FilterOptions } from "@/lib/contracts/studies";
import { FILTER_FIELDS as F, type CohortFilter } from "@/lib/domain/filter";
import { ROB_FILTER_VALUES, robFilterLabel } from "@/lib/domain/rob/levels";
import {
  CELL_SOURCE_CODES,
  cellSourceLabel,
  DONOR_CODES,
  donorLabel,
  DOSE_BASIS_CODES,
  basisLabel,
} from "@/lib/domain/vocabulary";
import { Checkboxes } from "./checkboxes";
import { DoseSettingsFields } from "./dose-settings-fields";
import { RangeFields } from "./range-fields";

export function FilterPanel({
  action,
  filter,
  options,
  keep = {},
  withDoseSettings = true,
}: {
  action: string;
  filter: CohortFilter;
  options: FilterOptions;
  /** Hidden fields the form sends on unchanged (another form's settings). */
  keep?: Record<string, string>;
  /** Whether the dose settings (reference weight, estimated doses) are here; a page that has them
   * in a form of its own passes false, and keeps their values in `keep`. */
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
          name={F.q.param}
          type="search"
          defaultValue={filter.q ?? ""}
          placeholder="e.g. relapse, WJ-MSC"
        />
      </div>
      <Checkboxes
        legend="Disease"
        name={F.diseases.param}
        options={options.diseases.map((d) => ({
          value: d.value,
          label: d.label === d.value ? d.value : `${d.value} · ${d.label}`,
          n: d.n,
        }))}
        selected={filter.diseases}
      />
      <Checkboxes legend="Route" name={F.routes.param} options={options.routes} selected={filter.routes} />
      <Checkboxes
        legend="Cell source"
        name={F.sources.param}
        options={CELL_SOURCE_CODES.map((t) => ({ value: t, label: cellSourceLabel(t) }))}
        selected={filter.sources}
      />
      <Checkboxes
        legend="Donor"
        name={F.donors.param}
        options={DONOR_CODES.map((d) => ({ value: d, label: donorLabel(d) }))}
        selected={filter.donors}
      />
      <Checkboxes
        legend="Co-intervention"
        name={F.coInterventions.param}
        options={options.coInterventions}
        selected={filter.coInterventions}
      />
      <Checkboxes
        legend="Co-administered with"
        name={F.coAdministered.param}
        options={options.coAdministered}
        selected={filter.coAdministered}
      />
      <fieldset className="filter-group">
        <legend>
          {filter.doseScale === "cumulative" ? "Cumulative dose (cells/kg)" : "Dose (cells/kg)"}
        </legend>
        <RangeFields
          from={{ name: F.doseMin.param, value: filter.doseMin, placeholder: "1e6", size: 8 }}
          to={{ name: F.doseMax.param, value: filter.doseMax, placeholder: "1e7", size: 8 }}
          inputMode="decimal"
        />
        {withDoseSettings && <DoseSettingsFields filter={filter} compact />}
      </fieldset>
      <Checkboxes
        legend="How the dose was given"
        name={F.bases.param}
        options={DOSE_BASIS_CODES.map((b) => ({ value: b, label: basisLabel(b) }))}
        selected={filter.bases}
      />
      <fieldset className="filter-group">
        <legend>Enrollment</legend>
        <RangeFields
          from={{ name: F.enrollmentMin.param, value: filter.enrollmentMin, size: 5 }}
          to={{ name: F.enrollmentMax.param, value: filter.enrollmentMax, size: 5 }}
          inputMode="numeric"
        />
      </fieldset>
      <div className="field">
        <label htmlFor="filter-registered">Registered</label>
        <select id="filter-registered" name={F.registered.param} defaultValue={filter.registered ?? ""}>
          <option value="">either</option>
          <option value="yes">with a registry id</option>
          <option value="no">without</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-annotated">Annotations</label>
        <select id="filter-annotated" name={F.annotated.param} defaultValue={filter.annotated ?? ""}>
          <option value="">any or none</option>
          <option value="any">annotated</option>
          <option value="open">with open annotations</option>
          <option value="none">not annotated</option>
        </select>
      </div>
      <Checkboxes
        legend="Outcome category"
        name={F.categories.param}
        options={options.categories.map((c) => ({ value: c.id, label: c.name }))}
        selected={filter.categories}
      />
      <Checkboxes
        legend="Overall risk of bias (consensus)"
        name={F.robOverall.param}
        options={ROB_FILTER_VALUES.map((v) => ({ value: v, label: robFilterLabel(v) }))}
        selected={filter.robOverall}
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
