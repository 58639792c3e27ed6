// The one filter of the evidence table: parsed from the URL, stored in saved cohorts, turned
// into a Prisma `where` and a SQL predicate (lib/server/sql/filter-sql.ts), printed back into
// a URL. Its fields, URL keys and descriptions come from the key table in fields.ts.
import { z } from "zod";
import { paramValues, type Params } from "../url-params";
import { DEFAULT_WEIGHT_KG } from "../vocabulary";
import { FILTER_FIELD_NAMES, FILTER_FIELDS, type FilterFieldName } from "./fields";

export const FILTER_VERSION = 1;

type Shape = { [K in FilterFieldName]: (typeof FILTER_FIELDS)[K]["schema"] };
const shape = Object.fromEntries(
  FILTER_FIELD_NAMES.map((name) => [name, FILTER_FIELDS[name].schema]),
) as Shape;

export const CohortFilterSchema = z
  .object(shape)
  .refine((f) => f.doseMin === undefined || f.doseMax === undefined || f.doseMin <= f.doseMax, {
    path: ["doseMax"],
    message: "The highest dose is below the lowest",
  })
  .refine(
    (f) =>
      f.enrollmentMin === undefined || f.enrollmentMax === undefined || f.enrollmentMin <= f.enrollmentMax,
    { path: ["enrollmentMax"], message: "The largest enrollment is below the smallest" },
  );

export type CohortFilter = z.output<typeof CohortFilterSchema>;

/**
 * Who a filter is run for, when that changes what it may use. While the team tags blind, a
 * reviewer may not learn the others' tags or the consensus of a study they have not tagged: the
 * outcome-category filter, and the categories shown with the results, then only use the
 * consensus of the studies `blindReviewer` has tagged (a reviewer's id; a nil id for readers
 * with no tags, such as a share link's). Never read from a URL: the server sets it.
 */
export interface FilterScope {
  blindReviewer?: string;
  /** A reviewer, whose risk-of-bias filter counts the consensus of the studies they have
   * assessed only (risk-of-bias assessment is always blind). */
  robReader?: string;
}
export type ScopedFilter = CohortFilter & FilterScope;
/**
 * The filter as far as it decides which studies it selects: the scope only where the filter
 * selects by what the scope hides (outcome categories, risk of bias). Counts and the order of a
 * selection depend on nothing else, so every reader of a plain filter can share one cached answer.
 */
export function selectionScope(filter: ScopedFilter): ScopedFilter {
  const { blindReviewer, robReader, ...rest } = filter;
  return {
    ...rest,
    ...(blindReviewer !== undefined && filter.categories.length > 0 ? { blindReviewer } : {}),
    ...(robReader !== undefined && filter.robOverall.length > 0 ? { robReader } : {}),
  };
}

/** The reviewer of nobody: a scope in which no consensus is visible. */
export const NO_REVIEWER = "00000000-0000-0000-0000-000000000000";

/** How doses are put on the cells/kg axis: the reference weight for total cell counts, whether
 * doses estimated that way count, and whether a dose is one administration's or all of them
 * (cumulative: per administration × their number; arms without a stated number are left out).
 * Part of every filter; changes numbers, and with a dose range also which studies fall in it. */
export type DoseSettings = Pick<CohortFilter, "referenceWeightKg" | "includeEstimated" | "doseScale">;

export const DoseSettingsSchema = z.object({
  referenceWeightKg: FILTER_FIELDS.referenceWeightKg.schema,
  includeEstimated: FILTER_FIELDS.includeEstimated.schema,
  // Settings frozen before there was a choice were per administration.
  doseScale: FILTER_FIELDS.doseScale.schema,
});

export const DEFAULT_DOSE_SETTINGS: DoseSettings = {
  referenceWeightKg: DEFAULT_WEIGHT_KG,
  includeEstimated: true,
  doseScale: "per_administration",
};

export const EMPTY_FILTER: CohortFilter = CohortFilterSchema.parse({});

export const doseSettingsOf = (f: CohortFilter): DoseSettings => ({
  referenceWeightKg: f.referenceWeightKg,
  includeEstimated: f.includeEstimated,
  doseScale: f.doseScale,
});

export interface FilterReading {
  filter: CohortFilter;
  /** URL parameters that were not understood and were left out, for a notice. */
  ignored: string[];
}

/**
 * Reads a filter from field values (URL values already read by the key table, or a stored
 * object); each field that fails is dropped and reported by its URL parameter.
 */
export function readFilterFields(raw: Record<string, unknown>): FilterReading {
  const input: Record<string, unknown> = {};
  for (const name of FILTER_FIELD_NAMES) if (raw[name] !== undefined) input[name] = raw[name];
  const parsed = CohortFilterSchema.safeParse(input);
  if (parsed.success) return { filter: parsed.data, ignored: [] };
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const ignored: string[] = [];
  for (const name of FILTER_FIELD_NAMES) {
    if (!bad.has(name)) continue;
    ignored.push(FILTER_FIELDS[name].param);
    delete input[name];
  }
  return { filter: CohortFilterSchema.safeParse(input).data ?? EMPTY_FILTER, ignored };
}

/** Reads a filter from URL parameters; what it cannot understand is dropped and reported. */
export function parseFilter(params: Params): FilterReading {
  const raw: Record<string, unknown> = {};
  for (const name of FILTER_FIELD_NAMES) {
    const spec = FILTER_FIELDS[name];
    const values = paramValues(params, spec.param)
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length) raw[name] = spec.read(values);
  }
  return readFilterFields(raw);
}

type Writers = { [K in FilterFieldName]: { write: (v: CohortFilter[K]) => string[] } };
const WRITERS: Writers = FILTER_FIELDS;

/** The URL values of one field of the filter (none when it is the default). */
function fieldParams<K extends FilterFieldName>(name: K, filter: CohortFilter): string[] {
  return WRITERS[name].write(filter[name]);
}

/** Prints a filter back into URL parameters: only what differs from the empty filter. */
export function filterToParams(filter: CohortFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const name of FILTER_FIELD_NAMES)
    for (const v of fieldParams(name, filter)) p.append(FILTER_FIELDS[name].param, v);
  return p;
}

/** Every URL parameter the filter reads. */
export const FILTER_PARAMS: readonly string[] = FILTER_FIELD_NAMES.map((n) => FILTER_FIELDS[n].param);

/** Whether the filter selects every study (its dose settings aside). */
export function isEmptyFilter(filter: CohortFilter): boolean {
  return FILTER_FIELD_NAMES.every(
    (name) => !FILTER_FIELDS[name].selects || fieldParams(name, filter).length === 0,
  );
}
