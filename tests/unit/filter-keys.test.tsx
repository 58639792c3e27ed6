// Every field of the filter's key table round-trips through its URL parameter, is named by an
// input of the panel that sets it, and shows in the filter's description.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartSettings } from "../../components/charts/chart-settings";
import { FilterPanel } from "../../components/filter/filter-panel";
import { DEFAULT_CHART_OPTIONS } from "../../lib/domain/charts/options";
import {
  describeFilter,
  doseSettingsOf,
  EMPTY_FILTER,
  FILTER_FIELD_NAMES,
  FILTER_FIELDS,
  filterToParams,
  parseFilter,
  type CohortFilter,
} from "../../lib/domain/filter";

const OPTIONS = {
  diseases: [{ value: "SLE", label: "Systemic lupus erythematosus", n: 3 }],
  routes: [{ value: "I.V", n: 3 }],
  coInterventions: [{ value: "IFN-γ", n: 1 }],
  coAdministered: [{ value: "BM-MNC", n: 1 }],
  categories: [{ id: "6f1c1c8e-5d1b-4d3c-9a55-0e7f2b1a9c01", name: "Relapse", colour: "#000000" }],
};

/** The empty filter with one field set to its table's example. */
const withExample = (name: (typeof FILTER_FIELD_NAMES)[number]): CohortFilter => ({
  ...EMPTY_FILTER,
  [name]: FILTER_FIELDS[name].example,
});

describe("the filter's key table", () => {
  it.each(FILTER_FIELD_NAMES)("%s round-trips URL → filter → URL", (name) => {
    const filter = withExample(name);
    const params = filterToParams(filter);
    expect([...new Set(params.keys())]).toEqual([FILTER_FIELDS[name].param]);
    const back = parseFilter(new URLSearchParams(params.toString()));
    expect(back.ignored).toEqual([]);
    expect(back.filter).toEqual(filter);
    expect(filterToParams(back.filter).toString()).toBe(params.toString());
  });

  it.each(FILTER_FIELD_NAMES)("%s is set by a named input of its panel", (name) => {
    const spec = FILTER_FIELDS[name];
    const html =
      spec.panel === "filter"
        ? renderToStaticMarkup(
            <FilterPanel action="/" filter={EMPTY_FILTER} options={OPTIONS} withDoseSettings={false} />,
          )
        : renderToStaticMarkup(
            <ChartSettings
              options={DEFAULT_CHART_OPTIONS}
              dose={doseSettingsOf(EMPTY_FILTER)}
              keep={new URLSearchParams()}
            />,
          );
    expect(html).toContain(`name="${spec.param}"`);
  });

  it("puts the dose settings in the filter panel too, unless a page sets them elsewhere", () => {
    const html = renderToStaticMarkup(<FilterPanel action="/" filter={EMPTY_FILTER} options={OPTIONS} />);
    for (const name of FILTER_FIELD_NAMES) expect(html).toContain(`name="${FILTER_FIELDS[name].param}"`);
  });

  it.each(FILTER_FIELD_NAMES)("%s shows in the description when set", (name) => {
    const chips = describeFilter(withExample(name), { [OPTIONS.categories[0]!.id]: "Relapse" });
    expect(chips.length).toBe(1);
    expect(describeFilter(EMPTY_FILTER)).toEqual([]);
  });
});
