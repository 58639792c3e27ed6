"use server";
import { assignStudies, unassignOpen } from "@/lib/server/assignments";
import { defineAction } from "@/lib/server/platform/action";
import { AssignSchema, UnassignSchema } from "@/lib/validation/team";

export const assignAction = defineAction({
  access: { role: "admin" },
  schema: AssignSchema,
  run: (input, user) => assignStudies(user, input),
  revalidate: ["/team", "/queue"],
  message: (d) =>
    `${d.created.toLocaleString("en")} assignment${d.created === 1 ? "" : "s"} made for ${d.studies.toLocaleString("en")} ${
      d.studies === 1 ? "study" : "studies"
    }${d.skipped > 0 ? ` (${d.skipped.toLocaleString("en")} were already assigned)` : ""}.`,
});

export const unassignAction = defineAction({
  access: { role: "admin" },
  schema: UnassignSchema,
  run: (input, user) => unassignOpen(user, input),
  revalidate: ["/team", "/queue"],
  message: (d) =>
    `${d.removed.toLocaleString("en")} open assignment${d.removed === 1 ? "" : "s"} taken back.`,
});
