// zod schemas for risk of bias: a reviewer's assessment (answers q_<question>, overrides
// ov_<domain> with just_<domain>), an admin's consensus (c_<domain>), and a robvis file to import.
import { z } from "zod";
import { applicableQuestions } from "../domain/rob/assess";
import { AssessmentInputSchema } from "../domain/rob/assess-schemas";
import { allowedJudgments, judgmentKeys, OVERALL } from "../domain/rob/consensus";
import { isAnswer, JUDGMENTS, TOOL_IDS, VARIANTS, type Answer, type Judgment } from "../domain/rob/types";

/** An outcome as outcome data names it; "" is the study as a whole. */
export const RobOutcomeSchema = z
  .string()
  .trim()
  .max(120, "Use at most 120 characters")
  .refine((s) => !s.includes("\u0000"), "The outcome must not contain NUL characters")
  .default("");

const NOTE_MAX = 2000;
const text = (max: number) => z.string().max(max, `Use at most ${max.toLocaleString("en")} characters`);

export const SaveRobAssessmentSchema = z
  .object({
    studyId: z.uuid(),
    outcome: RobOutcomeSchema,
    tool: z.enum(TOOL_IDS, { error: "Choose a tool" }),
    variant: z.enum(["", ...VARIANTS]).default(""),
    version: z.coerce.number({ error: "Reload the page and try again" }).int().min(0),
    intent: z.enum(["draft", "submit"]).default("draft"),
  })
  // q_<question id>, ov_<domain id | overall>, just_<domain id | overall>.
  .catchall(text(NOTE_MAX))
  .transform((v, ctx) => {
    const variant = v.tool === "jbi-case-series" ? null : v.variant || "assignment";
    const raw: Record<string, string> = {};
    const overrides: Record<string, { judgment: string; justification: string }> = {};
    let overallOverride: { judgment: string; justification: string } | null = null;
    for (const [key, value] of Object.entries(v)) {
      if (typeof value !== "string") continue;
      const q = /^q_(\d{1,2}(?:\.\d{1,2})?)$/.exec(key);
      if (q && value !== "") raw[q[1]!] = value;
      const o = /^ov_(D\d{1,2}|overall)$/.exec(key);
      if (o && value !== "") {
        const id = o[1]!;
        const justification = v[`just_${id}`]?.trim() ?? "";
        if (justification === "") {
          ctx.addIssue({
            code: "custom",
            path: [`just_${id}`],
            message: "Say why you depart from the suggested judgement",
          });
          continue;
        }
        if (id === OVERALL) overallOverride = { judgment: value, justification };
        else overrides[id] = { judgment: value, justification };
      }
    }
    // Answers to questions the tool does not ask after the earlier answers are dropped, as the
    // form hides them.
    const valid = Object.fromEntries(
      Object.entries(raw).filter((e): e is [string, Answer] => isAnswer(e[1])),
    );
    const asked = new Set(applicableQuestions(v.tool, variant, valid));
    const answers = Object.fromEntries(Object.entries(raw).filter(([id]) => asked.has(id)));
    const parsed = AssessmentInputSchema.safeParse({
      tool: v.tool,
      variant,
      answers,
      overrides,
      overallOverride,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [where, id] = issue.path.map(String);
        const name =
          where === "answers"
            ? `q_${id}`
            : where === "overrides"
              ? `ov_${id}`
              : where === "overallOverride"
                ? "ov_overall"
                : "form";
        ctx.addIssue({ code: "custom", path: [name], message: issue.message });
      }
      return z.NEVER;
    }
    return {
      studyId: v.studyId,
      outcome: v.outcome,
      version: v.version,
      submit: v.intent === "submit",
      input: parsed.data,
    };
  });
export type SaveRobAssessmentInput = z.output<typeof SaveRobAssessmentSchema>;

export const RobConsensusSchema = z
  .object({
    studyId: z.uuid(),
    outcome: RobOutcomeSchema,
    tool: z.enum(TOOL_IDS),
    mode: z.enum(["set", "automatic"]),
    version: z.coerce.number({ error: "Reload the page and try again" }).int().min(0),
    note: z.string().trim().max(NOTE_MAX, "Use at most 2,000 characters").default(""),
  })
  .catchall(z.string().max(20))
  .transform((v, ctx) => {
    const judgments: Record<string, Judgment> = {};
    if (v.mode === "set") {
      const allowed = allowedJudgments(v.tool);
      for (const key of judgmentKeys(v.tool)) {
        const value = v[`c_${key}`];
        const ok = key === OVERALL ? allowed.overall : allowed.domain;
        const j = JUDGMENTS.find((x) => x === value);
        if (!j || !ok.includes(j)) {
          ctx.addIssue({ code: "custom", path: [`c_${key}`], message: "Choose a judgement" });
          continue;
        }
        judgments[key] = j;
      }
    }
    return {
      studyId: v.studyId,
      outcome: v.outcome,
      tool: v.tool,
      automatic: v.mode === "automatic",
      version: v.version,
      note: v.note,
      judgments,
    };
  });
export type RobConsensusInput = z.output<typeof RobConsensusSchema>;

/** 1 MB of CSV is some ten thousand studies, beyond any review. */
export const ROBVIS_MAX_CHARS = 1_000_000;

export const ImportRobvisSchema = z.object({
  tool: z.enum(TOOL_IDS, { error: "Choose the tool the file was made with" }),
  outcome: RobOutcomeSchema,
  csv: z
    .string({ error: "Choose or paste a robvis file" })
    .max(ROBVIS_MAX_CHARS, "The file is over 1 MB")
    .refine((s) => s.trim() !== "", "Choose or paste a robvis file"),
});
export type ImportRobvisInput = z.output<typeof ImportRobvisSchema>;
