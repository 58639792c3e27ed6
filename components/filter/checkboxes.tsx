// A group of checkboxes for one list field of the filter, each with how many studies have it.
export interface CheckboxOption {
  value: string;
  label?: string;
  n?: number;
}

export function Checkboxes({
  legend,
  name,
  options,
  selected,
}: {
  legend: string;
  name: string;
  options: CheckboxOption[];
  selected: readonly string[];
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
