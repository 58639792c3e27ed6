// zod schemas for annotations: what a reviewer writes about a study.
import { z } from "zod";
import { ANNOTATION_FIELDS } from "../domain/annotation-fields";
import { versionField } from "./common";

export { ANNOTATION_FIELDS, FIELD_LABELS } from "../domain/annotation-fields";

const body = z
  .string({ error: "Write something" })
  .trim()
  .min(1, "Write something")
  .max(5000, "Use at most 5,000 characters");
const version = versionField();

export const CreateAnnotationSchema = z.object({
  studyId: z.uuid({ error: "Unknown study" }),
  parentId: z
    .union([z.literal(""), z.uuid()])
    .optional()
    .transform((v) => v || null),
  field: z
    .union([z.literal(""), z.enum(ANNOTATION_FIELDS)])
    .optional()
    .transform((v) => v || null),
  body,
});
export const EditAnnotationSchema = z.object({ id: z.uuid(), version, body });
export const AnnotationRefSchema = z.object({ id: z.uuid(), version });
export const AnnotationStatusSchema = z.object({
  id: z.uuid(),
  version,
  status: z.enum(["open", "resolved"]),
});
