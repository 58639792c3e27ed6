// The one filter of the evidence table: parsed from the URL, stored in saved cohorts, turned
// into a Prisma `where` and a SQL predicate (lib/server/study-query.ts), printed back into a URL.
import { z } from "zod";
import { TISSUES } from "./product";

export const FILTER_VERSION = 1;
export const DONORS = ["autologous", "allogeneic", "not_stated"] as const;
export const DOSE_BASES = ["per_kg", "total", "per_joint", "per_ml", "unknown"] as const;
export const TISSUE_CODES = Object.keys(TISSUES) as (keyof typeof TISSUES)[];

const list = <T extends z.ZodType>(item: T) => z.array(item).max(50).default([]);
const text = z.string().trim().min(1).max(100);
const positive = z.number().finite().positive();

export const CohortFilterSchema = z
  .object({
    diseases: list(text),
    routes: list(text),
    tissues: list(z.enum(TISSUE_CODES)),
    donors: list(z.enum(DONORS)),
    coInterventions: list(text),
    /** Dose range in cells/kg, on the normalised value of any arm of the study. */
    doseMin: positive.optional(),
    doseMax: positive.optional(),
    /** Whether doses converted from total cells (estimated) count for the dose range. */
    includeEstimated: z.boolean().default(true),
    bases: list(z.enum(DOSE_BASES)),
    enrollmentMin: z.number().int().min(0).optional(),
    enrollmentMax: z.number().int().min(0).optional(),
    registered: z.enum(["yes", "no"]).optional(),
    /** Outcome category ids (consensus tags). */
    categories: list(z.uuid()),
    annotated: z.enum(["any", "open", "none"]).optional(),
    q: z.string().trim().max(200).optional(),
  })
  .refine((f) => f.doseMin === undefined || f.doseMax === undefined || f.doseMin <= f.doseMax, {
    path: ["doseMax"],
    message: "The highest dose is below the lowest",
  })
  .refine(
    (f) =>
      f.enrollmentMin === undefined || f.enrollmentMax === undefined || f.enrollmentMin <= f.enrollmentMax,
    {
      path: ["enrollmentMax"],
      message: "The largest enrollment is below the smallest",
    },
  );

export type CohortFilter = z.output<typeof CohortFilterSchema>;

export const EMPTY_FILTER: CohortFilter = CohortFilterSchema.parse({});

/** Analysis settings that change numbers but not membership. */
export const AnalysisSettingsSchema = z.object({
  referenceWeightKg: z.number().min(1).max(300).default(70),
});
export type AnalysisSettings = z.output<typeof AnalysisSettingsSchema>;

// URL keys, short and stable: a link saved today must open in later versions.
const KEYS = {
  diseases: "disease",
  routes: "route",
  tissues: "source",
  donors: "donor",
  coInterventions: "co",
  bases: "basis",
  categories: "category",
} as const;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: Params, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key).flatMap((v) => v.split(","));
  const v = params[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((x) => x.split(","));
}
const getOne = (params: Params, key: string) => {
  const v = getAll(params, key)[0]?.trim();
  return v ? v : undefined;
};
const num = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : Number(v));

export interface FilterReading {
  filter: CohortFilter;
  settings: AnalysisSettings;
  /** Parts of the URL that were not understood and were left out, for a notice. */
  ignored: string[];
}

/** Reads a filter from URL parameters; what it cannot understand is dropped and reported. */
export function parseFilter(params: Params): FilterReading {
  const raw: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(KEYS))
    raw[field] = getAll(params, key)
      .map((s) => s.trim())
      .filter(Boolean);
  raw.doseMin = num(getOne(params, "doseMin"));
  raw.doseMax = num(getOne(params, "doseMax"));
  raw.includeEstimated = getOne(params, "estimated") !== "exclude";
  raw.enrollmentMin = num(getOne(params, "nMin"));
  raw.enrollmentMax = num(getOne(params, "nMax"));
  raw.registered = getOne(params, "registered");
  raw.annotated = getOne(params, "annotated");
  raw.q = getOne(params, "q");
  const ignored: string[] = [];
  const parsed = CohortFilterSchema.safeParse(raw);
  let filter: CohortFilter;
  if (parsed.success) filter = parsed.data;
  else {
    // Drop each field that failed, keep the rest.
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    for (const k of bad) {
      ignored.push(k);
      delete raw[k];
    }
    filter = CohortFilterSchema.safeParse(raw).data ?? EMPTY_FILTER;
  }
  const weight = num(getOne(params, "weight"));
  const settings = AnalysisSettingsSchema.safeParse({ referenceWeightKg: weight });
  if (!settings.success) ignored.push("weight");
  return { filter, settings: settings.data ?? { referenceWeightKg: 70 }, ignored };
}

/** Prints a filter back into URL parameters (only what differs from the empty filter). */
export function filterToParams(filter: CohortFilter, settings?: AnalysisSettings): URLSearchParams {
  const p = new URLSearchParams();
  for (const [field, key] of Object.entries(KEYS))
    for (const v of filter[field as keyof typeof KEYS]) p.append(key, v);
  if (filter.doseMin !== undefined) p.set("doseMin", String(filter.doseMin));
  if (filter.doseMax !== undefined) p.set("doseMax", String(filter.doseMax));
  if (!filter.includeEstimated) p.set("estimated", "exclude");
  if (filter.enrollmentMin !== undefined) p.set("nMin", String(filter.enrollmentMin));
  if (filter.enrollmentMax !== undefined) p.set("nMax", String(filter.enrollmentMax));
  if (filter.registered) p.set("registered", filter.registered);
  if (filter.annotated) p.set("annotated", filter.annotated);
  if (filter.q) p.set("q", filter.q);
  if (settings && settings.referenceWeightKg !== 70) p.set("weight", String(settings.referenceWeightKg));
  return p;
}

/** Whether the filter selects everything. */
export function isEmptyFilter(filter: CohortFilter): boolean {
  return filterToParams(filter).toString() === "";
}
