"use client";
// The risk-of-bias form with rob2's questions and algorithms: its own chunk, loaded only by a
// study whose design takes this tool.
import { ROB2 } from "@/lib/domain/rob/rob2";
import { RobAssessmentForm, type RobAssessmentFormProps } from "../assessment-form";

export default function Rob2AssessmentForm(props: RobAssessmentFormProps) {
  return <RobAssessmentForm {...props} definition={ROB2} />;
}
