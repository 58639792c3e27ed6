// zod schema for outcome data entered for meta-analysis; each error names its field.
import { z } from "zod";
import { DESIGNS } from "../domain/outcome-designs";
import { versionField } from "./common";

export { DESIGN_LABELS, DESIGNS, type OutcomeDesign } from "../domain/outcome-designs";

/** A number as people write one: digits, a decimal point, an exponent ("0x10" or "1_000" are
 * no number here, though JavaScript would read them). */
const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** No trial has more participants (the largest MSC trials have a few hundred). */
export const MAX_PARTICIPANTS = 10_000_000;
/** Means and SDs beyond this are a typing error on any scale a trial reports. */
export const MAX_MAGNITUDE = 1e9;

const number = (label: string) =>
  z
    .string()
    .trim()
    .max(40, `${label}: enter a number`)
    .default("")
    .refine(
      (v) => v === "" || (DECIMAL.test(v) && Number.isFinite(Number(v))),
      `${label}: enter a number such as 12 or 3.5`,
    )
    .transform((v) => (v === "" ? null : Number(v)));

export const OutcomeDataSchema = z
  .object({
    studyId: z.uuid(),
    id: z
      .union([z.literal(""), z.uuid()])
      .optional()
      .transform((v) => v || null),
    version: versionField(0).default(0),
    outcome: z
      .string({ error: "Name the outcome" })
      .trim()
      .min(1, "Name the outcome")
      .max(120, "Use at most 120 characters"),
    design: z.enum(DESIGNS, { error: "Choose the kind of data" }),
    xi: number("Events"),
    ni: number("Total"),
    ai: number("Events, group 1"),
    n1i: number("Total, group 1"),
    ci: number("Events, group 2"),
    n2i: number("Total, group 2"),
    m1i: number("Mean, group 1"),
    sd1i: number("SD, group 1"),
    m2i: number("Mean, group 2"),
    sd2i: number("SD, group 2"),
    changeScores: z
      .union([z.literal("on"), z.literal("")])
      .optional()
      .transform((v) => v === "on"),
    notes: z.string().trim().max(1000, "Use at most 1,000 characters").default(""),
  })
  .superRefine((v, ctx) => {
    // Runs even when a field failed; such a field still holds its text and is left alone here.
    const failed = new Set(ctx.issues.map((i) => String(i.path?.[0])));
    const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
    const need = (field: keyof typeof v, label: string) => {
      if (failed.has(field)) return;
      if (v[field] === null) ctx.addIssue({ code: "custom", path: [field], message: `${label} is needed` });
    };
    const count = (field: "xi" | "ni" | "ai" | "ci" | "n1i" | "n2i", label: string, least = 0) => {
      const x = v[field];
      // A value that is not a number at all was reported by its field already.
      if (failed.has(field) || typeof x !== "number" || !Number.isFinite(x)) return;
      if (x < least || !Number.isInteger(x))
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${label}: a whole number, ${least} or more`,
        });
      else if (x > MAX_PARTICIPANTS)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${label}: at most ${MAX_PARTICIPANTS.toLocaleString("en")}`,
        });
    };
    const magnitude = (field: "m1i" | "m2i" | "sd1i" | "sd2i", label: string) => {
      const x = v[field];
      if (isNumber(x) && Math.abs(x) > MAX_MAGNITUDE)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${label}: at most ${MAX_MAGNITUDE.toExponential(0)} in size`,
        });
    };
    const atMost = (events: "xi" | "ai" | "ci", total: "ni" | "n1i" | "n2i", label: string) => {
      const e = v[events];
      const t = v[total];
      if (isNumber(e) && isNumber(t) && e > t)
        ctx.addIssue({ code: "custom", path: [events], message: `${label}: more events than participants` });
    };
    if (v.design === "single_arm") {
      need("xi", "Events");
      need("ni", "Total");
      count("xi", "Events");
      count("ni", "Total", 1);
      atMost("xi", "ni", "Events");
    } else if (v.design === "two_group_binary") {
      for (const [f, l] of [
        ["ai", "Events, group 1"],
        ["n1i", "Total, group 1"],
        ["ci", "Events, group 2"],
        ["n2i", "Total, group 2"],
      ] as const) {
        need(f, l);
        count(f, l, f.startsWith("n") ? 1 : 0);
      }
      atMost("ai", "n1i", "Group 1");
      atMost("ci", "n2i", "Group 2");
    } else {
      for (const [f, l] of [
        ["m1i", "Mean, group 1"],
        ["sd1i", "SD, group 1"],
        ["n1i", "n, group 1"],
        ["m2i", "Mean, group 2"],
        ["sd2i", "SD, group 2"],
        ["n2i", "n, group 2"],
      ] as const)
        need(f, l);
      for (const [f, l] of [
        ["sd1i", "SD, group 1"],
        ["sd2i", "SD, group 2"],
      ] as const)
        if (isNumber(v[f]) && v[f] <= 0)
          ctx.addIssue({ code: "custom", path: [f], message: `${l}: more than 0` });
      for (const [f, l] of [
        ["m1i", "Mean, group 1"],
        ["sd1i", "SD, group 1"],
        ["m2i", "Mean, group 2"],
        ["sd2i", "SD, group 2"],
      ] as const)
        magnitude(f, l);
      // An SD needs two participants at least.
      count("n1i", "n, group 1", 2);
      count("n2i", "n, group 2", 2);
    }
  });
export type OutcomeDataInput = z.output<typeof OutcomeDataSchema>;

export const DeleteOutcomeDataSchema = z.object({ id: z.uuid(), version: versionField() });
