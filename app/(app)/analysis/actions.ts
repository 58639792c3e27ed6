"use server";
import { saveGradeRating } from "@/lib/server/grade";
import { defineAction } from "@/lib/server/platform/action";
import { GradeRatingSchema } from "@/lib/validation/grade";

export const saveGradeRatingAction = defineAction({
  access: { role: "reviewer" },
  schema: GradeRatingSchema,
  run: (input, user) => saveGradeRating(user, input),
  message: "Rating saved.",
});
