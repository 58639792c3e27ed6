// What a person may send for one risk-of-bias assessment, as zod schemas (apart from assess.ts,
// whose judgements the browser runs, so that zod stays out of the page's JavaScript).
import { z } from "zod";
import { getTool, toolDomains } from "./tools";
import { isAnswer, TOOL_IDS, VARIANTS, type Answer, type Answers, type ToolId } from "./types";
import type { AssessmentInput } from "./assess";

// zod schemas ------------------------------------------------------------------------------------

export const JustificationSchema = z
  .string({ error: "Give a justification" })
  .refine((s) => !s.includes("\u0000"), "The justification must not contain NUL characters")
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "Give a justification").max(2000, "Use at most 2,000 characters"));

const JUDGMENT_ENUMS = {
  rob2: z.enum(["low", "some_concerns", "high"]),
  "robins-i": z.enum(["low", "moderate", "serious", "critical", "no_information"]),
  "jbi-case-series": z.enum(["low", "some_concerns", "high", "not_applicable"]),
} as const;
const OVERALL_ENUMS = {
  rob2: JUDGMENT_ENUMS.rob2,
  "robins-i": JUDGMENT_ENUMS["robins-i"],
  "jbi-case-series": z.enum(["low", "some_concerns", "high"]),
} as const;

const RawAnswers = z.record(z.string().max(10), z.string().max(10));

function toolSchema<T extends ToolId>(tool: T) {
  const override = (j: (typeof JUDGMENT_ENUMS)[T] | (typeof OVERALL_ENUMS)[T]) =>
    z.object({ judgment: j, justification: JustificationSchema });
  return z
    .object({
      tool: z.literal(tool),
      variant:
        tool === "jbi-case-series"
          ? z.null().optional().default(null)
          : z.enum(VARIANTS, { error: "Choose assignment or adhering" }),
      answers: RawAnswers,
      overrides: z.record(z.string().max(10), override(JUDGMENT_ENUMS[tool])).optional(),
      overallOverride: override(OVERALL_ENUMS[tool]).nullable().optional(),
      jbiCriticalItems: z
        .array(z.enum(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]))
        .max(10)
        .optional(),
    })
    .superRefine((v, ctx) => {
      const variant = v.variant ?? null;
      const domains = toolDomains(tool, variant);
      const questions = new Map(domains.flatMap((d) => d.questions.map((q) => [q.id, q] as const)));
      for (const [id, answer] of Object.entries(v.answers)) {
        const question = questions.get(id);
        if (!question) {
          const other = VARIANTS.some((o) =>
            toolDomains(tool, o).some((d) => d.questions.some((q) => q.id === id)),
          );
          const message = other
            ? `${id} is not asked for the ${variant} variant`
            : `${id} is not a question of ${getTool(tool).name}`;
          ctx.addIssue({ code: "custom", path: ["answers", id], message });
        } else if (!(question.answers as readonly string[]).includes(answer)) {
          ctx.addIssue({
            code: "custom",
            path: ["answers", id],
            message: `"${answer}" is not an answer to ${id} (allowed: ${question.answers.join(", ")})`,
          });
        }
      }
      const ids = new Set(domains.map((d) => d.id));
      for (const id of Object.keys(v.overrides ?? {})) {
        if (!ids.has(id))
          ctx.addIssue({
            code: "custom",
            path: ["overrides", id],
            message: `${id} is not a domain of this tool`,
          });
      }
    });
}

function toAnswers(raw: Record<string, string>): Answers {
  const out: Partial<Record<string, Answer>> = {};
  for (const [id, a] of Object.entries(raw)) if (isAnswer(a)) out[id] = a;
  return out;
}

/** What a person may send for one assessment; parses to an `AssessmentInput`. */
export const AssessmentInputSchema = z
  .discriminatedUnion("tool", [toolSchema("rob2"), toolSchema("robins-i"), toolSchema("jbi-case-series")])
  .transform((v): AssessmentInput => ({
    tool: v.tool,
    variant: v.variant ?? null,
    answers: toAnswers(v.answers),
    overrides: v.overrides,
    overallOverride: v.overallOverride ?? null,
    jbiCriticalItems: v.jbiCriticalItems,
  }));

export const ToolIdSchema = z.enum(TOOL_IDS);
