"use client";
// The risk-of-bias form with robins-i's questions and algorithms: its own chunk, loaded only by a
// study whose design takes this tool.
import { ROBINS_I } from "@/lib/domain/rob/robins-i";
import { RobAssessmentForm, type RobAssessmentFormProps } from "../assessment-form";

export default function RobinsIAssessmentForm(props: RobAssessmentFormProps) {
  return <RobAssessmentForm {...props} definition={ROBINS_I} />;
}
