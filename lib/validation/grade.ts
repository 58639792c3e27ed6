// zod schema for the team's GRADE rating of one outcome: the imprecision threshold (on the
// reading scale of its measure), the optimal information size, and per factor a decision
// (d_<factor>: accept or override), its level (l_<factor>) and footnote (f_<factor>).
import { z } from "zod";
import { DecisionsSchema } from "../domain/grade/certainty-schemas";
import { DOWNGRADE_FACTORS, UPGRADE_FACTORS, type Decisions } from "../domain/grade/certainty";
import { thresholdOnAnalysisScale } from "../domain/grade/sof";
import { MEASURES } from "../domain/stats/meta";

const FACTORS = [...DOWNGRADE_FACTORS, ...UPGRADE_FACTORS] as const;

const optionalNumber = (label: string) =>
  z
    .string()
    .trim()
    .max(30)
    .default("")
    .refine((v) => v === "" || Number.isFinite(Number(v)), `${label}: enter a number, or leave it empty`)
    .transform((v) => (v === "" ? null : Number(v)));

export const GradeRatingSchema = z
  .object({
    outcome: z.string().trim().min(1, "Choose an outcome").max(120),
    version: z.coerce.number({ error: "Reload the page and try again" }).int().min(0),
    measure: z.enum(MEASURES),
    threshold: optionalNumber("Threshold"),
    oisSize: optionalNumber("Optimal information size"),
    oisUnit: z.enum(["participants", "events"]).default("participants"),
  })
  .catchall(z.string().max(2000, "Use at most 2,000 characters"))
  .transform((v, ctx) => {
    if (v.threshold !== null) {
      const t = thresholdOnAnalysisScale(v.measure, v.threshold);
      if (typeof t !== "number") ctx.addIssue({ code: "custom", path: ["threshold"], message: t.error });
    }
    if (v.oisSize !== null && !(v.oisSize > 0 && v.oisSize <= 1e9))
      ctx.addIssue({
        code: "custom",
        path: ["oisSize"],
        message: "A number of participants or events above 0",
      });
    const raw: Record<string, unknown> = {};
    for (const f of FACTORS) {
      const action = v[`d_${f}`];
      const footnote = v[`f_${f}`]?.trim() ?? "";
      if (action === "accept") raw[f] = footnote ? { action: "accept", footnote } : { action: "accept" };
      else if (action === "override") raw[f] = { action: "override", level: Number(v[`l_${f}`]), footnote };
    }
    const decisions = DecisionsSchema.safeParse(raw);
    if (!decisions.success) {
      for (const issue of decisions.error.issues) {
        const [factor, field] = issue.path.map(String);
        const name = field === "level" ? `l_${factor}` : field === "footnote" ? `f_${factor}` : `d_${factor}`;
        const message = field === "footnote" ? "An override needs a footnote saying why" : issue.message;
        ctx.addIssue({ code: "custom", path: [name], message });
      }
      return z.NEVER;
    }
    return {
      outcome: v.outcome,
      version: v.version,
      threshold: v.threshold,
      thresholdMeasure: v.threshold === null ? null : v.measure,
      ois: v.oisSize === null ? null : { size: v.oisSize, unit: v.oisUnit },
      decisions: decisions.data,
    };
  });
export type GradeRatingInput = z.output<typeof GradeRatingSchema>;

/** The stored decisions (a JSON column), read through the schema: a bad one reads as none. */
export const readDecisions = (value: unknown): Decisions => DecisionsSchema.safeParse(value).data ?? {};
