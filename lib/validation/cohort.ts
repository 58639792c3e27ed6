// zod schemas for what a person sends about cohorts and share links.
import { z } from "zod";
import { versionField } from "./common";

const id = z.uuid({ error: "Unknown cohort" });
const version = versionField();
export const cohortName = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(120, "Use at most 120 characters");
const description = z.string().trim().max(2000, "Use at most 2,000 characters").default("");
/** A URL query ("disease=SLE&source=BM"): a filter, or analysis choices. */
const query = z
  .string()
  .max(4000, "The filter is too long")
  .default("")
  .transform((q) => q.replace(/^\?/, ""));

export const CreateCohortSchema = z.object({ name: cohortName, description, filterQuery: query });
export const UpdateCohortSchema = z.object({ id, version, name: cohortName, description });
export const UpdateCohortFilterSchema = z.object({ id, version, filterQuery: query });
export const CohortRefSchema = z.object({ id, version });
export const DuplicateCohortSchema = z.object({ id });
export const CreateShareLinkSchema = z.object({
  cohortId: id,
  expiresInDays: z
    .union([z.literal(""), z.coerce.number().int().min(1, "At least one day").max(365, "At most 365 days")])
    .default("")
    .transform((v) => (v === "" ? null : v)),
  showAnnotations: z
    .union([z.literal("on"), z.literal("")])
    .optional()
    .transform((v) => v === "on"),
});
export const RevokeShareLinkSchema = z.object({ id: z.uuid({ error: "Unknown link" }) });
export const SaveCohortAnalysisSchema = z.object({ id, version, analysisQuery: query });
