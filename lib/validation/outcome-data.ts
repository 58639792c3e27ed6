// zod schema for outcome data entered for meta-analysis; each error names its field.
import { z } from "zod";

export const DESIGNS = ["single_arm", "two_group_binary", "continuous"] as const;
export type OutcomeDesign = (typeof DESIGNS)[number];
export const DESIGN_LABELS: Record<(typeof DESIGNS)[number], string> = {
  single_arm: "One arm: events / total (e.g. responders, adverse events)",
  two_group_binary: "Two groups: events / total in each",
  continuous: "Two groups: mean, SD and n in each (or change scores)",
};

const number = (label: string) =>
  z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || Number.isFinite(Number(v)), `${label}: enter a number`)
    .transform((v) => (v === "" ? null : Number(v)));

export const OutcomeDataSchema = z
  .object({
    studyId: z.uuid(),
    id: z
      .union([z.literal(""), z.uuid()])
      .optional()
      .transform((v) => v || null),
    version: z.coerce.number().int().min(0).default(0),
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
    const need = (field: keyof typeof v, label: string) => {
      if (v[field] === null) ctx.addIssue({ code: "custom", path: [field], message: `${label} is needed` });
    };
    const count = (field: "xi" | "ni" | "ai" | "ci" | "n1i" | "n2i", label: string) => {
      const x = v[field];
      // A value that is not a number at all was reported by its field already.
      if (x !== null && Number.isFinite(x) && (x < 0 || !Number.isInteger(x)))
        ctx.addIssue({ code: "custom", path: [field], message: `${label}: a whole number, 0 or more` });
    };
    const atMost = (events: "xi" | "ai" | "ci", total: "ni" | "n1i" | "n2i", label: string) => {
      const e = v[events];
      const t = v[total];
      if (e !== null && t !== null && e > t)
        ctx.addIssue({ code: "custom", path: [events], message: `${label}: more events than participants` });
      if (t !== null && t === 0)
        ctx.addIssue({ code: "custom", path: [total], message: `${label}: the total is 0` });
    };
    if (v.design === "single_arm") {
      need("xi", "Events");
      need("ni", "Total");
      count("xi", "Events");
      count("ni", "Total");
      atMost("xi", "ni", "Events");
    } else if (v.design === "two_group_binary") {
      for (const [f, l] of [
        ["ai", "Events, group 1"],
        ["n1i", "Total, group 1"],
        ["ci", "Events, group 2"],
        ["n2i", "Total, group 2"],
      ] as const) {
        need(f, l);
        count(f, l);
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
        if ((v[f] ?? 0) < 0) ctx.addIssue({ code: "custom", path: [f], message: `${l}: cannot be negative` });
      count("n1i", "n, group 1");
      count("n2i", "n, group 2");
    }
  });
export type OutcomeDataInput = z.output<typeof OutcomeDataSchema>;

export const DeleteOutcomeDataSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });
