// A saved cohort's filter as the database keeps it (the `filter` JSON column): the URL query the
// dashboard uses (stable, short keys), so a cohort saved by any version opens in later ones and
// what a later version no longer understands is dropped and reported. Frozen cohorts also keep
// the dose settings they were frozen with.
import { z } from "zod";
import {
  DoseSettingsSchema,
  filterToParams,
  parseFilter,
  readFilterFields,
  type CohortFilter,
  type DoseSettings,
  type FilterReading,
} from "./filter";

/** The `filter` column: the filter as a query, and the meta-analysis choices saved with it. */
export const StoredFilterSchema = z.object({
  query: z.string(),
  /** Meta-analysis choices saved with the cohort, as the analysis page's URL query. */
  analysis: z.string().optional(),
});
export type StoredFilter = z.output<typeof StoredFilterSchema>;

export function storeFilter(filter: CohortFilter, analysis?: string): StoredFilter {
  return { query: filterToParams(filter).toString(), ...(analysis ? { analysis } : {}) };
}

/** The meta-analysis choices saved with a cohort ("" when none). */
export function storedAnalysis(stored: unknown): string {
  return StoredFilterSchema.safeParse(stored).data?.analysis ?? "";
}

/** Field names of the filter as early versions stored it (an object, not a query). */
const LEGACY_NAMES: Record<string, string> = { tissues: "sources" };

/**
 * Reads a stored filter. Besides the current shape ({ query }), it accepts the object shape of
 * the filter itself, as early versions stored it.
 */
export function readStoredFilter(stored: unknown): FilterReading {
  const current = StoredFilterSchema.safeParse(stored);
  if (current.success) return parseFilter(new URLSearchParams(current.data.query));
  const legacy = z.record(z.string(), z.unknown()).safeParse(stored);
  if (legacy.success) {
    const raw = Object.fromEntries(Object.entries(legacy.data).map(([k, v]) => [LEGACY_NAMES[k] ?? k, v]));
    return readFilterFields(raw);
  }
  return { filter: parseFilter(new URLSearchParams()).filter, ignored: ["filter"] };
}

/** The dose settings a frozen cohort keeps with its members (the `frozen_settings` column). */
export const FrozenSettingsSchema = DoseSettingsSchema;
export type FrozenSettings = DoseSettings;

/** Reads the `frozen_settings` column; null when the cohort is live or the value is unreadable. */
export function readFrozenSettings(value: unknown): FrozenSettings | null {
  return value === null || value === undefined ? null : (FrozenSettingsSchema.safeParse(value).data ?? null);
}

/** The filter a cohort's numbers use: a frozen cohort's dose settings win over its filter's. */
export function effectiveFilter(filter: CohortFilter, frozen: FrozenSettings | null): CohortFilter {
  return frozen ? { ...filter, ...frozen } : filter;
}
