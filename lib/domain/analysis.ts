// A meta-analysis of one outcome over a set of studies: the model choices (kept in the URL), the
// effect sizes, one study per registered trial, the pooled model with Egger's test, leave-one-out,
// subgroups and meta-regression, the data as CSV, and R code that reproduces it with metafor.
import { z } from "zod";
import { csvCell } from "./csv";
import {
  backTransform,
  categoricalColumns,
  eggerTest,
  effectSize,
  harmonicMean,
  leaveOneOut,
  metaAnalysis,
  MEASURES,
  METHODS,
  subgroupAnalysis,
  type EffectData,
  type Measure,
  type Method,
  type ModelResult,
} from "./stats/meta";

export const ATTRIBUTES = ["disease", "tissue", "route", "donor"] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export const AnalysisOptionsSchema = z.object({
  outcome: z.string().trim().max(120).default(""),
  measure: z.enum(MEASURES).optional(),
  method: z.enum(METHODS).default("REML"),
  knha: z.boolean().default(false),
  subgroup: z.enum(["none", ...ATTRIBUTES]).default("none"),
  mods: z.enum(["none", "dose", ...ATTRIBUTES]).default("none"),
  /** Studies chosen to stand for their registered trial (instead of the largest). */
  use: z.array(z.uuid()).max(500).default([]),
});
export type AnalysisOptions = z.output<typeof AnalysisOptionsSchema>;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;
const all = (p: Params, k: string): string[] =>
  p instanceof URLSearchParams ? p.getAll(k) : ([] as string[]).concat(p[k] ?? []);
/** `use` and `use_<n>` (one radio group per trial in the form). */
const uses = (p: Params): string[] => {
  const keys = p instanceof URLSearchParams ? [...new Set(p.keys())] : Object.keys(p);
  return keys.filter((k) => /^use(_\d+)?$/.test(k)).flatMap((k) => all(p, k));
};

export function parseAnalysisOptions(params: Params): { options: AnalysisOptions; ignored: string[] } {
  const raw: Record<string, unknown> = {
    outcome: all(params, "outcome")[0],
    measure: all(params, "measure")[0]?.toUpperCase() || undefined,
    method: all(params, "method")[0]?.toUpperCase() || undefined,
    knha: all(params, "knha")[0] === "1",
    subgroup: all(params, "sub")[0] || undefined,
    mods: all(params, "mods")[0] || undefined,
    use: uses(params)
      .flatMap((u) => u.split(","))
      .filter(Boolean),
  };
  const ignored: string[] = [];
  let parsed = AnalysisOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      ignored.push(key);
      delete raw[key];
    }
    parsed = AnalysisOptionsSchema.safeParse(raw);
  }
  return { options: parsed.data ?? AnalysisOptionsSchema.parse({}), ignored };
}

export function analysisOptionsToParams(o: AnalysisOptions): URLSearchParams {
  const p = new URLSearchParams();
  if (o.outcome) p.set("outcome", o.outcome);
  if (o.measure) p.set("measure", o.measure);
  if (o.method !== "REML") p.set("method", o.method);
  if (o.knha) p.set("knha", "1");
  if (o.subgroup !== "none") p.set("sub", o.subgroup);
  if (o.mods !== "none") p.set("mods", o.mods);
  for (const u of o.use) p.append("use", u);
  return p;
}

/** One study's outcome data with what the analysis needs to know about the study. */
export interface AnalysisRow extends EffectData {
  studyId: string;
  reference: string | null;
  disease: string;
  tissue: string;
  route: string;
  donor: string;
  trialId: string | null;
  registryId: string | null;
  design: "single_arm" | "two_group_binary" | "continuous";
  /** The study's median dose in cells/kg at the reference weight; null when it has none. */
  dose: number | null;
}

export const DEFAULT_MEASURE: Record<AnalysisRow["design"], Measure> = {
  single_arm: "PLO",
  two_group_binary: "RR",
  continuous: "SMD",
};

export interface StudyEffect {
  row: AnalysisRow;
  label: string;
  n: number | null;
  yi: number;
  vi: number;
  weight: number;
}

export interface Excluded {
  row: AnalysisRow;
  label: string;
  reason: string;
}

/** Studies that report the same registered trial, and which one stands for it. */
export interface TrialGroup {
  trialId: string;
  registryId: string | null;
  chosen: string;
  studies: { studyId: string; label: string; n: number | null }[];
}

export interface AnalysisResult {
  measure: Measure;
  method: Method;
  knha: boolean;
  studies: StudyEffect[];
  excluded: Excluded[];
  duplicates: TrialGroup[];
  model: ModelResult | null;
  /** The pooled estimate, its CI and PI on the reading scale (ratio, proportion…). */
  display: {
    estimate: number;
    ci_lb: number;
    ci_ub: number;
    pi_lb: number | null;
    pi_ub: number | null;
  } | null;
  egger: ReturnType<typeof eggerTest>;
  leaveOneOut: ReturnType<typeof leaveOneOut>;
  subgroups: ReturnType<typeof subgroupAnalysis> | null;
  regression: {
    model: ModelResult;
    coefficients: string[];
    k: number;
    residualTau2: number;
    dropped: number;
  } | null;
  error: string | null;
}

export const labelOf = (r: AnalysisRow) => [r.reference ?? "Study", r.disease].join(" · ");
const sizeOf = (r: AnalysisRow) =>
  r.ni ??
  (r.n1i !== null && r.n1i !== undefined && r.n2i !== null && r.n2i !== undefined ? r.n1i + r.n2i : null);
const attributeOf = (r: AnalysisRow, a: Attribute) => r[a];

export function runAnalysis(rows: AnalysisRow[], options: AnalysisOptions): AnalysisResult {
  const measure = options.measure ?? DEFAULT_MEASURE[rows[0]?.design ?? "single_arm"];
  const base: AnalysisResult = {
    measure,
    method: options.method,
    knha: options.knha,
    studies: [],
    excluded: [],
    duplicates: [],
    model: null,
    display: null,
    egger: null,
    leaveOneOut: [],
    subgroups: null,
    regression: null,
    error: null,
  };
  // One study per registered trial: the one the person chose, else the largest.
  const byTrial = new Map<string, AnalysisRow[]>();
  for (const r of rows) if (r.trialId) byTrial.set(r.trialId, [...(byTrial.get(r.trialId) ?? []), r]);
  const dropped = new Map<string, string>();
  for (const [trialId, group] of byTrial) {
    if (group.length < 2) continue;
    const chosen =
      group.find((r) => options.use.includes(r.studyId)) ??
      [...group].sort(
        (a, b) => (sizeOf(b) ?? 0) - (sizeOf(a) ?? 0) || a.studyId.localeCompare(b.studyId),
      )[0]!;
    base.duplicates.push({
      trialId,
      registryId: chosen.registryId,
      chosen: chosen.studyId,
      studies: group.map((r) => ({ studyId: r.studyId, label: labelOf(r), n: sizeOf(r) })),
    });
    for (const r of group)
      if (r !== chosen)
        dropped.set(
          r.studyId,
          `reports the same trial (${r.registryId}) as ${labelOf(chosen)}, which stands for it`,
        );
  }
  const kept: { row: AnalysisRow; yi: number; vi: number }[] = [];
  for (const row of rows) {
    const why = dropped.get(row.studyId);
    if (why) {
      base.excluded.push({ row, label: labelOf(row), reason: why });
      continue;
    }
    const e = effectSize(measure, row);
    if ("error" in e) base.excluded.push({ row, label: labelOf(row), reason: `${measure}: ${e.error}` });
    else kept.push({ row, yi: e.yi, vi: e.vi });
  }
  if (kept.length < 2) {
    return {
      ...base,
      error: `At least two studies with usable data are needed; there ${kept.length === 1 ? "is one" : `are ${kept.length}`}.`,
    };
  }
  const yi = kept.map((k) => k.yi);
  const vi = kept.map((k) => k.vi);
  const opts = { method: options.method, knha: options.knha };
  let model: ModelResult;
  try {
    model = metaAnalysis(yi, vi, opts);
  } catch (e) {
    return { ...base, error: (e as Error).message };
  }
  const hn = measure === "PFT" ? harmonicMean(kept.map((k) => sizeOf(k.row) ?? 1)) : undefined;
  const bt = (v: number) => backTransform(measure, v, hn);
  const studies = kept.map((k, i) => ({
    row: k.row,
    label: labelOf(k.row),
    n: sizeOf(k.row),
    yi: k.yi,
    vi: k.vi,
    weight: model.weights[i]!,
  }));

  let subgroups: AnalysisResult["subgroups"] = null;
  if (options.subgroup !== "none") {
    subgroups = subgroupAnalysis(
      yi,
      vi,
      kept.map((k) => attributeOf(k.row, options.subgroup as Attribute)),
      opts,
    );
  }
  let regression: AnalysisResult["regression"] = null;
  if (options.mods !== "none") {
    const usable = kept
      .map((k, i) => ({ k, i }))
      .filter(({ k }) => options.mods !== "dose" || (k.row.dose !== null && k.row.dose > 0));
    let X: number[][];
    let coefficients: string[];
    if (options.mods === "dose") {
      X = usable.map(({ k }) => [1, Math.log10(k.row.dose!)]);
      coefficients = ["intrcpt", "log10 dose"];
    } else {
      const { levels, columns } = categoricalColumns(
        usable.map(({ k }) => attributeOf(k.row, options.mods as Attribute)),
      );
      X = columns.map((c) => [1, ...c]);
      coefficients = ["intrcpt", ...levels.slice(1).map((l) => `${options.mods}: ${l}`)];
    }
    try {
      if (usable.length > X[0]!.length) {
        const m = metaAnalysis(
          usable.map(({ i }) => yi[i]!),
          usable.map(({ i }) => vi[i]!),
          opts,
          X,
        );
        regression = {
          model: m,
          coefficients,
          k: usable.length,
          residualTau2: m.tau2,
          dropped: kept.length - usable.length,
        };
      }
    } catch {
      regression = null;
    }
  }
  return {
    ...base,
    studies,
    model,
    display: {
      estimate: bt(model.b[0]!),
      ci_lb: bt(model.ci_lb[0]!),
      ci_ub: bt(model.ci_ub[0]!),
      pi_lb: model.pi_lb === null ? null : bt(model.pi_lb),
      pi_ub: model.pi_ub === null ? null : bt(model.pi_ub),
    },
    egger: eggerTest(yi, vi, opts),
    leaveOneOut: kept.length <= 500 ? leaveOneOut(yi, vi, opts) : [],
    subgroups,
    regression,
  };
}

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
