"use server";
import { defineAction } from "@/lib/server/platform/action";
import { createCategory, mergeCategories, setBlindTagging, updateCategory } from "@/lib/server/categories";
import {
  BlindTaggingSchema,
  CreateCategorySchema,
  MergeCategoriesSchema,
  UpdateCategorySchema,
} from "@/lib/validation/tags";

export const createCategoryAction = defineAction({
  access: { role: "admin" },
  schema: CreateCategorySchema,
  run: (input, user) => createCategory(user, input),
  revalidate: ["/admin/categories"],
  message: "Category created.",
});

export const updateCategoryAction = defineAction({
  access: { role: "admin" },
  schema: UpdateCategorySchema,
  run: (input, user) => updateCategory(user, input),
  revalidate: ["/admin/categories"],
  message: "Category saved; its tags are kept.",
});

export const mergeCategoriesAction = defineAction({
  access: { role: "admin" },
  schema: MergeCategoriesSchema,
  run: (input, user) => mergeCategories(user, input),
  revalidate: ["/admin/categories"],
  message: (d) => `Merged into “${d.into}”; every tag was kept.`,
});

export const setBlindTaggingAction = defineAction({
  access: { role: "admin" },
  schema: BlindTaggingSchema,
  run: (input, user) => setBlindTagging(user, input),
  revalidate: ["/admin/categories"],
  message: (d) => (d.blindTagging ? "Reviewers now tag blind." : "Reviewers now see each other's tags."),
});
