// zod schema for a reviewer's correction of a study: its fields, and each arm's n and dose
// (form fields arm_<id>_n and arm_<id>_dose).
import { z } from "zod";
import { MAX_INT, versionField } from "./common";
import { STUDY_LIMITS, utf8Length } from "../domain/import/evidence-table";
import { STUDY_DESIGNS } from "../domain/rob/design";

const optionalCount = (label: string) =>
  z
    .string()
    .trim()
    .max(9)
    .default("")
    .refine((v) => v === "" || /^\d+$/.test(v), `${label}: enter a whole number, or leave it empty`)
    .transform((v) => (v === "" ? null : Number(v)));

export const EditStudySchema = z
  .object({
    id: z.uuid(),
    version: versionField(),
    enrollment: optionalCount("Enrollment"),
    routeText: z
      .string()
      .trim()
      .default("")
      .refine(
        (v) => utf8Length(v) <= STUDY_LIMITS.routeBytes,
        `Use at most ${STUDY_LIMITS.routeBytes} characters (fewer in non-Latin scripts)`,
      ),
    outcome: z.string().trim().max(STUDY_LIMITS.outcome, "Use at most 4,000 characters").default(""),
    reference: z.string().trim().max(STUDY_LIMITS.reference, "Use at most 200 characters").default(""),
    firstAuthor: z.string().trim().max(STUDY_LIMITS.firstAuthor, "Use at most 120 characters").default(""),
    year: z
      .string()
      .trim()
      .default("")
      .refine(
        (v) => v === "" || (/^\d{4}$/.test(v) && Number(v) >= 1950 && Number(v) <= 2100),
        "Year: four digits, 1950–2100, or empty",
      )
      .transform((v) => (v === "" ? null : Number(v))),
    title: z.string().trim().max(STUDY_LIMITS.title, "Use at most 500 characters").default(""),
    journal: z.string().trim().max(STUDY_LIMITS.journal, "Use at most 200 characters").default(""),
    doi: z
      .string()
      .trim()
      .max(200, "Use at most 200 characters")
      .default("")
      .refine((v) => v === "" || /^10\.\d{4,9}\/\S+$/.test(v), "DOI: 10.xxxx/…, or empty"),
    pmid: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || /^\d{1,9}$/.test(v), "PMID: digits only, or empty"),
    /** The design that picks the risk-of-bias tool; "" = not known. */
    design: z
      .enum(["", ...STUDY_DESIGNS], { error: "Choose a design" })
      .default("")
      .transform((v) => (v === "" ? null : v)),
  })
  // Arm fields (arm_<id>_n, arm_<id>_dose) and the values the form was opened with (orig_*).
  .catchall(z.string().max(4000, "Use at most 4,000 characters"))
  .transform((v, ctx) => {
    const arms = new Map<string, { n: number | null; doseText: string }>();
    for (const [key, value] of Object.entries(v)) {
      const m = /^arm_([0-9a-f-]{36})_(n|dose)$/.exec(key);
      if (!m || typeof value !== "string") continue;
      const arm = arms.get(m[1]!) ?? { n: null, doseText: "" };
      if (m[2] === "n") {
        const n = value.trim();
        if (n !== "" && (!/^\d+$/.test(n) || Number(n) > MAX_INT)) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "Arm n: enter a whole number, or leave it empty",
          });
          continue;
        }
        arm.n = n === "" ? null : Number(n);
      } else arm.doseText = value.trim();
      arms.set(m[1]!, arm);
    }
    return {
      id: v.id,
      version: v.version,
      enrollment: v.enrollment,
      routeText: v.routeText,
      outcome: v.outcome,
      reference: v.reference,
      firstAuthor: v.firstAuthor,
      year: v.year,
      title: v.title,
      journal: v.journal,
      doi: v.doi,
      pmid: v.pmid,
      design: v.design,
      arms: [...arms.entries()].map(([id, a]) => ({ id, ...a })),
    };
  });
export type EditStudyInput = z.output<typeof EditStudySchema>;
