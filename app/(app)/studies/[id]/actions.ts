"use server";
import { defineAction } from "@/lib/server/platform/action";
import {
  createAnnotation,
  deleteAnnotation,
  editAnnotation,
  setAnnotationStatus,
} from "@/lib/server/annotations";
import { deleteOutcomeData, saveOutcomeData } from "@/lib/server/outcome-data";
import { saveRobAssessment, setRobConsensus } from "@/lib/server/risk-of-bias";
import { editStudy } from "@/lib/server/study-edits";
import { saveAssessment, setConsensus } from "@/lib/server/tags";
import {
  AnnotationRefSchema,
  AnnotationStatusSchema,
  CreateAnnotationSchema,
  EditAnnotationSchema,
} from "@/lib/validation/annotation";
import { DeleteOutcomeDataSchema, OutcomeDataSchema } from "@/lib/validation/outcome-data";
import { RobConsensusSchema, SaveRobAssessmentSchema } from "@/lib/validation/rob";
import { EditStudySchema } from "@/lib/validation/study";
import { ConsensusSchema, SaveTagsSchema } from "@/lib/validation/tags";

export const createAnnotationAction = defineAction({
  access: { role: "reviewer" },
  schema: CreateAnnotationSchema,
  run: (input, user) => createAnnotation(user, input),
  message: "Annotation saved.",
});

export const editAnnotationAction = defineAction({
  access: { role: "reviewer" },
  schema: EditAnnotationSchema,
  run: (input, user) => editAnnotation(user, input),
  message: "Annotation updated.",
});

export const deleteAnnotationAction = defineAction({
  access: { role: "reviewer" },
  schema: AnnotationRefSchema,
  run: (input, user) => deleteAnnotation(user, input),
  message: "Annotation deleted.",
});

export const setAnnotationStatusAction = defineAction({
  access: { role: "reviewer" },
  schema: AnnotationStatusSchema,
  run: (input, user) => setAnnotationStatus(user, input),
  message: (d) => (d.status === "resolved" ? "Marked resolved." : "Reopened."),
});

export const saveTagsAction = defineAction({
  access: { role: "reviewer" },
  schema: SaveTagsSchema,
  run: (input, user) => saveAssessment(user, input),
  message: "Your tags are saved.",
});

export const setConsensusAction = defineAction({
  access: { role: "admin" },
  schema: ConsensusSchema,
  run: (input, user) => setConsensus(user, input),
  message: "Consensus saved.",
});

export const editStudyAction = defineAction({
  access: { role: "reviewer" },
  schema: EditStudySchema,
  run: (input, user) => editStudy(user, input),
  message: "Correction saved; the doses were read again.",
});

export const saveOutcomeDataAction = defineAction({
  access: { role: "reviewer" },
  schema: OutcomeDataSchema,
  run: (input, user) => saveOutcomeData(user, input),
  message: "Outcome data saved.",
});

export const deleteOutcomeDataAction = defineAction({
  access: { role: "reviewer" },
  schema: DeleteOutcomeDataSchema,
  run: (input, user) => deleteOutcomeData(user, input),
  message: "Outcome data deleted.",
});

export const saveRobAssessmentAction = defineAction({
  access: { role: "reviewer" },
  schema: SaveRobAssessmentSchema,
  run: (input, user) => saveRobAssessment(user, input),
  message: (d) =>
    d.submitted
      ? d.consensus
        ? "Your assessment is submitted; the reviewers agree, so it is the consensus."
        : "Your assessment is submitted."
      : "Draft saved: the others will not see it until you submit it.",
});

export const setRobConsensusAction = defineAction({
  access: { role: "admin" },
  schema: RobConsensusSchema,
  run: (input, user) => setRobConsensus(user, input),
  message: (d) =>
    d.automatic
      ? d.consensus
        ? "The consensus follows the reviewers' agreement."
        : "The consensus follows the reviewers' agreement; they do not agree yet."
      : "Consensus saved.",
});
