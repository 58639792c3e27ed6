// The dose–response models: dosresmeta's two-stage pooling (per-study GLS trends, then a
// multivariate random-effects meta-analysis as mixmeta fits it), its one-stage linear mixed
// model over all non-reference arms, and an across-arm multilevel meta-regression as
// metafor's rma.mv(yi, vi, mods = ~ <dose terms>, random = ~ 1 | study/arm) fits it.
//
// Log-likelihoods are reported as each package does, so that AIC and BIC compare with theirs:
// - two-stage (mixmeta): REML includes ½ log|Σ X'X| and counts nobs = m·q − q for BIC;
// - one-stage (dosresmeta.reml/ml/fixed): REML without that term, nobs = N − p under REML;
// - across arms (metafor, REMLf = TRUE): REML includes ½ log|X'X|, nobs = k − p under REML.
// AIC = −2 logLik + 2 (fixed + variance parameters), BIC = −2 logLik + (parameters) log(nobs).
// A restricted likelihood depends on the fixed-effect design, so AIC and BIC compare dose
// shapes only when the fits are ML (method "ml"); REML values (dosresmeta's default, reported
// all the same) compare variance structures for one shape.
import { pchisqUpper } from "../distributions";
import {
  type Block,
  type Estimation,
  type Structure,
  evaluate,
  fitVariance,
  unstructuredG,
  unvech,
} from "./likelihood";
import {
  type Matrix,
  type Vector,
  at,
  cholesky,
  cholInverse,
  diag,
  diagonal,
  dot,
  identity,
  inverse,
  matVec,
  multiply,
  quadForm,
  set,
  transpose,
  zeros,
} from "./matrix";
import type { DoseBasis } from "./shapes";

export type { Estimation } from "./likelihood";

/** A study's contrasts against its reference arm, with their within-study covariance. */
export interface ContrastStudy {
  id: string;
  /** the reference arm's dose */
  refDose: number;
  /** the non-reference arms' doses, in the order of y */
  doses: number[];
  /** contrasts (log relative risks, mean differences…) against the reference arm */
  y: number[];
  /** their covariance */
  S: Matrix;
}

export interface WaldTest {
  chi2: number;
  df: number;
  p: number;
}

export interface HeterogeneityTest {
  Q: number;
  df: number;
  p: number;
  /**
   * dosresmeta's I² = max(0, (Q − df) / Q) · 100 (Higgins & Thompson's form from the
   * multivariate Q, as summary.dosresmeta prints it), not metafor's I² from τ² and a typical
   * within-study variance. Across arms the same formula is applied to metafor's QE.
   */
  I2: number;
}

export interface DoseResponseFit {
  model: "two-stage" | "one-stage" | "across-arms";
  method: Estimation;
  /** coefficient names (across arms: intrcpt first) */
  names: string[];
  coefficients: number[];
  se: number[];
  vcov: Matrix;
  /** between-study covariance of the dose coefficients (two- and one-stage random effects) */
  Psi: Matrix | null;
  /** across arms: [σ² between studies, σ² between arms within a study] */
  sigma2: number[] | null;
  logLik: number;
  AIC: number;
  BIC: number;
  /** number of parameters counted in AIC and BIC */
  parameters: number;
  /** observations counted in BIC */
  nobs: number;
  /** heterogeneity Q: two-stage, as dosresmeta's qtest; across arms, metafor's QE */
  Q: HeterogeneityTest | null;
  /** Wald test that every dose coefficient is 0 (dosresmeta's "Chi2 model", metafor's QM) */
  overall: WaldTest;
  /** Wald test that the non-linear coefficients are 0; null for linear and log shapes */
  nonlinearity: WaldTest | null;
  converged: boolean;
  studies: number;
  observations: number;
  /** two-stage: each study's own trend */
  studyTrends: { id: string; coefficients: number[]; vcov: Matrix }[] | null;
}

export class ModelProblem extends Error {}

export function waldTest(b: Vector, V: Matrix, terms: number[]): WaldTest {
  const bs = terms.map((i) => b[i] ?? 0);
  const Vs = terms.map((i) => terms.map((j) => at(V, i, j)));
  const chi2 = quadForm(inverse(Vs), bs);
  return { chi2, df: terms.length, p: pchisqUpper(chi2, terms.length) };
}

function centeredDesign(study: ContrastStudy, basis: DoseBasis): Matrix {
  const ref = basis.row(study.refDose);
  return study.doses.map((d) => basis.row(d).map((v, j) => v - (ref[j] ?? 0)));
}

function information(blocks: { X: Matrix; S: Matrix }[], p: number): Matrix {
  const total = zeros(p);
  for (const b of blocks) {
    const L = cholesky(b.S);
    if (!L) throw new ModelProblem("a within-study covariance matrix is not positive definite");
    const W = cholInverse(L);
    const add = multiply(transpose(b.X), multiply(W, b.X));
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) set(total, i, j, at(total, i, j) + at(add, i, j));
  }
  return total;
}

/** √ of the typical per-study variance of each random coefficient, to put Ψ on a unit scale. */
function randomScale(blocks: { X: Matrix; S: Matrix }[], q: number): number[] {
  const info = information(blocks, q);
  const L = cholesky(info);
  if (!L) throw new ModelProblem("the dose terms cannot be estimated from these data (singular information)");
  return diagonal(cholInverse(L)).map((v) => Math.sqrt(v * blocks.length));
}

function scaledZ(Z: Matrix, scale: number[]): Matrix {
  return Z.map((row) => row.map((v, j) => v * (scale[j] ?? 1)));
}

function rescalePsi(theta: Vector, q: number, scale: number[]): Matrix {
  const psi = unvech(theta, q);
  return psi.map((row, i) => row.map((v, j) => v * (scale[i] ?? 1) * (scale[j] ?? 1)));
}

function summarise(
  base: Omit<DoseResponseFit, "se" | "AIC" | "BIC" | "overall" | "nonlinearity">,
  dosePositions: number[],
  basis: DoseBasis,
): DoseResponseFit {
  const se = diagonal(base.vcov).map(Math.sqrt);
  return {
    ...base,
    se,
    AIC: -2 * base.logLik + 2 * base.parameters,
    BIC: -2 * base.logLik + base.parameters * Math.log(base.nobs),
    overall: waldTest(base.coefficients, base.vcov, dosePositions),
    nonlinearity: basis.nonlinear.length
      ? waldTest(
          base.coefficients,
          base.vcov,
          basis.nonlinear.map((i) => dosePositions[i] ?? i),
        )
      : null,
  };
}

export interface ModelOptions {
  method?: Estimation;
}

/**
 * Starting values for Ψ on the unit scale. The restricted likelihood of a multivariate model
 * can have more than one local maximum (alcohol_cvd's quadratic trend has one with the
 * correlation at +1, below the one mixmeta reports), so the fit starts from a large, a middling
 * and a small Ψ and keeps the best; mixmeta's own start, 0.001·I on the coefficients' scale,
 * is a large one for most dose coefficients.
 */
function initialPsi(q: number): Vector[] {
  return [10, 1, 0.1].map((d) => {
    const v: number[] = [];
    for (let j = 0; j < q; j++) for (let i = j; i < q; i++) v.push(i === j ? d : 0);
    return v;
  });
}

/**
 * Two-stage dose–response meta-analysis (dosresmeta proc = "2stage"): each study's trend by
 * GLS on its own contrasts, then the trends pooled by a multivariate random-effects model with
 * an unstructured between-study covariance Ψ (mixmeta's method "reml", "ml" or "fixed").
 * One study alone is fitted as dosresmeta does: one-stage, fixed effect.
 */
export function twoStage(
  studies: ContrastStudy[],
  basis: DoseBasis,
  options: ModelOptions = {},
): DoseResponseFit {
  const method = options.method ?? "reml";
  const q = basis.names.length;
  if (studies.length === 1) return oneStage(studies, basis, { method: "fixed" });
  const short = studies.filter((s) => s.y.length < q);
  if (short.length)
    throw new ModelProblem(
      `a two-stage fit needs ${q} non-reference arm${q === 1 ? "" : "s"} in every study for the ${basis.shape} shape; ${short
        .map((s) => `study ${s.id} has ${s.y.length}`)
        .join(", ")} (fit one-stage instead)`,
    );
  const trends = studies.map((s) => {
    const X = centeredDesign(s, basis);
    const Ls = cholesky(s.S);
    if (!Ls) throw new ModelProblem(`study ${s.id}: the within-study covariance is not positive definite`);
    const W = cholInverse(Ls);
    const XtW = multiply(transpose(X), W);
    const LI = cholesky(multiply(XtW, X));
    if (!LI)
      throw new ModelProblem(
        `study ${s.id}: its doses cannot identify the ${basis.shape} shape's ${q} coefficients`,
      );
    const V = cholInverse(LI);
    const b = matVec(V, matVec(XtW, s.y));
    return { id: s.id, coefficients: b, vcov: V };
  });
  const I = identity(q);
  const scale = randomScale(
    trends.map((t) => ({ X: I, S: t.vcov })),
    q,
  );
  // Ψ's elements on the unit scale, with Z = diag(scale) carrying them to the coefficients'
  const G = unstructuredG(I, q);
  const Z = scaledZ(I, scale);
  const blocks: Block[] = trends.map((t) => ({ y: t.coefficients, X: I, S: t.vcov, G, Z }));
  const structure: Structure = { kind: "unstructured", q };
  const fit = fitVariance(
    blocks,
    structure,
    { method, remlXtX: true },
    method === "fixed" ? [] : initialPsi(q),
  );
  // Cochran's Q over the study trends, about the fixed-effect pooled trend (dosresmeta's qtest)
  const fe = evaluate(blocks, new Array<number>(method === "fixed" ? 0 : G.length).fill(0), {
    method: "fixed",
    remlXtX: false,
  });
  if (!fe) throw new ModelProblem("the study trends' covariance matrices are not positive definite");
  let Qstat = 0;
  for (const t of trends) {
    const r = t.coefficients.map((b, i) => b - (fe.beta[i] ?? 0));
    Qstat += quadForm(inverse(t.vcov), r);
  }
  const m = studies.length;
  const nall = m * q;
  const Qdf = nall - q;
  const random = method !== "fixed";
  const parameters = q + (random ? (q * (q + 1)) / 2 : 0);
  return summarise(
    {
      model: "two-stage",
      method,
      names: basis.names,
      coefficients: fit.beta,
      vcov: fit.vcov,
      Psi: random ? rescalePsi(fit.theta, q, scale) : null,
      sigma2: null,
      logLik: fit.loglik,
      parameters,
      nobs: nall - (method === "reml" ? q : 0),
      Q: {
        Q: Qstat,
        df: Qdf,
        p: pchisqUpper(Qstat, Qdf),
        I2: Qstat > 0 ? Math.max(0, ((Qstat - Qdf) / Qstat) * 100) : 0,
      },
      converged: fit.converged,
      studies: m,
      observations: studies.reduce((s, x) => s + x.y.length, 0),
      studyTrends: trends,
    },
    basis.names.map((_, i) => i),
    basis,
  );
}

/**
 * One-stage dose–response meta-analysis (dosresmeta proc = "1stage"): a linear mixed model over
 * every non-reference arm, y_i = X_i β + X_i b_i + ε_i with b_i ~ N(0, Ψ) unstructured and
 * ε_i ~ N(0, S_i); studies with fewer arms than coefficients still contribute.
 */
export function oneStage(
  studies: ContrastStudy[],
  basis: DoseBasis,
  options: ModelOptions = {},
): DoseResponseFit {
  const method = studies.length === 1 ? "fixed" : (options.method ?? "reml");
  const q = basis.names.length;
  const designs = studies.map((s) => centeredDesign(s, basis));
  const pieces = studies.map((s, i) => ({ X: designs[i] ?? [], S: s.S }));
  const scale = randomScale(pieces, q);
  const G = unstructuredG(identity(q), q);
  const blocks: Block[] = studies.map((s, i) => {
    const X = designs[i] ?? [];
    return method === "fixed" ? { y: s.y, X, S: s.S, G: [] } : { y: s.y, X, S: s.S, G, Z: scaledZ(X, scale) };
  });
  const fit = fitVariance(
    blocks,
    { kind: "unstructured", q },
    { method, remlXtX: false },
    method === "fixed" ? [] : initialPsi(q),
  );
  const N = studies.reduce((s, x) => s + x.y.length, 0);
  const random = method !== "fixed";
  return summarise(
    {
      model: "one-stage",
      method,
      names: basis.names,
      coefficients: fit.beta,
      vcov: fit.vcov,
      Psi: random ? rescalePsi(fit.theta, q, scale) : null,
      sigma2: null,
      logLik: fit.loglik,
      parameters: q + (random ? (q * (q + 1)) / 2 : 0),
      nobs: N - (method === "reml" ? q : 0),
      Q: null,
      converged: fit.converged,
      studies: studies.length,
      observations: N,
      studyTrends: null,
    },
    basis.names.map((_, i) => i),
    basis,
  );
}

/** One arm of a study for the across-arm model: its own effect (not a contrast). */
export interface ArmEffect {
  study: string;
  /** the arm's label within its study (arms are nested in studies) */
  arm: string;
  dose: number;
  yi: number;
  vi: number;
}

/**
 * Across-arm dose–response meta-regression: yi = β0 + f(dose)'β + u_study + u_arm + ε, with
 * u_study ~ N(0, σ²₁), u_arm ~ N(0, σ²₂) and ε ~ N(0, vi): metafor's
 * rma.mv(yi, vi, mods = ~ <dose terms>, random = ~ 1 | study/arm, method).
 */
export function acrossArms(arms: ArmEffect[], basis: DoseBasis, options: ModelOptions = {}): DoseResponseFit {
  const method = options.method ?? "reml";
  const byStudy = new Map<string, ArmEffect[]>();
  for (const a of arms) {
    const list = byStudy.get(a.study) ?? [];
    list.push(a);
    byStudy.set(a.study, list);
  }
  const p = basis.names.length + 1;
  const k = arms.length;
  if (k <= p + (method === "fixed" ? 0 : 1))
    throw new ModelProblem(`too few arms (${k}) for ${p} coefficients and the variance components`);
  // Scale the variance components by the typical sampling variance so that θ is of order one.
  const s = arms.reduce((t, a) => t + a.vi, 0) / k;
  const blocks: Block[] = [...byStudy.values()].map((list) => {
    const n = list.length;
    const X = list.map((a) => [1, ...basis.row(a.dose)]);
    // Arms with the same label in a study share their random effect, as ~ 1 | study/arm does.
    const labels = list.map((a) => a.arm);
    const Garm = labels.map((la) => labels.map((lb) => (la === lb ? s : 0)));
    return {
      y: list.map((a) => a.yi),
      X,
      S: diag(list.map((a) => a.vi)),
      G: method === "fixed" ? [] : [zeros(n).map((row) => row.map(() => s)), Garm],
    };
  });
  const fit = fitVariance(
    blocks,
    { kind: "components", count: 2 },
    { method, remlXtX: true },
    method === "fixed"
      ? []
      : [
          [10, 10],
          [1, 1],
          [0.1, 0.1],
        ],
  );
  const fe = evaluate(
    blocks.map((b) => ({ ...b, G: [] })),
    [],
    { method: "fixed", remlXtX: false },
    false,
  );
  if (!fe) throw new ModelProblem("the sampling variances must be above 0");
  let QE = 0;
  for (const b of blocks) {
    const r = b.y.map((y, i) => y - dot(b.X[i] ?? [], fe.beta));
    QE += r.reduce((t, ri, i) => t + (ri * ri) / at(b.S, i, i), 0);
  }
  const random = method !== "fixed";
  return summarise(
    {
      model: "across-arms",
      method,
      names: ["intrcpt", ...basis.names],
      coefficients: fit.beta,
      vcov: fit.vcov,
      Psi: null,
      sigma2: random ? fit.theta.map((t) => t * s) : null,
      logLik: fit.loglik,
      parameters: p + (random ? 2 : 0),
      nobs: k - (method === "reml" ? p : 0),
      Q: {
        Q: QE,
        df: k - p,
        p: pchisqUpper(QE, k - p),
        I2: QE > 0 ? Math.max(0, ((QE - (k - p)) / QE) * 100) : 0,
      },
      converged: fit.converged,
      studies: byStudy.size,
      observations: k,
      studyTrends: null,
    },
    basis.names.map((_, i) => i + 1),
    basis,
  );
}
