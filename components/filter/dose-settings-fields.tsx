// The dose settings of the filter: whether a dose is one administration's or all of them, whether
// doses estimated from total cells count, and the reference body weight they are estimated at. In
// the filter panel, or in a chart's settings.
import { FILTER_FIELDS as F, type DoseSettings } from "@/lib/domain/filter";

export function DoseSettingsFields({ filter, compact = false }: { filter: DoseSettings; compact?: boolean }) {
  const estimated = (
    <select name={F.includeEstimated.param} defaultValue={filter.includeEstimated ? "include" : "exclude"}>
      <option value="include">{compact ? "included" : "Include (hollow)"}</option>
      <option value="exclude">{compact ? "excluded" : "Leave out"}</option>
    </select>
  );
  const scale = (
    <select name={F.doseScale.param} defaultValue={filter.doseScale}>
      <option value="per_administration">per administration</option>
      <option value="cumulative">cumulative (× administrations)</option>
    </select>
  );
  const weight = (
    <input
      name={F.referenceWeightKg.param}
      inputMode="decimal"
      size={4}
      defaultValue={filter.referenceWeightKg}
    />
  );
  return compact ? (
    <>
      <label className="check">Dose scale {scale}</label>
      <label className="check">Estimated doses {estimated}</label>
      <label className="check">Reference weight (kg) {weight}</label>
    </>
  ) : (
    <>
      <label>
        Dose scale
        {scale}
      </label>
      <label>
        Reference weight (kg)
        {weight}
      </label>
      <label>
        Estimated doses
        {estimated}
      </label>
    </>
  );
}
