// The fields an annotation may be about, and their labels.
export const ANNOTATION_FIELDS = ["dose", "enrollment", "outcome", "route", "product", "registry"] as const;
export const FIELD_LABELS: Record<(typeof ANNOTATION_FIELDS)[number], string> = {
  dose: "Dose",
  enrollment: "Enrollment",
  outcome: "Outcome",
  route: "Route",
  product: "Cell product",
  registry: "Registry id",
};
