"use server";
import { defineAction } from "@/lib/server/platform/action";
import {
  createCohort,
  deleteCohort,
  duplicateCohort,
  freezeCohort,
  saveCohortAnalysis,
  unfreezeCohort,
  updateCohort,
  updateCohortFilter,
} from "@/lib/server/cohorts";
import { createShareLink, revokeShareLink } from "@/lib/server/shares";
import {
  CohortRefSchema,
  CreateCohortSchema,
  CreateShareLinkSchema,
  DuplicateCohortSchema,
  RevokeShareLinkSchema,
  UpdateCohortFilterSchema,
  SaveCohortAnalysisSchema,
  UpdateCohortSchema,
} from "@/lib/validation/cohort";

export const createCohortAction = defineAction({
  access: { role: "reviewer" },
  schema: CreateCohortSchema,
  run: (input, user) => createCohort(user, input),
  revalidate: ["/cohorts"],
  message: "Cohort saved.",
});

export const updateCohortAction = defineAction({
  access: { role: "reviewer" },
  schema: UpdateCohortSchema,
  run: (input, user) => updateCohort(user, input),
  revalidate: ["/cohorts"],
  message: "Cohort saved.",
});

export const updateCohortFilterAction = defineAction({
  access: { role: "reviewer" },
  schema: UpdateCohortFilterSchema,
  run: (input, user) => updateCohortFilter(user, input),
  revalidate: ["/cohorts"],
  message: "The cohort now uses this filter.",
});

export const duplicateCohortAction = defineAction({
  access: { role: "reviewer" },
  schema: DuplicateCohortSchema,
  run: (input, user) => duplicateCohort(user, input),
  revalidate: ["/cohorts"],
  message: "Copy saved.",
});

export const deleteCohortAction = defineAction({
  access: { role: "reviewer" },
  schema: CohortRefSchema,
  run: (input, user) => deleteCohort(user, input),
  revalidate: ["/cohorts"],
  message: (d) => `Cohort “${d.name}” deleted.`,
});

export const freezeCohortAction = defineAction({
  access: { role: "reviewer" },
  schema: CohortRefSchema,
  run: (input, user) => freezeCohort(user, input),
  revalidate: ["/cohorts"],
  message: (d) => `Frozen with ${d.members} member ${d.members === 1 ? "study" : "studies"}.`,
});

export const unfreezeCohortAction = defineAction({
  access: { role: "reviewer" },
  schema: CohortRefSchema,
  run: (input, user) => unfreezeCohort(user, input),
  revalidate: ["/cohorts"],
  message: "The cohort is live again and follows the data.",
});

export const createShareLinkAction = defineAction({
  access: { role: "reviewer" },
  schema: CreateShareLinkSchema,
  run: (input, user) => createShareLink(user, input),
  revalidate: ["/cohorts"],
  message: "Read-only link created. Copy it now: it is shown only once.",
});

export const revokeShareLinkAction = defineAction({
  access: { role: "reviewer" },
  schema: RevokeShareLinkSchema,
  run: (input, user) => revokeShareLink(user, input),
  revalidate: ["/cohorts"],
  message: "Link revoked: it no longer opens.",
});

export const saveCohortAnalysisAction = defineAction({
  access: { role: "reviewer" },
  schema: SaveCohortAnalysisSchema,
  run: (input, user) => saveCohortAnalysis(user, input),
  revalidate: ["/cohorts"],
  message: "These analysis choices are saved with the cohort; its link opens them.",
});
