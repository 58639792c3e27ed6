// The analysis as files: its data as CSV with metafor's column names, and R code that
// reproduces it with metafor from that CSV.
import { csvCell } from "../csv";
import { MEASURE_LABELS, METHOD_LABELS } from "../stats/meta";
import type { AnalysisOptions } from "./options";
import type { AnalysisResult } from "./run";

const ESCALC = ["ai", "bi", "ci", "di", "n1i", "n2i", "xi", "ni", "m1i", "sd1i", "m2i", "sd2i"] as const;

/** The studies of the analysis as CSV, with metafor's column names and the computed yi and vi. */
export function analysisCsv(result: AnalysisResult): string {
  const header = [
    "study",
    "study_id",
    "disease",
    "registry_id",
    "dose_cells_per_kg",
    "log10_dose",
    "tissue",
    "route",
    "donor",
    "rob",
    ...ESCALC,
    "yi",
    "vi",
    "weight",
  ];
  const lines = [header.join(",")];
  for (const s of result.studies) {
    const r = s.row;
    lines.push(
      [
        s.label,
        r.studyId,
        r.disease,
        r.registryId,
        r.dose,
        r.dose && r.dose > 0 ? Math.log10(r.dose) : null,
        r.tissue,
        r.route,
        r.donor,
        r.rob ?? "Not assessed",
        ...ESCALC.map((c) => r[c] ?? null),
        s.yi,
        s.vi,
        s.weight,
      ]
        .map((v) => csvCell(v === undefined ? null : v))
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

/** R code that reproduces the analysis with metafor from the exported CSV. */
export function rCode(result: AnalysisResult, options: AnalysisOptions, fileName: string): string {
  const method = result.method === "FE" ? "FE" : result.method;
  const test = result.knha ? ', test = "knha"' : "";
  const lines = [
    "library(metafor)",
    `dat <- read.csv("${fileName}")`,
    `# yi and vi are the ${result.measure} effect sizes the app computed, as escalc(measure = "${result.measure}", ...) gives them`,
    `res <- rma(yi, vi, data = dat, method = "${method}"${test}, slab = study)`,
    "summary(res)",
    "confint(res)",
  ];
  const transf =
    result.measure === "RR" || result.measure === "OR"
      ? ", transf = exp"
      : result.measure === "PLO"
        ? ", transf = transf.ilogit"
        : result.measure === "PFT"
          ? ", transf = transf.ipft.hm, targs = list(ni = dat$ni)"
          : "";
  lines.push(
    `predict(res${transf})`,
    `forest(res${transf})`,
    "funnel(res)",
    "regtest(res)",
    "leave1out(res)",
  );
  if (options.subgroup !== "none") {
    lines.push(
      `# subgroups, each pooled on its own (own tau²), then the test of subgroup differences`,
      `sub <- lapply(split(dat, dat$${options.subgroup}), function(d) rma(yi, vi, data = d, method = "${method}"${test}))`,
      "sub",
      'rma(sapply(sub, coef), sei = sapply(sub, function(r) r$se), method = "FE")  # QE is the between-group Q',
    );
  }
  if (options.mods === "dose")
    lines.push(
      `reg <- rma(yi, vi, mods = ~ log10_dose, data = dat, method = "${method}"${test})`,
      "reg",
      'regplot(reg, xlab = "log10 dose (cells/kg)")',
    );
  else if (options.mods !== "none")
    lines.push(`rma(yi, vi, mods = ~ factor(${options.mods}), data = dat, method = "${method}"${test})`);
  return lines.join("\n");
}

/** The analysis's title, caption (with its scope) and the base name of its files. */
export function analysisLabels(result: AnalysisResult, options: AnalysisOptions, scope: string) {
  const title = `${options.outcome || "No outcome"}: ${MEASURE_LABELS[result.measure]}, ${METHOD_LABELS[result.method]}${result.knha ? ", Knapp–Hartung" : ""}`;
  const caption = `${scope}. ${result.model ? `k = ${result.model.k}.` : ""} Made with the evidence dashboard.`;
  const fileName = `meta-analysis-${(options.outcome || "outcome").toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return { title, caption, fileName };
}

/** Numbers as the analysis page prints them. */
export const f4 = (v: number) => v.toFixed(4);
export const f2 = (v: number) => v.toFixed(2);
export const pValue = (v: number) => (v < 0.0001 ? "p < 0.0001" : `p = ${v.toFixed(4)}`);
