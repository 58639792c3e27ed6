// A meta-analysis of one outcome over a set of studies: the effect sizes, one study per
// registered trial, the pooled model with Egger's test, leave-one-out, subgroups and
// meta-regression.
import {
  backTransform,
  categoricalColumns,
  eggerTest,
  effectSize,
  harmonicMean,
  leaveOneOut,
  metaAnalysis,
  subgroupAnalysis,
  type EffectData,
  type Measure,
  type Method,
  type ModelResult,
} from "../stats/meta";
import type { JudgmentMap } from "../rob/consensus";
import type { StudyDesign } from "../rob/design";
import type { Judgment, ToolId } from "../rob/types";
import type { AnalysisOptions, Attribute } from "./options";

export type { AnalysisOptions };

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
  /** The study's design (its risk-of-bias tool and GRADE's starting level); null: not known. */
  studyDesign?: StudyDesign | null;
  /** The consensus overall risk of bias for this outcome (else for the whole study). */
  robOverall?: Judgment | null;
  /** The same in words ("Low", "Not assessed"): the subgroup and moderator of that name. */
  rob?: string;
  /** The tool and the consensus judgement per domain, for the forest plot's columns. */
  robTool?: ToolId | null;
  robJudgments?: JudgmentMap | null;
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
/** A study's value of a subgroup or moderator attribute. */
export const attributeOf = (r: AnalysisRow, a: Attribute): string =>
  a === "rob" ? (r.rob ?? "Not assessed") : r[a];

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
    else if (!Number.isFinite(e.yi) || !Number.isFinite(e.vi) || e.vi <= 0)
      base.excluded.push({
        row,
        label: labelOf(row),
        reason: `${measure}: its data give no finite effect size with a positive variance (check the counts, SDs and means)`,
      });
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
