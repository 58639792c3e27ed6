// What a person may send for a summary-of-findings row and its GRADE decisions, as zod schemas
// (apart from certainty.ts, which the browser runs, so that zod stays out of the page's JavaScript).
import { z } from "zod";
import { DESIGNS } from "./certainty";

// zod schemas --------------------------------------------------------------------------------------

const finite = z.number().refine(Number.isFinite, "Give a finite number");
const share = z.number().min(0).max(1);
const Footnote = z
  .string()
  .refine((s) => !s.includes("\u0000"), "The footnote must not contain NUL characters")
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "Write a footnote").max(2000, "Use at most 2,000 characters"));

export const SofInputSchema = z
  .object({
    outcome: z.string().trim().min(1).max(300),
    designs: z.array(z.enum(DESIGNS)).min(1).max(100_000),
    k: z.number().int().min(1).max(100_000),
    participants: z.number().int().min(0).nullable(),
    events: z.number().int().min(0).nullable().optional(),
    effect: z.object({
      estimate: finite,
      ciLower: finite,
      ciUpper: finite,
      ratio: z.boolean(),
      measure: z.string().trim().min(1).max(20).optional(),
    }),
    I2: z.number().min(0).max(100).nullable().optional(),
    tau2: z.number().min(0).nullable().optional(),
    predictionInterval: z.object({ lower: finite, upper: finite }).nullable().optional(),
    eggerP: z.number().min(0).max(1).nullable().optional(),
    riskOfBias: z
      .object({
        low: share.optional(),
        some_concerns: share.optional(),
        high: share.optional(),
        moderate: share.optional(),
        serious: share.optional(),
        critical: share.optional(),
        no_information: share.optional(),
      })
      .refine(
        (s) => Object.values(s).reduce((a, b) => a + (b ?? 0), 0) <= 1 + 1e-9,
        "The shares add up to more than 1",
      )
      .nullable()
      .optional(),
    imprecisionThreshold: finite.nullable().optional(),
    optimalInformationSize: z
      .object({ size: z.number().positive(), unit: z.enum(["participants", "events"]) })
      .nullable()
      .optional(),
    doseResponse: z
      .object({ p: z.number().min(0).max(1), test: z.enum(["slope", "non_linearity"]) })
      .nullable()
      .optional(),
  })
  .refine((v) => v.effect.ciLower <= v.effect.estimate && v.effect.estimate <= v.effect.ciUpper, {
    message: "The estimate must lie within its confidence interval",
    path: ["effect"],
  })
  .refine((v) => !v.predictionInterval || v.predictionInterval.lower <= v.predictionInterval.upper, {
    message: "The prediction interval's lower bound is above its upper bound",
    path: ["predictionInterval"],
  });

const decision = (levels: readonly [number, ...number[]]) =>
  z.discriminatedUnion("action", [
    z.object({ action: z.literal("accept"), footnote: Footnote.optional() }),
    z.object({
      action: z.literal("override"),
      level: z.number().refine((l) => levels.includes(l), `Choose one of ${levels.join(", ")}`),
      footnote: Footnote,
    }),
  ]);
const downDecision = decision([0, -1, -2]);
const upDecision = decision([0, 1, 2]);

export const DecisionsSchema = z.object({
  risk_of_bias: downDecision.optional(),
  inconsistency: downDecision.optional(),
  indirectness: downDecision.optional(),
  imprecision: downDecision.optional(),
  publication_bias: downDecision.optional(),
  large_effect: upDecision.optional(),
  dose_response: upDecision.optional(),
  plausible_confounding: upDecision.optional(),
});
