// The active filter in words, for the chips above results and for export captions.
import type { AnalysisSettings, CohortFilter } from "./cohort-filter";
import { formatCells } from "./dose";

const TISSUE: Record<string, string> = {
  BM: "bone marrow",
  UC: "umbilical cord",
  AD: "adipose",
  WJ: "Wharton's jelly",
  PL: "placenta",
  MB: "menstrual blood",
  NP: "neural progenitor",
  OTHER: "other source",
};

export function describeFilter(
  filter: CohortFilter,
  settings: AnalysisSettings,
  categoryNames: Record<string, string> = {},
): string[] {
  const out: string[] = [];
  if (filter.diseases.length) out.push(`disease: ${filter.diseases.join(", ")}`);
  if (filter.routes.length) out.push(`route: ${filter.routes.join(", ")}`);
  if (filter.tissues.length) out.push(`source: ${filter.tissues.map((t) => TISSUE[t] ?? t).join(", ")}`);
  if (filter.donors.length) out.push(`donor: ${filter.donors.map((d) => d.replace("_", " ")).join(", ")}`);
  if (filter.coInterventions.length) out.push(`with ${filter.coInterventions.join(", ")}`);
  if (filter.doseMin !== undefined || filter.doseMax !== undefined) {
    const lo = filter.doseMin !== undefined ? formatCells(filter.doseMin) : "any";
    const hi = filter.doseMax !== undefined ? formatCells(filter.doseMax) : "any";
    out.push(
      `dose ${lo} to ${hi} cells/kg${filter.includeEstimated ? ` (totals at ${settings.referenceWeightKg} kg)` : ", per-kg doses only"}`,
    );
  } else if (!filter.includeEstimated) out.push("estimated doses excluded");
  if (filter.bases.length) out.push(`dose given ${filter.bases.join(", ")}`);
  if (filter.enrollmentMin !== undefined || filter.enrollmentMax !== undefined) {
    out.push(`enrollment ${filter.enrollmentMin ?? 0}–${filter.enrollmentMax ?? "any"}`);
  }
  if (filter.registered) out.push(filter.registered === "yes" ? "registered" : "not registered");
  if (filter.categories.length)
    out.push(`outcome: ${filter.categories.map((c) => categoryNames[c] ?? c).join(", ")}`);
  if (filter.annotated)
    out.push({ any: "annotated", open: "with open annotations", none: "not annotated" }[filter.annotated]);
  if (filter.q) out.push(`“${filter.q}”`);
  return out;
}
