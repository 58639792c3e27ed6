// zod schemas of the inbox and of assignments. Reviewer checkboxes arrive as one field per box
// (reviewer_<id>=on), so that no choice is lost in a form.
import { z } from "zod";
import {
  ASSIGNMENT_MODES,
  ASSIGNMENT_STATUSES,
  ASSIGNMENT_TASKS,
  MAX_ASSIGNEES,
} from "../domain/team/assignments";

const AssignmentTaskSchema = z.enum(ASSIGNMENT_TASKS);
const AssignmentModeSchema = z.enum(ASSIGNMENT_MODES);

const notificationId = z.string().regex(/^\d{1,18}$/, "Not a notification");

export const MarkReadSchema = z.object({
  id: notificationId,
  read: z.enum(["1", "0"]).transform((v) => v === "1"),
});

export const MarkAllReadSchema = z
  .object({ all: z.literal("yes", { error: "Say which notifications to mark read" }) })
  .transform(() => ({ id: null, read: true }));

export const OpenNotificationSchema = z.object({ id: notificationId });

function checkedReviewers(v: Record<string, unknown>): string[] {
  return Object.entries(v)
    .filter(([k, val]) => /^reviewer_[0-9a-f-]{36}$/.test(k) && val === "on")
    .map(([k]) => k.slice("reviewer_".length));
}

export const AssignSchema = z
  .object({
    task: AssignmentTaskSchema,
    mode: AssignmentModeSchema,
    source: z.enum(["filter", "cohort"]),
    value: z.string().max(4000, "This filter is too long"),
  })
  .catchall(z.string().max(10))
  .transform((v) => ({
    task: v.task,
    mode: v.mode,
    source: v.source,
    value: v.value,
    reviewerIds: checkedReviewers(v),
  }))
  .refine((v) => v.reviewerIds.length > 0, { message: "Choose at least one reviewer", path: ["reviewers"] })
  .refine((v) => v.reviewerIds.length <= MAX_ASSIGNEES, {
    message: `Choose at most ${MAX_ASSIGNEES} reviewers`,
    path: ["reviewers"],
  })
  .refine((v) => v.source === "filter" || z.uuid().safeParse(v.value).success, {
    message: "Choose a cohort",
    path: ["value"],
  });

export const UnassignSchema = z.object({ task: AssignmentTaskSchema, assigneeId: z.uuid() });

export const QueueParamsSchema = z.object({
  task: AssignmentTaskSchema.catch("tag"),
  status: z.enum(ASSIGNMENT_STATUSES).nullable().catch(null),
});
