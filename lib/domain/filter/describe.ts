// The active filter in words, for the chips above results and for export captions.
import type { CohortFilter } from "./filter";
import { FILTER_FIELD_NAMES, FILTER_FIELDS, type FilterFieldName } from "./fields";

type Describers = {
  [K in FilterFieldName]: {
    describe: (
      v: CohortFilter[K],
      ctx: { filter: CohortFilter; categoryNames: Record<string, string> },
    ) => string | null;
  };
};
const DESCRIBERS: Describers = FILTER_FIELDS;

export function describeFilter(filter: CohortFilter, categoryNames: Record<string, string> = {}): string[] {
  const ctx = { filter, categoryNames };
  const describe = <K extends FilterFieldName>(name: K) => DESCRIBERS[name].describe(filter[name], ctx);
  return FILTER_FIELD_NAMES.map(describe).filter((chip): chip is string => chip !== null);
}
