// The import form's fields, shared by the admin page and the import route.
import { z } from "zod";
import { TABLE_FORMATS } from "../domain/import/evidence-table";

export const ImportFormSchema = z.object({
  format: z.union([z.literal(""), z.enum(TABLE_FORMATS)]).transform((v) => v || undefined),
  disease: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters")
    .transform((v) => v || undefined),
  source: z
    .string()
    .trim()
    .min(1, "Name the table, e.g. the review and its table number")
    .max(200, "Use at most 200 characters"),
  citation: z
    .string()
    .trim()
    .max(500)
    .transform((v) => v || null),
  dryRun: z.enum(["0", "1"]).transform((v) => v === "1"),
});
