// zod schemas for tags, consensus, outcome categories and team settings. Checkbox lists arrive
// as one field per box (category_<id>=on), so that no choice is lost in a form.
import { z } from "zod";
import { versionField } from "./common";

function checked(v: Record<string, unknown>): string[] {
  return Object.entries(v)
    .filter(([k, val]) => /^category_[0-9a-f-]{36}$/.test(k) && val === "on")
    .map(([k]) => k.slice("category_".length));
}

export const SaveTagsSchema = z
  .object({
    studyId: z.uuid(),
    version: versionField(0),
  })
  .catchall(z.string().max(10))
  .transform((v) => ({ studyId: v.studyId, version: v.version, categoryIds: checked(v) }));

export const ConsensusSchema = z
  .object({
    studyId: z.uuid(),
    mode: z.enum(["set", "automatic"]),
  })
  .catchall(z.string().max(10))
  .transform((v) => ({ studyId: v.studyId, automatic: v.mode === "automatic", categoryIds: checked(v) }));

const name = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(60, "Use at most 60 characters");
const colour = z
  .string({ error: "Choose a colour" })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #0072B2");
const description = z.string().trim().max(500, "Use at most 500 characters").default("");

export const CreateCategorySchema = z.object({ name, colour, description });
export const UpdateCategorySchema = z.object({
  id: z.uuid(),
  version: versionField(),
  name,
  colour,
  description,
  position: z.coerce.number({ error: "Enter a number" }).int().min(0).max(1000),
});
export const MergeCategoriesSchema = z.object({
  sourceId: z.uuid({ error: "Choose the category to merge" }),
  targetId: z.uuid({ error: "Choose the category to keep" }),
});
export const BlindTaggingSchema = z.object({
  blindTagging: z
    .union([z.literal("on"), z.literal("")])
    .optional()
    .transform((v) => v === "on"),
});
