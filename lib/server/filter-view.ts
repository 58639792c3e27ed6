// What every filtered page needs besides its own numbers: the filter read from the URL (and what
// of it was not understood), the values the filter panel offers, the filter in words and as a
// query for links.
import "server-only";
import type { FilterOptions } from "../contracts/studies";
import { describeFilter, filterToParams, parseFilter, type CohortFilter } from "../domain/filter";
import type { Params } from "../domain/url-params";
import type { SessionUser } from "./platform/session-user";
import { filterOptions } from "./studies";

export interface FilterView {
  filter: CohortFilter;
  /** URL parameters that were not understood and were left out. */
  ignored: string[];
  options: FilterOptions;
  /** The filter in words, for chips and captions. */
  chips: string[];
  /** The filter as a URL query ("" when empty). */
  query: string;
  /** Disease names by code. */
  diseaseNames: Record<string, string>;
}

export async function filterView(actor: SessionUser | null, params: Params): Promise<FilterView> {
  const { filter, ignored } = parseFilter(params);
  const options = await filterOptions(actor);
  return {
    filter,
    ignored,
    options,
    chips: describeFilter(filter, Object.fromEntries(options.categories.map((c) => [c.id, c.name]))),
    query: filterToParams(filter).toString(),
    diseaseNames: Object.fromEntries(options.diseases.map((d) => [d.value, d.label])),
  };
}
