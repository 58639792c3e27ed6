// zod schema for one arm's outcome data (dose–response analysis): events/total, mean/SD/n or
// cases/person-time of a dose arm, or of the study's reference arm at dose 0; each error names
// its field.
import { z } from "zod";
import { versionField } from "./common";
import { MAX_MAGNITUDE, MAX_PARTICIPANTS } from "./outcome-data";
import {
  ARM_OUTCOME_COLUMNS,
  ARM_OUTCOME_FIELDS,
  ARM_OUTCOME_KIND_LABELS,
  ARM_OUTCOME_KINDS,
  REFERENCE_ARM,
  type ArmOutcomeField,
  type ArmOutcomeKind,
} from "../domain/arm-outcome-kinds";

export {
  ARM_OUTCOME_COLUMNS,
  ARM_OUTCOME_FIELDS,
  ARM_OUTCOME_KIND_LABELS,
  ARM_OUTCOME_KINDS,
  REFERENCE_ARM,
  type ArmOutcomeField,
  type ArmOutcomeKind,
};

/** More person-time than any trial follows (10⁷ patients for 100 years). */
export const MAX_PERSON_TIME = 1e9;

const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

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

const valuesShape = {
  kind: z.enum(ARM_OUTCOME_KINDS, { error: "Choose the kind of data" }),
  cases: number("Events"),
  n: number("n"),
  mean: number("Mean"),
  sd: number("SD"),
  personTime: number("Person-time"),
};
type Values = { kind: ArmOutcomeKind } & Record<ArmOutcomeField, number | null>;

/** The checks of one arm's values for its kind: the needed fields, no others, counts and ranges. */
function checkValues(v: Values, ctx: z.RefinementCtx) {
  // Runs even when a field failed; such a field still holds its text and is left alone here.
  const failed = new Set(ctx.issues.map((i) => String(i.path?.[0])));
  if (failed.has("kind")) return;
  const fields = ARM_OUTCOME_FIELDS[v.kind];
  const holds = (f: ArmOutcomeField) => fields.some(([name]) => name === f);
  const label = (f: ArmOutcomeField) => fields.find(([name]) => name === f)?.[1] ?? f;
  const issue = (f: ArmOutcomeField, message: string) =>
    ctx.addIssue({ code: "custom", path: [f], message: `${label(f)}: ${message}` });
  const num = (f: ArmOutcomeField): number | null => {
    const x = v[f];
    return typeof x === "number" && !failed.has(f) ? x : null;
  };
  for (const [f] of fields)
    if (!failed.has(f) && v[f] === null)
      ctx.addIssue({ code: "custom", path: [f], message: `${label(f)} is needed` });
  for (const f of ARM_OUTCOME_COLUMNS)
    if (!holds(f) && v[f] !== null && !failed.has(f))
      ctx.addIssue({
        code: "custom",
        path: [f],
        message: `${f}: not part of ${ARM_OUTCOME_KIND_LABELS[v.kind].toLowerCase()}; leave it empty`,
      });
  const count = (f: "cases" | "n", least: number) => {
    const x = num(f);
    if (x === null || !holds(f)) return;
    if (!Number.isInteger(x) || x < least) issue(f, `a whole number, ${least} or more`);
    else if (x > MAX_PARTICIPANTS) issue(f, `at most ${MAX_PARTICIPANTS.toLocaleString("en")}`);
  };
  if (v.kind === "events") {
    count("cases", 0);
    count("n", 1);
    const c = num("cases");
    const n = num("n");
    if (c !== null && n !== null && c > n) issue("cases", "more events than participants");
  } else if (v.kind === "means") {
    count("n", 2);
    const sd = num("sd");
    if (sd !== null && sd <= 0) issue("sd", "more than 0");
    for (const f of ["mean", "sd"] as const) {
      const x = num(f);
      if (x !== null && Math.abs(x) > MAX_MAGNITUDE)
        issue(f, `at most ${MAX_MAGNITUDE.toExponential(0)} in size`);
    }
  } else {
    count("cases", 0);
    const t = num("personTime");
    if (t !== null && !(t > 0 && t <= MAX_PERSON_TIME))
      issue("personTime", `more than 0 and at most ${MAX_PERSON_TIME.toExponential(0)}`);
  }
}

/** One arm's values alone, as the CSV import reads them. */
export const ArmOutcomeValuesSchema = z.object(valuesShape).superRefine(checkValues);

const outcomeName = z
  .string({ error: "Name the outcome" })
  .trim()
  .min(1, "Name the outcome")
  .max(120, "Use at most 120 characters");

export const ArmOutcomeSchema = z
  .object({
    studyId: z.uuid(),
    id: z
      .union([z.literal(""), z.uuid()])
      .optional()
      .transform((v) => v || null),
    version: versionField(0).default(0),
    outcome: outcomeName,
    /** A dose arm of the study, or "reference" (or empty) for its reference arm at dose 0. */
    armId: z
      .union([z.literal(""), z.literal(REFERENCE_ARM), z.uuid({ error: "Choose an arm of this study" })])
      .optional()
      .transform((v) => (v && v !== REFERENCE_ARM ? v : null)),
    notes: z.string().trim().max(1000, "Use at most 1,000 characters").default(""),
    ...valuesShape,
  })
  .superRefine(checkValues);
export type ArmOutcomeInput = z.output<typeof ArmOutcomeSchema>;

export const DeleteArmOutcomeSchema = z.object({ id: z.uuid(), version: versionField() });
