"use client";
// A reviewer's risk-of-bias form for the tool a study's design takes. Each tool's questions and
// algorithms are a chunk of their own (tool-forms/): a study page loads the one it shows, not the
// three (ROBINS-I alone is larger than the rest of the page's forms). Rendered on the server as
// any component; the chunk is in the page's first load.
import dynamic from "next/dynamic";
import type { ComponentType } from "react";
import type { ToolId } from "@/lib/domain/rob/types";
import type { RobAssessmentFormProps } from "./assessment-form";

const FORMS: Record<ToolId, ComponentType<RobAssessmentFormProps>> = {
  rob2: dynamic(() => import("./tool-forms/rob2")),
  "robins-i": dynamic(() => import("./tool-forms/robins-i")),
  "jbi-case-series": dynamic(() => import("./tool-forms/jbi-case-series")),
};

export function ToolAssessmentForm({ tool, ...props }: RobAssessmentFormProps & { tool: ToolId }) {
  const Form = FORMS[tool];
  return <Form {...props} />;
}
