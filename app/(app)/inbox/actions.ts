"use server";
import { defineAction } from "@/lib/server/platform/action";
import { markRead } from "@/lib/server/inbox";
import { MarkAllReadSchema, MarkReadSchema } from "@/lib/validation/team";

export const markReadAction = defineAction({
  access: { role: "viewer" },
  schema: MarkReadSchema,
  run: (input, user) => markRead(user, input),
  revalidate: ["/inbox"],
});

export const markAllReadAction = defineAction({
  access: { role: "viewer" },
  schema: MarkAllReadSchema,
  run: (input, user) => markRead(user, input),
  revalidate: ["/inbox"],
  message: (d) => (d.changed === 0 ? "Nothing was unread." : `${d.changed} marked read.`),
});
