// Runs a dose–response meta-analysis from parsed data or CSV text and CLI-like options, and
// returns a JSON-able report: coefficients and their covariance, Ψ (or the σ² of the
// across-arm model), heterogeneity, the non-linearity test, predictions with confidence and
// prediction bands, the dose of maximum effect, ED50/ED80, the minimum effective dose, AIC,
// BIC and the log-likelihood. Doses are whatever the caller passes (per administration or
// cumulative, in any unit); nothing here assumes a unit.
import { backTransform, effectSize, harmonicMean } from "../meta";
import { pnorm, qnorm } from "../distributions";
import { type SmdMethod, covarContinuous, covarLogRR, referenceIndex } from "./covariance";
import { type ArmMeasure, type ContrastType, type DoseResponseData, readDoseResponseCsv } from "./csv";
import type { Matrix, Vector } from "./matrix";
import {
  type ArmEffect,
  type ContrastStudy,
  type DoseResponseFit,
  type Estimation,
  type HeterogeneityTest,
  type WaldTest,
  ModelProblem,
  acrossArms,
  oneStage,
  twoStage,
} from "./models";
import {
  type Band,
  type CurvePrediction,
  type CurveSummary,
  type Curve,
  predictCurve,
  summariseCurve,
} from "./results";
import { type DoseBasis, type Shape, doseBasis } from "./shapes";

export interface DoseResponseOptions {
  shape: Shape;
  /** rcs knots as percentiles (probabilities, or percentages above 1) of all arms' doses */
  knots?: number[];
  /** rcs knots as doses */
  knotValues?: number[];
  /** rcs without knots or knotValues: 3 (default), 4 or 5 knots at Harrell's percentiles */
  knotCount?: 3 | 4 | 5;
  /** log shape: constant added to the dose (default: see ShapeSpec.logShift) */
  logShift?: number;
  /** design of relative-risk data without a type column, or md / smd for a continuous outcome (default md) */
  type?: ContrastType;
  /** standardised mean difference: dosresmeta's method.smd (default cohens) */
  smdMethod?: SmdMethod;
  /** the one-stage model instead of the two-stage one (contrast data only) */
  oneStage?: boolean;
  /** the across-arm model on arm-level effects (single-arm studies) */
  arms?: ArmMeasure;
  /** "reml" (default), "ml" or "fixed" */
  method?: Estimation;
  /** doses at which to predict (default: 11 doses evenly over the observed range) */
  predict?: number[];
  /** the reference dose (default: the lowest dose of the studies' reference arms; across arms, the lowest dose) */
  reference?: number;
  /** confidence level (default 0.95) */
  level?: number;
  /** simulation draws for the dose intervals (default 1000) and the generator's seed */
  draws?: number;
  seed?: number;
}

export interface CoefficientRow {
  name: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
  ciLower: number;
  ciUpper: number;
}

export interface ArmLevelPrediction extends Band {
  dose: number;
  /** on the scale people read: a proportion (PLO, PFT) or the mean (MN) */
  back: { estimate: number; ciLower: number; ciUpper: number; piLower: number; piUpper: number };
}

export interface DoseResponseReport {
  model: DoseResponseFit["model"];
  method: Estimation;
  /** what the curve's effects are */
  outcome: string;
  /** whether ratio columns (exp of the effect) are given */
  logScale: boolean;
  shape: Shape;
  knots: number[] | null;
  logShift: number | null;
  coefficients: CoefficientRow[];
  vcov: Matrix;
  Psi: Matrix | null;
  sigma2: { study: number; arm: number } | null;
  heterogeneity: HeterogeneityTest | null;
  overall: WaldTest;
  nonlinearity: WaldTest | null;
  logLik: number;
  AIC: number;
  BIC: number;
  parameters: number;
  nobs: number;
  /** which likelihood logLik, AIC and BIC come from */
  likelihood: string;
  converged: boolean;
  studies: number;
  observations: number;
  reference: number;
  range: [number, number];
  predictions: CurvePrediction[];
  /** across arms: the arm-level value at each dose (intercept included) */
  levels: ArmLevelPrediction[] | null;
  summary: CurveSummary;
  studyTrends: { id: string; coefficients: number[]; vcov: Matrix }[] | null;
}

const LIKELIHOOD: Record<DoseResponseFit["model"], Record<Estimation, string>> = {
  "two-stage": {
    reml: "restricted likelihood of the second stage, as mixmeta (with ½ log|ΣX'X|); nobs = m·q − q",
    ml: "likelihood of the second stage, as mixmeta; nobs = m·q",
    fixed: "likelihood of the second stage with Ψ = 0, as mixmeta",
  },
  "one-stage": {
    reml: "restricted likelihood of the one-stage model, as dosresmeta (without ½ log|X'X|); nobs = N − p",
    ml: "likelihood of the one-stage model, as dosresmeta; nobs = N",
    fixed: "likelihood of the one-stage model with Ψ = 0 (GLS), as dosresmeta; nobs = N",
  },
  "across-arms": {
    reml: "restricted likelihood as metafor's rma.mv (REMLf = TRUE); nobs = k − p",
    ml: "likelihood as metafor's rma.mv; nobs = k",
    fixed: "likelihood with σ² = 0 (metafor's rma.mv(..., sigma2 = c(0, 0)))",
  },
};

function contrastStudies(data: DoseResponseData, options: DoseResponseOptions): ContrastStudy[] {
  if (data.kind === "logrr")
    return data.studies.map((s) => {
      let S: Matrix;
      try {
        S = covarLogRR(s.arms, s.type);
      } catch (e) {
        throw new ModelProblem(`study ${s.id} (line ${s.arms[0]?.line ?? "?"}): ${(e as Error).message}`);
      }
      const r = referenceIndex(s.arms);
      const others = s.arms.filter((_, i) => i !== r);
      return {
        id: s.id,
        refDose: s.arms[r]?.dose ?? 0,
        doses: others.map((a) => a.dose),
        y: others.map((a) => a.logrr),
        S,
      };
    });
  if (data.kind === "continuous") {
    const measure = options.type === "smd" ? "smd" : "md";
    return data.studies.map((s) => {
      const { y, S } = covarContinuous(s.arms, measure, options.smdMethod ?? "cohens");
      return {
        id: s.id,
        refDose: s.arms[0]?.dose ?? 0,
        doses: s.arms.slice(1).map((a) => a.dose),
        y,
        S,
      };
    });
  }
  throw new ModelProblem("arm-level data need the across-arm model");
}

function armEffects(data: Extract<DoseResponseData, { kind: "arms" }>): { arms: ArmEffect[]; ns: number[] } {
  const arms: ArmEffect[] = [];
  const ns: number[] = [];
  const problems: string[] = [];
  for (const r of data.rows) {
    if (data.measure === "MN") {
      arms.push({ study: r.study, arm: r.arm, dose: r.dose, yi: r.y ?? 0, vi: (r.sd ?? 0) ** 2 / r.n });
      ns.push(r.n);
      continue;
    }
    const es = effectSize(data.measure, { xi: r.cases, ni: r.n });
    if ("error" in es) problems.push(`line ${r.line}: ${es.error}`);
    else {
      arms.push({ study: r.study, arm: r.arm, dose: r.dose, yi: es.yi, vi: es.vi });
      ns.push(r.n);
    }
  }
  if (problems.length) throw new ModelProblem(problems.join("; "));
  return { arms, ns };
}

function coefficientRows(fit: DoseResponseFit, level: number): CoefficientRow[] {
  const z = qnorm(1 - (1 - level) / 2);
  return fit.names.map((name, i) => {
    const estimate = fit.coefficients[i] ?? NaN;
    const se = fit.se[i] ?? NaN;
    const stat = estimate / se;
    return {
      name,
      estimate,
      se,
      z: stat,
      p: 2 * pnorm(-Math.abs(stat)),
      ciLower: estimate - z * se,
      ciUpper: estimate + z * se,
    };
  });
}

function evenly(range: [number, number], n = 11): number[] {
  const [lo, hi] = range;
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** Fits the model that the data and options call for, and summarises it. */
export function fitDoseResponse(data: DoseResponseData, options: DoseResponseOptions): DoseResponseReport {
  const level = options.level ?? 0.95;
  const method = options.method ?? "reml";
  const spec = {
    shape: options.shape,
    knots: options.knots,
    knotValues: options.knotValues,
    knotCount: options.knotCount,
    logShift: options.logShift,
  };
  let basis: DoseBasis;
  let fit: DoseResponseFit;
  let curve: Curve;
  let range: [number, number];
  let reference: number;
  let outcome: string;
  let logScale: boolean;
  let levels: ArmLevelPrediction[] | null = null;
  let predictDoses: number[];
  if (data.kind === "arms" || options.arms) {
    if (data.kind !== "arms")
      throw new ModelProblem("the across-arm model needs arm-level data (choose it when reading)");
    const { arms, ns } = armEffects(data);
    const doses = arms.map((a) => a.dose);
    basis = doseBasis(spec, doses);
    fit = acrossArms(arms, basis, { method });
    range = [Math.min(...doses), Math.max(...doses)];
    reference = options.reference ?? range[0];
    outcome = {
      PLO: "difference in logit proportion (log odds ratio) against the reference dose",
      PFT: "difference in Freeman–Tukey double-arcsine proportion against the reference dose",
      MN: "difference in mean against the reference dose",
    }[data.measure];
    logScale = data.measure === "PLO";
    const b = basis;
    const s2arm = fit.sigma2?.[1] ?? 0;
    const s2all = (fit.sigma2 ?? []).reduce((s, v) => s + v, 0);
    curve = {
      beta: fit.coefficients,
      vcov: fit.vcov,
      contrast: (d, ref) => {
        const r0 = b.row(ref);
        return [0, ...b.row(d).map((v, j) => v - (r0[j] ?? 0))];
      },
      betweenVariance: (_x, d, ref) => (d === ref ? 0 : 2 * s2arm),
    };
    predictDoses = options.predict ?? evenly(range);
    const hm = harmonicMean(ns);
    const measure = data.measure;
    const back = (v: number) => (measure === "MN" ? v : backTransform(measure, v, hm));
    const absolute: Curve = {
      beta: fit.coefficients,
      vcov: fit.vcov,
      contrast: (d) => [1, ...b.row(d)],
      betweenVariance: () => s2all,
    };
    levels = predictCurve(absolute, predictDoses, 0, level).map((p) => ({
      dose: p.dose,
      estimate: p.estimate,
      se: p.se,
      ciLower: p.ciLower,
      ciUpper: p.ciUpper,
      piLower: p.piLower,
      piUpper: p.piUpper,
      back: {
        estimate: back(p.estimate),
        ciLower: back(p.ciLower),
        ciUpper: back(p.ciUpper),
        piLower: back(p.piLower),
        piUpper: back(p.piUpper),
      },
    }));
  } else {
    const studies = contrastStudies(data, options);
    const doses = studies.flatMap((s) => [s.refDose, ...s.doses]);
    basis = doseBasis(spec, doses);
    fit = options.oneStage ? oneStage(studies, basis, { method }) : twoStage(studies, basis, { method });
    range = [Math.min(...doses), Math.max(...doses)];
    reference = options.reference ?? Math.min(...studies.map((s) => s.refDose));
    logScale = data.kind === "logrr";
    outcome =
      data.kind === "logrr"
        ? "log relative risk against the reference dose"
        : options.type === "smd"
          ? "standardised mean difference against the reference dose"
          : "mean difference against the reference dose";
    const b = basis;
    const psi = fit.Psi;
    curve = {
      beta: fit.coefficients,
      vcov: fit.vcov,
      contrast: (d, ref) => {
        const r0 = b.row(ref);
        return b.row(d).map((v, j) => v - (r0[j] ?? 0));
      },
      betweenVariance: (x: Vector) =>
        psi ? x.reduce((s, xi, i) => s + xi * x.reduce((t, xj, j) => t + (psi[i]?.[j] ?? 0) * xj, 0), 0) : 0,
    };
    predictDoses = options.predict ?? evenly(range);
  }
  const summaryRange: [number, number] = [Math.min(range[0], reference), Math.max(range[1], reference)];
  return {
    model: fit.model,
    method: fit.method,
    outcome,
    logScale,
    shape: basis.shape,
    knots: basis.knots,
    logShift: basis.logShift,
    coefficients: coefficientRows(fit, level),
    vcov: fit.vcov,
    Psi: fit.Psi,
    sigma2: fit.sigma2 ? { study: fit.sigma2[0] ?? 0, arm: fit.sigma2[1] ?? 0 } : null,
    heterogeneity: fit.Q,
    overall: fit.overall,
    nonlinearity: fit.nonlinearity,
    logLik: fit.logLik,
    AIC: fit.AIC,
    BIC: fit.BIC,
    parameters: fit.parameters,
    nobs: fit.nobs,
    likelihood: LIKELIHOOD[fit.model][fit.method],
    converged: fit.converged,
    studies: fit.studies,
    observations: fit.observations,
    reference,
    range,
    predictions: predictCurve(curve, predictDoses, reference, level, logScale),
    levels,
    summary: summariseCurve(curve, summaryRange, reference, {
      level,
      draws: options.draws,
      seed: options.seed,
    }),
    studyTrends: fit.studyTrends,
  };
}

/** Reads the CSV text and fits: the whole of `npm run analyse -- file.csv --dose-response …`. */
export function runDoseResponse(text: string, options: DoseResponseOptions): DoseResponseReport {
  const data = readDoseResponseCsv(text, { type: options.type, arms: options.arms });
  return fitDoseResponse(data, options);
}
