// A saved cohort's filter and link. The filter is stored as the URL query the dashboard uses
// (stable, short keys; see cohort-filter.ts), so a cohort saved by any version of the app opens
// in later ones; what a later version no longer understands is dropped and reported.
import {
  AnalysisSettingsSchema,
  CohortFilterSchema,
  filterToParams,
  parseFilter,
  type AnalysisSettings,
  type CohortFilter,
  type FilterReading,
} from "./cohort-filter";

/** How a cohort's filter is kept in the database (the `filter` JSON column). */
export interface StoredFilter {
  query: string;
  /** Meta-analysis choices saved with the cohort, as the analysis page's URL query. */
  analysis?: string;
}

/** The meta-analysis choices saved with a cohort ("" when none). */
export function storedAnalysis(stored: unknown): string {
  return stored && typeof stored === "object" && "analysis" in stored && typeof stored.analysis === "string"
    ? stored.analysis
    : "";
}

export function storeFilter(filter: CohortFilter, settings: AnalysisSettings): StoredFilter {
  return { query: filterToParams(filter, settings).toString() };
}

/**
 * Reads a stored filter. Besides the current shape ({ query }), it accepts the object shape of
 * the filter itself (field names of CohortFilter), as early versions stored it.
 */
export function readStoredFilter(stored: unknown): FilterReading {
  if (stored && typeof stored === "object" && "query" in stored && typeof stored.query === "string") {
    return parseFilter(new URLSearchParams(stored.query));
  }
  if (stored && typeof stored === "object" && !Array.isArray(stored)) {
    const raw = { ...(stored as Record<string, unknown>) };
    const ignored: string[] = [];
    let parsed = CohortFilterSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        if (!ignored.includes(key)) ignored.push(key);
        delete raw[key];
      }
      parsed = CohortFilterSchema.safeParse(raw);
    }
    const settings = AnalysisSettingsSchema.safeParse({ referenceWeightKg: raw.referenceWeightKg });
    return {
      filter: parsed.success ? parsed.data : CohortFilterSchema.parse({}),
      settings: settings.success ? settings.data : { referenceWeightKg: 70 },
      ignored,
    };
  }
  return { filter: CohortFilterSchema.parse({}), settings: { referenceWeightKg: 70 }, ignored: ["filter"] };
}

/** The analysis settings a frozen cohort keeps with its members. */
export interface FrozenSettings {
  referenceWeightKg: number;
  includeEstimated: boolean;
}

/** "SLE bone-marrow cohort" → "sle-bone-marrow-cohort" (ASCII, at most 48 characters). */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "cohort";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);
