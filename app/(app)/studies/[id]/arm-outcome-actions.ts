"use server";
// Per-arm outcome data (dose–response analysis) of a study page.
import { importArmOutcomes } from "@/lib/server/arm-outcome-import";
import { deleteArmOutcome, saveArmOutcome } from "@/lib/server/arm-outcomes";
import { defineAction } from "@/lib/server/platform/action";
import { ArmOutcomeSchema, DeleteArmOutcomeSchema } from "@/lib/validation/arm-outcome";
import { ImportArmOutcomesSchema } from "@/lib/validation/arm-outcome-import";

export const saveArmOutcomeAction = defineAction({
  access: { role: "reviewer" },
  schema: ArmOutcomeSchema,
  run: (input, user) => saveArmOutcome(user, input),
  message: "Arm data saved.",
});

export const deleteArmOutcomeAction = defineAction({
  access: { role: "reviewer" },
  schema: DeleteArmOutcomeSchema,
  run: (input, user) => deleteArmOutcome(user, input),
  message: "Arm data deleted.",
});

/** A CSV of per-arm data: a preview, or the import itself (all rows or none); the form is on /analysis. */
export const importArmOutcomesAction = defineAction({
  access: { role: "reviewer" },
  schema: ImportArmOutcomesSchema,
  run: (input, user) => importArmOutcomes(user, input),
  message: (d) =>
    d.imported
      ? `Imported: ${d.counts.create} new, ${d.counts.update} changed, ${d.counts.unchanged} unchanged.`
      : d.problems.length
        ? `${d.problems.length} problems: nothing would be imported.`
        : `Ready: ${d.counts.create} new, ${d.counts.update} changed, ${d.counts.unchanged} unchanged.`,
});
