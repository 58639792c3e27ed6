// zod schemas for what a cohort keeps in JSON columns: the numbers and chart data it was frozen
// with, and each member's snapshot. Read through these, never cast: a column written by an
// earlier version that no longer fits is treated as missing.
import { z } from "zod";
import type { ChartArm, DoseChartData } from "../../contracts/charts";
import type { FrozenStats } from "../../contracts/cohorts";
import type { DashboardStats } from "../../contracts/dashboard";
import { DOSE_SCALES } from "../../domain/dose/dose";
import { DOSE_BASIS_CODES, type DoseBasis } from "../../domain/vocabulary";

const count = z.number().int().nonnegative();
const nullableNumber = z.number().nullable();

const BreakdownSchema = z.object({ key: z.string(), studies: count, patients: count });

export const DashboardStatsSchema: z.ZodType<DashboardStats> = z.object({
  studies: count,
  registeredTrials: count,
  patients: count,
  arms: count,
  byDisease: z.array(BreakdownSchema),
  byRoute: z.array(BreakdownSchema),
  byTissue: z.array(BreakdownSchema),
  byDonor: z.array(BreakdownSchema),
  dose: z.object({
    // Frozen before the cumulative scale existed: per administration.
    scale: z.enum(DOSE_SCALES).default("per_administration"),
    arms: count,
    estimated: count,
    median: nullableNumber,
    q1: nullableNumber,
    q3: nullableNumber,
    min: nullableNumber,
    max: nullableNumber,
    notConvertible: count,
    withoutCount: count.default(0),
    excludedEstimated: count,
  }),
});

const basis = z.enum(DOSE_BASIS_CODES as [DoseBasis, ...DoseBasis[]]);

const ChartArmSchema: z.ZodType<ChartArm> = z.object({
  armId: z.string(),
  studyId: z.string(),
  disease: z.string(),
  tissue: z.string(),
  donor: z.string(),
  route: z.string(),
  category: z.string().nullable(),
  categoryColour: z.string().nullable(),
  reference: z.string().nullable(),
  registryId: z.string().nullable(),
  registryUrl: z.string().nullable(),
  n: z.number().nullable(),
  enrollment: z.number().nullable(),
  year: z.number().nullable(),
  product: z.string(),
  doseText: z.string(),
  basis,
  value: z.number(),
  estimated: z.boolean(),
  spread: z.object({ kind: z.enum(["range", "sd"]), low: z.number(), high: z.number() }).optional(),
  atLeast: z.boolean().optional(),
  group: z.string().optional(),
  citation: z.string().optional(),
  administrations: z.number().int().nullable().optional(),
  schedule: z.string().nullable().optional(),
  coAdministered: z.array(z.string()).optional(),
});

export const DoseChartDataSchema: z.ZodType<DoseChartData> = z.object({
  scale: z.enum(DOSE_SCALES).optional(),
  withoutCount: count.optional(),
  points: z.array(ChartArmSchema),
  convertible: count,
  otherPoints: z.array(ChartArmSchema),
  perJoint: count,
  perMl: count,
  unknown: count,
  estimated: count,
  excludedEstimated: count,
  groups: z.array(
    z.object({
      key: z.string(),
      arms: count,
      q1: z.number(),
      median: z.number(),
      q3: z.number(),
      bins: z.array(z.object({ lo: z.number(), n: count })).optional(),
    }),
  ),
  ladders: z.array(z.object({ studyId: z.string(), label: z.string(), arms: z.array(ChartArmSchema) })),
  ladderStudies: count,
  sampled: z.boolean(),
});

export const FrozenStatsSchema: z.ZodType<FrozenStats> = z.object({
  dashboard: DashboardStatsSchema,
  chart: DoseChartDataSchema,
});

/** A frozen cohort's numbers, or null when the column is empty or does not fit. */
export function readFrozenStats(value: unknown): FrozenStats | null {
  if (value === null || value === undefined) return null;
  const parsed = FrozenStatsSchema.safeParse(value);
  if (!parsed.success) console.error("frozen_stats does not fit its schema", parsed.error.issues.slice(0, 3));
  return parsed.success ? parsed.data : null;
}

/** A member study as it was when its cohort was frozen (cohort_studies.snapshot). */
export const MemberSnapshotSchema = z.object({
  diseaseCode: z.string(),
  disease: z.string(),
  routeText: z.string(),
  enrollment: z.number().nullable(),
  outcome: z.string(),
  reference: z.string().nullable(),
  registryId: z.string().nullable(),
  products: z.array(z.string()),
  arms: z.array(z.object({ doseText: z.string() })),
});
