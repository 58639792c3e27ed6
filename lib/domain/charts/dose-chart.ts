// Pure helpers for the dose charts: which attribute of an arm a grouping or colour reads, a
// colour-blind-safe palette, log-axis ticks, a stable jitter, the text summary and the CSV.
import { ATTRIBUTE_LABELS, type ColourBy, type GroupBy, type ScatterX } from "./labels";
import { csvCell } from "../csv";
import { formatCells, type DoseScale } from "../dose/dose";
import { cellSourceLabel, donorLabel } from "../vocabulary";

/** The fields of an arm the charts read (the server's ChartArm satisfies it). */
export interface ArmLike {
  armId: string;
  studyId: string;
  disease: string;
  tissue: string;
  donor: string;
  route: string;
  /** The study's outcome category (consensus tags) that the arm is shown under, with its colour:
   * the first of the filter's categories the study has, else its first category. */
  category: string | null;
  categoryColour: string | null;
  reference: string | null;
  registryId: string | null;
  /** Patients in the arm, when the study gives a count per arm. */
  n: number | null;
  /** Patients in the whole study. */
  enrollment: number | null;
  year: number | null;
  product: string;
  doseText: string;
  basis: string;
  /** cells/kg for per kg and total (estimated) doses, cells per joint or per ml otherwise. */
  value: number;
  estimated: boolean;
  /** The spread the study reports around the value, in the same unit: a range's ends, or the
   * mean ± SD (absent when the dose is one number, or the SD reaches below zero). Optional because
   * charts frozen with a cohort before it existed do not have it. */
  spread?: DoseSpread;
  /** The dose is a lower bound ("≥ 1 × 10⁶/kg"), drawn at that bound. */
  atLeast?: boolean;
  /** "Smith 2019 [12]", when the table names the authors (absent in charts frozen before). */
  citation?: string;
  /** How often the dose was given: a count (null when not stated or not fixed) and the schedule
   * as written. */
  administrations?: number | null;
  schedule?: string | null;
  /** Non-MSC cells given to the same patients ("BM-MNC 106.8 × 10⁶/kg"). */
  coAdministered?: string[];
  /** The group the arm is drawn in when it is not one of its attributes (a compared cohort). */
  group?: string;
}

export interface DoseSpread {
  kind: "range" | "sd";
  low: number;
  high: number;
}

/**
 * The spread of a dose as reported, in the unit it is drawn in (`convert` takes a value of the
 * arm's own basis there): a range's ends, or mean ± SD when the lower end stays above zero (a
 * log axis has no place for the rest). Null for a single value, a lower bound or a list.
 */
export function doseSpread(
  dose: { low: number | null; high: number | null; mid: number | null; sd: number | null },
  convert: (v: number) => number,
): DoseSpread | null {
  const { low, high, mid, sd } = dose;
  if (low !== null && high !== null && high > low)
    return { kind: "range", low: convert(low), high: convert(high) };
  if (mid !== null && sd !== null && sd > 0 && mid - sd > 0)
    return { kind: "sd", low: convert(mid - sd), high: convert(mid + sd) };
  return null;
}

/** The whisker of a drawn point as recharts' ErrorBar takes it: distances below and above. */
export function whiskerOf(arm: Pick<ArmLike, "value" | "spread">): [number, number] | undefined {
  return arm.spread ? [arm.value - arm.spread.low, arm.spread.high - arm.value] : undefined;
}

/** Okabe & Ito's palette (Color Universal Design), distinct for the common colour-vision deficiencies. */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000"];
export const OTHER_COLOUR = "#8a8a8a";
export const NOT_TAGGED = "Not tagged";
/** Darker than OTHER_COLOUR, so that untagged studies and the "Other" values stay apart. */
export const NOT_TAGGED_COLOUR = "#595959";
const OTHER_VALUE = "\u0000other";

export function attributeOf(arm: ArmLike, by: GroupBy | Exclude<ColourBy, "none">): string {
  switch (by) {
    case "disease":
      return arm.disease;
    case "tissue":
      return arm.tissue;
    case "donor":
      return arm.donor;
    case "route":
      return arm.route;
    case "category":
      return arm.category ?? NOT_TAGGED;
  }
}

/** A person-readable name for a value of an attribute. */
export function attributeLabel(by: GroupBy | ColourBy | ScatterX, value: string): string {
  if (by === "tissue") return cellSourceLabel(value);
  if (by === "donor") return donorLabel(value);
  return value;
}

export interface ColourKey {
  value: string;
  label: string;
  colour: string;
  arms: number;
}

/**
 * Colours for the values of an attribute: the most frequent values get the palette in order,
 * the rest share one grey "Other". Outcome categories keep the colours the team gave them.
 */
export function colourKeys(arms: ArmLike[], by: ColourBy): ColourKey[] {
  if (by === "none") return [{ value: "", label: "All arms", colour: PALETTE[0]!, arms: arms.length }];
  const counts = new Map<string, { arms: number; colour: string | null }>();
  for (const arm of arms) {
    const v = attributeOf(arm, by);
    const c = counts.get(v) ?? { arms: 0, colour: by === "category" ? arm.categoryColour : null };
    c.arms += 1;
    counts.set(v, c);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1].arms - a[1].arms || a[0].localeCompare(b[0]));
  const own = PALETTE.length;
  const keys: ColourKey[] = sorted.slice(0, own).map(([value, c], i) => ({
    value,
    label: attributeLabel(by, value),
    colour: c.colour ?? (value === NOT_TAGGED ? NOT_TAGGED_COLOUR : PALETTE[i]!),
    arms: c.arms,
  }));
  const rest = sorted.slice(own);
  if (rest.length > 0) {
    keys.push({
      value: OTHER_VALUE,
      label: `Other (${rest.map(([v]) => attributeLabel(by, v)).join(", ")})`,
      colour: OTHER_COLOUR,
      arms: rest.reduce((n, [, c]) => n + c.arms, 0),
    });
  }
  return keys;
}

/** The colour key an arm falls under: its value's own, else "Other" (also for a value the keys
 * were not made from). */
export function colourKeyOf(arm: ArmLike, by: ColourBy, keys: ColourKey[]): ColourKey {
  if (by === "none") return keys[0]!;
  const v = attributeOf(arm, by);
  return (
    keys.find((k) => k.value === v) ??
    keys.find((k) => k.value === OTHER_VALUE) ?? {
      value: OTHER_VALUE,
      label: "Other",
      colour: OTHER_COLOUR,
      arms: 0,
    }
  );
}

/** The size of an arm's point: the arm's own patients, else the study's. */
export const pointSizeOf = (arm: ArmLike): number | null => arm.n ?? arm.enrollment;

/** Powers of ten that cover [min, max] on a log axis. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0)) return [1e5, 1e6, 1e7];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) ticks.push(10 ** e);
  return ticks;
}

/** A stable offset in [-width/2, width/2] from an id, so points do not jump between renders. */
export function jitter(id: string, width = 0.6): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (((h >>> 0) % 10007) / 10006 - 0.5) * width;
}

export const fmtDose = (v: number) => formatCells(v);

/** The x value of an arm on the scatter, or null where the study does not say (an enrollment of
 * 0 has no place on the log axis either). */
export function scatterX(arm: ArmLike, x: ScatterX): number | string | null {
  if (x === "enrollment") return arm.enrollment !== null && arm.enrollment > 0 ? arm.enrollment : null;
  if (x === "year") return arm.year;
  return arm.category ?? NOT_TAGGED;
}

/** "1 arm", "2 arms". */
const arms = (n: number) => `${n} arm${n === 1 ? "" : "s"}`;

/** What the scatter leaves out: arms whose study gives no x value, said in a sentence (or null). */
export function scatterMissingNote(points: ArmLike[], x: ScatterX): string | null {
  const missing = points.filter((a) => scatterX(a, x) === null).length;
  if (missing === 0) return null;
  return `${arms(missing)} not drawn: the study does not give ${
    x === "enrollment" ? "an enrollment" : "a publication year"
  }.`;
}

const CSV_COLUMNS = [
  "study_id",
  "arm_id",
  "disease",
  "cell_source",
  "donor",
  "route",
  "outcome_category",
  "reference",
  "registry_id",
  "n",
  "enrollment",
  "publication_year",
  "product",
  "dose_as_written",
  "dose_basis",
  "dose_value",
  "dose_unit",
  "estimated",
  "reference_weight_kg",
  "spread",
  "spread_low",
  "spread_high",
  "lower_bound",
  "dose_scale",
  "administrations",
  "schedule",
  "citation",
  "co_administered",
] as const;

export function unitOf(basis: string): string {
  if (basis === "per_joint") return "cells/joint";
  if (basis === "per_ml") return "cells/ml";
  return "cells/kg";
}

/** The chart's data as CSV: one row per arm drawn, with the dose as written and as drawn (an
 * estimated dose with the body weight it was converted at, a reported range or mean ± SD as
 * `spread` with its ends in the drawn unit; per administration or cumulative as `dose_scale` says).
 * `n` is the arm's own count; `enrollment` the study's. */
export function chartCsv(arms: ArmLike[], weightKg: number, scale: DoseScale = "per_administration"): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const a of arms) {
    lines.push(
      [
        a.studyId,
        a.armId,
        a.disease,
        a.tissue,
        a.donor,
        a.route,
        a.category,
        a.reference,
        a.registryId,
        a.n,
        a.enrollment,
        a.year,
        a.product,
        a.doseText,
        a.basis,
        a.value,
        unitOf(a.basis),
        a.estimated,
        a.estimated ? weightKg : null,
        a.spread?.kind ?? null,
        a.spread?.low ?? null,
        a.spread?.high ?? null,
        a.atLeast ?? false,
        scale,
        a.administrations ?? null,
        a.schedule ?? null,
        a.citation ?? null,
        a.coAdministered?.join("; ") ?? null,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

export interface GroupSummary {
  key: string;
  arms: number;
  median: number;
  q1: number;
  q3: number;
}

/** A few sentences that say what the chart shows, for screen readers and the caption. */
export function summariseDoseChart(input: {
  convertible: number;
  drawn: number;
  estimated: number;
  excludedEstimated: number;
  perJoint: number;
  perMl: number;
  unknown: number;
  /** Per administration (the default) or cumulative. */
  scale?: DoseScale;
  /** Cumulative: arms with a dose but no stated number of administrations. */
  withoutCount?: number;
  groups: GroupSummary[];
  groupBy: GroupBy;
  weightKg: number;
  groupLabel: (key: string) => string;
}): string {
  const parts: string[] = [];
  const dose = input.scale === "cumulative" ? "cumulative dose" : "dose";
  if (input.convertible === 0) parts.push(`No arm of these studies has a ${dose} in cells/kg.`);
  else {
    parts.push(
      `${arms(input.convertible)} with a ${dose} in cells/kg` +
        (input.drawn < input.convertible
          ? `, of which an even random sample of ${input.drawn} is drawn`
          : "") +
        `; ${input.estimated} of them estimated from total cells at ${input.weightKg} kg.`,
    );
    const sorted = [...input.groups].sort((a, b) => a.median - b.median);
    if (sorted.length > 1) {
      const lo = sorted[0]!;
      const hi = sorted[sorted.length - 1]!;
      parts.push(
        `Median ${dose}s by ${ATTRIBUTE_LABELS[input.groupBy].toLowerCase()} run from ${fmtDose(lo.median)} cells/kg (${input.groupLabel(lo.key)}, ${arms(lo.arms)}) to ${fmtDose(hi.median)} cells/kg (${input.groupLabel(hi.key)}, ${arms(hi.arms)}).`,
      );
    } else if (sorted.length === 1) {
      parts.push(`The median ${dose} is ${fmtDose(sorted[0]!.median)} cells/kg.`);
    }
  }
  const withoutCount = input.withoutCount ?? 0;
  if (input.scale === "cumulative" && withoutCount > 0)
    parts.push(
      `${arms(withoutCount)} with a dose but no stated number of administrations ${withoutCount === 1 ? "is" : "are"} left out.`,
    );
  if (input.excludedEstimated > 0)
    parts.push(
      `${input.excludedEstimated} estimated dose${input.excludedEstimated === 1 ? " is" : "s are"} left out by the filter.`,
    );
  if (input.perJoint + input.perMl > 0)
    parts.push(
      `${arms(input.perJoint)} dosed per joint and ${input.perMl} per ml ${
        input.perJoint + input.perMl === 1 ? "is" : "are"
      } shown apart, not on the cells/kg axis.`,
    );
  if (input.unknown > 0)
    parts.push(`${arms(input.unknown)} ${input.unknown === 1 ? "has" : "have"} no dose that can be read.`);
  return parts.join(" ");
}
