// A group of checkboxes for one list field of the filter, each with how many studies have it.
// The boxes are written as HTML text: a filter panel holds a hundred or more of them on every
// filtered page, and as React elements they cost more server time than the rest of the panel.
import { joinMarkup, markup } from "@/lib/domain/html";

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
  const chosen = new Set(selected);
  const boxes = options.map((o) => {
    const checked = chosen.has(o.value) && markup` checked`;
    const count = o.n !== undefined && markup`<span class="muted"> (${o.n})</span>`;
    return markup`<label class="check"><input type="checkbox" name="${name}" value="${o.value}"${checked}> ${o.label ?? o.value}${count}</label>`;
  });
  const html = joinMarkup([markup`<legend>${legend}</legend>`, ...boxes]);
  return <fieldset className="filter-group" dangerouslySetInnerHTML={{ __html: html.value }} />;
}
