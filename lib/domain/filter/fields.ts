// The filter's key table: one row per field, which says how the field is read from the URL,
// printed back into it, described in words and where the filter panel shows it. Parsing,
// printing, describing and the panel are all driven by this table; the two predicates that
// select studies (Prisma and SQL) live in lib/server/sql/filter-sql.ts.
import { z } from "zod";
import { DOSE_SCALES, formatCells } from "../dose/dose";
import { ROB_FILTER_VALUES, robFilterLabel } from "../rob/levels";
import {
  CELL_SOURCE_CODES,
  cellSourceLabel,
  DEFAULT_WEIGHT_KG,
  DONOR_CODES,
  donorLabel,
  DOSE_BASIS_CODES,
  basisLabel,
  WEIGHT_RANGE_KG,
} from "../vocabulary";

/** What a description may need besides the field's own value. */
export interface DescribeContext {
  /** The filter's dose settings and range, which the dose chip reads together. */
  filter: {
    doseMin?: number | undefined;
    doseMax?: number | undefined;
    enrollmentMin?: number | undefined;
    enrollmentMax?: number | undefined;
    includeEstimated: boolean;
    referenceWeightKg: number;
    doseScale: (typeof DOSE_SCALES)[number];
  };
  /** Outcome category names by id. */
  categoryNames: Record<string, string>;
}

export interface FieldSpec<S extends z.ZodType> {
  /** The URL parameter: short and stable, as a link saved today must open in later versions. */
  param: string;
  /** The value's schema; its default is the value that restricts nothing. */
  schema: S;
  /** The URL's (trimmed, non-empty) values as input for the schema. */
  read: (values: string[]) => unknown;
  /** The value as URL values; none when it is the default. */
  write: (value: z.output<S>) => string[];
  /** The value as a chip ("disease: SLE"), or null when there is nothing to say. */
  describe: (value: z.output<S>, ctx: DescribeContext) => string | null;
  /** Where a person sets it: the filter panel, or the dose settings (panel or chart settings). */
  panel: "filter" | "dose";
  /** Whether it decides which studies are selected (the dose settings only change how doses
   * are counted, and with a dose range which studies fall in it). */
  selects: boolean;
  /** A value other than the default, for tests that round-trip every field. */
  example: z.output<S>;
}

const field = <S extends z.ZodType>(spec: FieldSpec<S>) => spec;

/** No control characters (a NUL cannot reach PostgreSQL, and none belongs in a value). */
const CONTROL = /[\u0000-\u001f\u007f]/;
const clean = (v: string) => !CONTROL.test(v);
const text = z.string().trim().min(1).max(100).refine(clean);
/** The largest whole number the database stores (PostgreSQL's integer). */
const MAX_INT = 2_147_483_647;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(50).default([]);
const commaList = (values: string[]) =>
  values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
const number = (values: string[]) => (values[0] === undefined ? undefined : Number(values[0]));
const join = (values: readonly string[]) => values.join(", ");

function textList(param: string, label: string, example: string[]) {
  return field({
    param,
    schema: list(text),
    read: commaList,
    write: (v) => [...v],
    describe: (v) => (v.length ? `${label}: ${join(v)}` : null),
    panel: "filter",
    selects: true,
    example,
  });
}

function enumList<const T extends readonly [string, ...string[]]>(
  param: string,
  codes: T,
  describe: (v: T[number][]) => string | null,
  example: T[number][],
) {
  return field({
    param,
    schema: list(z.enum(codes)),
    read: commaList,
    write: (v) => [...v],
    describe,
    panel: "filter",
    selects: true,
    example,
  });
}

function choice<const T extends readonly [string, ...string[]]>(
  param: string,
  values: T,
  describe: (v: T[number]) => string,
  example: T[number],
) {
  return field({
    param,
    schema: z.enum(values).optional(),
    read: (v) => v[0],
    write: (v) => (v === undefined ? [] : [v]),
    describe: (v) => (v === undefined ? null : describe(v)),
    panel: "filter",
    selects: true,
    example,
  });
}

const doseBound = (param: string, example: number) =>
  field({
    param,
    schema: z.number().positive().max(1e15).optional(),
    read: number,
    write: (v) => (v === undefined ? [] : [String(v)]),
    // doseMin describes the range for both ends.
    describe: () => null,
    panel: "filter",
    selects: true,
    example,
  });

const enrollmentBound = (param: string, example: number) =>
  field({
    param,
    schema: z.number().int().min(0).max(MAX_INT).optional(),
    read: number,
    write: (v) => (v === undefined ? [] : [String(v)]),
    describe: () => null,
    panel: "filter",
    selects: true,
    example,
  });

function doseRange(ctx: DescribeContext): string | null {
  const { doseMin, doseMax, includeEstimated, referenceWeightKg } = ctx.filter;
  if (doseMin === undefined && doseMax === undefined) return null;
  const lo = doseMin !== undefined ? formatCells(doseMin) : "any";
  const hi = doseMax !== undefined ? formatCells(doseMax) : "any";
  const how = includeEstimated ? ` (totals at ${referenceWeightKg} kg)` : ", per-kg doses only";
  const scale = ctx.filter.doseScale === "cumulative" ? "cumulative " : "";
  return `${scale}dose ${lo} to ${hi} cells/kg${how}`;
}

const hasRange = (ctx: DescribeContext) =>
  ctx.filter.doseMin !== undefined || ctx.filter.doseMax !== undefined;

/** Every field of the filter, in the order of the panel and the description. */
export const FILTER_FIELDS = {
  diseases: textList("disease", "disease", ["SLE"]),
  routes: textList("route", "route", ["I.V"]),
  sources: enumList(
    "source",
    CELL_SOURCE_CODES as [CellSourceCode, ...CellSourceCode[]],
    (v) => (v.length ? `cell source: ${join(v.map(cellSourceLabel))}` : null),
    ["UC"],
  ),
  donors: enumList(
    "donor",
    DONOR_CODES as [DonorCode, ...DonorCode[]],
    (v) => (v.length ? `donor: ${join(v.map(donorLabel))}` : null),
    ["autologous"],
  ),
  coInterventions: field({
    param: "co",
    schema: list(text),
    read: commaList,
    write: (v) => [...v],
    describe: (v) => (v.length ? `with ${join(v)}` : null),
    panel: "filter",
    selects: true,
    example: ["IFN-γ"],
  }),
  coAdministered: field({
    param: "coadmin",
    schema: list(text),
    read: commaList,
    write: (v) => [...v],
    describe: (v) => (v.length ? `co-administered with ${join(v)}` : null),
    panel: "filter",
    selects: true,
    example: ["BM-MNC"],
  }),
  doseMin: field({ ...doseBound("doseMin", 1e6), describe: (_v, ctx) => doseRange(ctx) }),
  doseMax: doseBound("doseMax", 5e6),
  bases: enumList(
    "basis",
    DOSE_BASIS_CODES as [BasisCode, ...BasisCode[]],
    (v) => (v.length ? `dose given ${join(v.map(basisLabel))}` : null),
    ["per_joint"],
  ),
  enrollmentMin: field({
    ...enrollmentBound("nMin", 10),
    describe: (_v, ctx) => enrollment(ctx),
  }),
  enrollmentMax: enrollmentBound("nMax", 100),
  registered: choice(
    "registered",
    ["yes", "no"],
    (v) => (v === "yes" ? "registered" : "not registered"),
    "no",
  ),
  categories: field({
    param: "category",
    schema: list(z.uuid()),
    read: commaList,
    write: (v) => [...v],
    describe: (v, ctx) => (v.length ? `outcome: ${join(v.map((c) => ctx.categoryNames[c] ?? c))}` : null),
    panel: "filter",
    selects: true,
    example: ["6f1c1c8e-5d1b-4d3c-9a55-0e7f2b1a9c01"],
  }),
  robOverall: enumList(
    "rob",
    ROB_FILTER_VALUES,
    (v) => (v.length ? `overall risk of bias: ${join(v.map(robFilterLabel))}` : null),
    ["high", "serious"],
  ),
  annotated: choice(
    "annotated",
    ["any", "open", "none"],
    (v) => ({ any: "annotated", open: "with open annotations", none: "not annotated" })[v],
    "open",
  ),
  q: field({
    param: "q",
    schema: z.string().trim().max(200).refine(clean).optional(),
    read: (v) => v[0],
    write: (v) => (v ? [v] : []),
    describe: (v) => (v ? `“${v}”` : null),
    panel: "filter",
    selects: true,
    example: "relapse, remission",
  }),
  includeEstimated: field({
    param: "estimated",
    schema: z.boolean().default(true),
    read: (v) => v[0] !== "exclude",
    write: (v) => (v ? [] : ["exclude"]),
    describe: (v, ctx) => (!v && !hasRange(ctx) ? "estimated doses excluded" : null),
    panel: "dose",
    selects: true,
    example: false,
  }),
  referenceWeightKg: field({
    param: "weight",
    schema: z.number().min(WEIGHT_RANGE_KG.min).max(WEIGHT_RANGE_KG.max).default(DEFAULT_WEIGHT_KG),
    read: number,
    write: (v) => (v === DEFAULT_WEIGHT_KG ? [] : [String(v)]),
    describe: (v, ctx) =>
      v !== DEFAULT_WEIGHT_KG && !(hasRange(ctx) && ctx.filter.includeEstimated)
        ? `reference weight ${v} kg`
        : null,
    panel: "dose",
    selects: false,
    example: 60,
  }),
  doseScale: field({
    param: "scale",
    schema: z.enum(DOSE_SCALES).default("per_administration"),
    read: (v) => v[0],
    write: (v) => (v === "per_administration" ? [] : [v]),
    describe: (v, ctx) =>
      v === "cumulative" && !hasRange(ctx) ? "cumulative doses (per administration × their number)" : null,
    panel: "dose",
    selects: false,
    example: "cumulative",
  }),
};

type CellSourceCode = (typeof CELL_SOURCE_CODES)[number];
type DonorCode = (typeof DONOR_CODES)[number];
type BasisCode = (typeof DOSE_BASIS_CODES)[number];

function enrollment(ctx: DescribeContext): string | null {
  const { enrollmentMin: min, enrollmentMax: max } = ctx.filter;
  if (min === undefined && max === undefined) return null;
  return `enrollment ${min ?? 0}–${max ?? "any"}`;
}

export type FilterFieldName = keyof typeof FILTER_FIELDS;
export const FILTER_FIELD_NAMES = Object.keys(FILTER_FIELDS) as FilterFieldName[];
