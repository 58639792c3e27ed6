"use server";
import { defineAction } from "@/lib/server/platform/action";
import { importRobvis } from "@/lib/server/rob-import";
import { ImportRobvisSchema } from "@/lib/validation/rob";

export const importRobvisAction = defineAction({
  access: { role: "admin" },
  schema: ImportRobvisSchema,
  run: (input, user) => importRobvis(user, input),
  revalidate: ["/risk-of-bias"],
  message: (d) => `Imported the consensus of ${d.imported} stud${d.imported === 1 ? "y" : "ies"}.`,
});
