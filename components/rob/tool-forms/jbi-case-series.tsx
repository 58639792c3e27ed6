"use client";
// The risk-of-bias form with jbi-case-series's questions and algorithms: its own chunk, loaded only by a
// study whose design takes this tool.
import { JBI_CASE_SERIES } from "@/lib/domain/rob/case-series";
import { RobAssessmentForm, type RobAssessmentFormProps } from "../assessment-form";

export default function JbiCaseSeriesAssessmentForm(props: RobAssessmentFormProps) {
  return <RobAssessmentForm {...props} definition={JBI_CASE_SERIES} />;
}
