// Meta-analysis in plain TypeScript, following metafor (Viechtbauer 2010) so that results can be
// checked against it: effect sizes as escalc() computes them, and fixed- or random-effects models
// as rma() fits them (tau² by DerSimonian–Laird, REML or Paule–Mandel; Knapp–Hartung; Q, I², H²;
// tau² confidence interval by the Q-profile method; prediction interval), with moderators for
// meta-regression, Egger's regression test, leave-one-out and subgroup analyses.
//
// Nothing here forms the k × k matrix P = W − WX(X'WX)⁻¹X'W: every quantity is computed from
// p × p sums, so k = 10,000 studies cost milliseconds.
import { logGamma as lgamma, pchisqUpper, pfUpper, qchisq, qnorm, qt, twoSided } from "./distributions";

export const MEASURES = ["RR", "OR", "RD", "MD", "SMD", "PLO", "PFT"] as const;
export type Measure = (typeof MEASURES)[number];
export const METHODS = ["FE", "DL", "REML", "PM"] as const;
export type Method = (typeof METHODS)[number];

export const MEASURE_LABELS: Record<Measure, string> = {
  RR: "log risk ratio",
  OR: "log odds ratio",
  RD: "risk difference",
  MD: "mean difference",
  SMD: "standardised mean difference (Hedges' g)",
  PLO: "logit proportion",
  PFT: "Freeman–Tukey double-arcsine proportion",
};
export const METHOD_LABELS: Record<Method, string> = {
  FE: "fixed effect (inverse variance)",
  DL: "random effects, DerSimonian–Laird",
  REML: "random effects, REML",
  PM: "random effects, Paule–Mandel",
};

// Effect sizes -----------------------------------------------------------------------------------

/** One study's data, with metafor's escalc names. */
export interface EffectData {
  ai?: number | null;
  bi?: number | null;
  ci?: number | null;
  di?: number | null;
  xi?: number | null;
  ni?: number | null;
  m1i?: number | null;
  sd1i?: number | null;
  n1i?: number | null;
  m2i?: number | null;
  sd2i?: number | null;
  n2i?: number | null;
  yi?: number | null;
  vi?: number | null;
}

export type Effect = { yi: number; vi: number; ni: number | null } | { error: string };

const num = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** The columns a measure needs, for messages and the CSV reader. */
export const MEASURE_COLUMNS: Record<Measure, string[]> = {
  RR: ["ai", "bi", "ci", "di"],
  OR: ["ai", "bi", "ci", "di"],
  RD: ["ai", "bi", "ci", "di"],
  MD: ["m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"],
  SMD: ["m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"],
  PLO: ["xi", "ni"],
  PFT: ["xi", "ni"],
};

/** Hedges' exact small-sample correction J(m) = Γ(m/2) / (√(m/2) Γ((m−1)/2)). */
function hedgesJ(m: number): number {
  return Math.exp(logGammaHalf(m) - 0.5 * Math.log(m / 2) - logGammaHalf(m - 1));
}
function logGammaHalf(m: number): number {
  // log Γ(m/2), through the Lanczos log-gamma of distributions.ts
  return lgamma(m / 2);
}

/** Where escalc() adds `add` to the cells: see EscalcOptions.to. */
export const ESCALC_TO = ["all", "only0", "if0all", "none"] as const;
export type EscalcTo = (typeof ESCALC_TO)[number];

/** metafor's escalc() settings for zero cells; the defaults are escalc's. */
export interface EscalcOptions {
  /** the amount added to the cells (escalc's default 1/2; for PFT 0 unless given, as escalc) */
  add?: number;
  /**
   * which studies get `add`: "only0" (default) those with a zero cell (for proportions, no or
   * only events), "all" every study, "if0all" every study when any has a zero cell, "none" none
   */
  to?: EscalcTo;
  /** RR, OR, RD: leave out studies with no events, or only events, in both groups (default false) */
  drop00?: boolean;
  /**
   * For to = "if0all" on a single study: whether any study of the data set has a zero cell
   * (effectSizes() works it out). Without it, the study's own cells decide.
   */
  anyZeroInData?: boolean;
}

function hasZeroCell(measure: Measure, d: EffectData): boolean {
  if (measure === "RR" || measure === "OR" || measure === "RD")
    return [d.ai, d.bi, d.ci, d.di].some((v) => v === 0);
  if (measure === "PLO" || measure === "PFT") return d.xi === 0 || (num(d.xi) && d.xi === d.ni);
  return false;
}

function isDoubleZero(d: EffectData): boolean {
  return (d.ai === 0 && d.ci === 0) || (d.bi === 0 && d.di === 0);
}

/**
 * yi and vi of one study, as metafor's escalc() gives them, zero cells included: by default
 * (add = 1/2, to = "only0", drop00 = FALSE) 1/2 is added to every cell of a 2×2 table with a
 * zero cell, for RR, OR and RD alike, and to both counts (events and non-events) of a
 * proportion with no or only events for PLO; PFT needs no correction, so escalc adds nothing
 * unless `add` is given. Data given directly as yi and vi are used as they are.
 *
 * Where escalc's value is not finite (to = "none" with a zero cell), or its variance is 0, the
 * study gets an error instead: it cannot be pooled either way.
 */
export function effectSize(measure: Measure, d: EffectData, options: EscalcOptions = {}): Effect {
  if (num(d.yi) && num(d.vi)) {
    if (d.vi <= 0) return { error: "vi must be above 0" };
    return { yi: d.yi, vi: d.vi, ni: null };
  }
  const missing = MEASURE_COLUMNS[measure].filter((c) => !num(d[c as keyof EffectData]));
  if (missing.length) return { error: `missing ${missing.join(", ")}` };
  const to = options.to ?? "only0";
  const zero = hasZeroCell(measure, d);
  const adds =
    to === "all" || (to === "only0" && zero) || (to === "if0all" && (options.anyZeroInData ?? zero));
  if (measure === "RR" || measure === "OR" || measure === "RD") {
    let [a, b, c, dd] = [d.ai!, d.bi!, d.ci!, d.di!];
    if ([a, b, c, dd].some((v) => v < 0)) return { error: "counts cannot be negative" };
    const n1 = a + b;
    const n2 = c + dd;
    if (n1 === 0 || n2 === 0) return { error: "a group has no participants" };
    const ni = n1 + n2;
    if (options.drop00 && isDoubleZero(d))
      return { error: "no events (or only events) in both groups: left out (drop00)" };
    const add = adds ? (options.add ?? 0.5) : 0;
    [a, b, c, dd] = [a + add, b + add, c + add, dd + add];
    if (measure === "RD") {
      const p1 = a / (a + b);
      const p2 = c / (c + dd);
      const vi = (p1 * (1 - p1)) / (a + b) + (p2 * (1 - p2)) / (c + dd);
      if (!(vi > 0))
        return { error: "the risk difference has no variance (all or no events in both groups)" };
      return { yi: p1 - p2, vi, ni };
    }
    if (measure === "RR") {
      if (a === 0 || c === 0) return { error: "a group has no events (the log risk ratio needs add)" };
      const vi = 1 / a - 1 / (a + b) + 1 / c - 1 / (c + dd);
      if (!(vi > 0)) return { error: "the log risk ratio has no variance (only events in both groups)" };
      return { yi: Math.log(a / (a + b) / (c / (c + dd))), vi, ni };
    }
    if (a === 0 || b === 0 || c === 0 || dd === 0)
      return { error: "a cell is 0 (the log odds ratio needs add)" };
    return { yi: Math.log((a * dd) / (b * c)), vi: 1 / a + 1 / b + 1 / c + 1 / dd, ni };
  }
  if (measure === "MD" || measure === "SMD") {
    const [m1, s1, n1, m2, s2, n2] = [d.m1i!, d.sd1i!, d.n1i!, d.m2i!, d.sd2i!, d.n2i!];
    if (n1 < 1 || n2 < 1) return { error: "a group has no participants" };
    if (s1 < 0 || s2 < 0) return { error: "a standard deviation is negative" };
    if (measure === "MD") {
      const vi = (s1 * s1) / n1 + (s2 * s2) / n2;
      if (vi <= 0) return { error: "both standard deviations are 0" };
      return { yi: m1 - m2, vi, ni: n1 + n2 };
    }
    if (n1 + n2 < 3) return { error: "too few participants for a standardised difference" };
    const m = n1 + n2 - 2;
    const sp = Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / m);
    if (sp === 0) return { error: "both standard deviations are 0" };
    const g = hedgesJ(m) * ((m1 - m2) / sp);
    return { yi: g, vi: 1 / n1 + 1 / n2 + (g * g) / (2 * (n1 + n2)), ni: n1 + n2 };
  }
  // Proportions: the events and the non-events each get `add`, as escalc's xi and mi.
  const [x0, n0] = [d.xi!, d.ni!];
  if (n0 <= 0 || x0 < 0 || x0 > n0) return { error: "events must lie between 0 and the total" };
  const add = adds ? (options.add ?? (measure === "PFT" ? 0 : 0.5)) : 0;
  const x = x0 + add;
  const n = n0 + 2 * add;
  if (measure === "PLO") {
    if (x === 0 || x === n) return { error: "no or only events (the logit needs add)" };
    return { yi: Math.log(x / (n - x)), vi: 1 / x + 1 / (n - x), ni: n0 };
  }
  const yi = 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1))));
  return { yi, vi: 1 / (4 * n + 2), ni: n0 };
}

/**
 * Every study's yi and vi, as escalc() computes them for a data set: the same as effectSize()
 * study by study, except that to = "if0all" adds to every study when any study (after drop00)
 * has a zero cell.
 */
export function effectSizes(measure: Measure, data: EffectData[], options: EscalcOptions = {}): Effect[] {
  const anyZeroInData =
    options.to === "if0all"
      ? data.some(
          (d) =>
            !(num(d.yi) && num(d.vi)) &&
            !(
              options.drop00 &&
              (measure === "RR" || measure === "OR" || measure === "RD") &&
              isDoubleZero(d)
            ) &&
            hasZeroCell(measure, d),
        )
      : undefined;
  return data.map((d) => effectSize(measure, d, { ...options, anyZeroInData }));
}

/** A value on the measure's own scale, back on the scale people read (ratio, proportion…). */
export function backTransform(measure: Measure, value: number, harmonicN?: number): number {
  switch (measure) {
    case "RR":
    case "OR":
      return Math.exp(value);
    case "PLO":
      return 1 / (1 + Math.exp(-value));
    case "PFT":
      return inverseFreemanTukey(value, harmonicN ?? 1);
    default:
      return value;
  }
}

/** Miller's (1978) inverse of the double-arcsine transformation, at sample size n. */
export function inverseFreemanTukey(t: number, n: number): number {
  // As metafor's transf.ipft: values beyond those of 0 and n events map to 0 and 1.
  const lo = 0.5 * Math.asin(Math.sqrt(1 / (n + 1)));
  const hi = 0.5 * (Math.asin(Math.sqrt(n / (n + 1))) + Math.PI / 2);
  if (t <= lo) return 0;
  if (t >= hi) return 1;
  const s = Math.sin(2 * t);
  const inner = 1 - (s + (s - 1 / s) / n) ** 2;
  const p = 0.5 * (1 - Math.sign(Math.cos(2 * t)) * Math.sqrt(Math.max(0, inner)));
  return Math.min(1, Math.max(0, p));
}

export function harmonicMean(values: number[]): number {
  return values.length / values.reduce((s, v) => s + 1 / v, 0);
}

// Linear algebra for small p ------------------------------------------------------------------

type Matrix = number[][];

function invert(m: Matrix): Matrix {
  const n = m.length;
  const scale = Math.max(...m.flat().map(Math.abs), 1e-300);
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    if (Math.abs(a[pivot]![c]!) < 1e-12 * scale)
      throw new Error("the moderators are collinear (the model matrix is singular)");
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const pv = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= pv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f === 0) continue;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

const matmul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const trace = (m: Matrix) => m.reduce((s, row, i) => s + row[i]!, 0);

/** X'diag(w)X for the rows of X. */
function crossprod(X: Matrix, w: number[]): Matrix {
  const p = X[0]!.length;
  const out = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  X.forEach((row, i) => {
    const wi = w[i]!;
    for (let a = 0; a < p; a++) {
      const ra = row[a]! * wi;
      for (let b = a; b < p; b++) out[a]![b]! += ra * row[b]!;
    }
  });
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) out[a]![b] = out[b]![a]!;
  return out;
}

interface Fit {
  b: number[];
  vb: Matrix;
  w: number[];
  resid: number[];
  /** y'P y = Σ w r² */
  Q: number;
  trP: number;
  trPP: number;
  PPy: number;
}

function fitAt(y: number[], v: number[], X: Matrix, tau2: number): Fit {
  const w = v.map((vi) => 1 / (vi + tau2));
  const A = invert(crossprod(X, w));
  const p = A.length;
  const Xwy = new Array<number>(p).fill(0);
  X.forEach((row, i) => {
    for (let a = 0; a < p; a++) Xwy[a]! += row[a]! * w[i]! * y[i]!;
  });
  const b = A.map((row) => row.reduce((s, v2, j) => s + v2 * Xwy[j]!, 0));
  const resid = y.map((yi, i) => yi - X[i]!.reduce((s, x, j) => s + x * b[j]!, 0));
  let Q = 0;
  let PPy = 0;
  let sw = 0;
  let sw2 = 0;
  resid.forEach((r, i) => {
    Q += w[i]! * r * r;
    PPy += w[i]! * w[i]! * r * r;
    sw += w[i]!;
    sw2 += w[i]! * w[i]!;
  });
  const B2 = crossprod(
    X,
    w.map((x) => x * x),
  );
  const B3 = crossprod(
    X,
    w.map((x) => x * x * x),
  );
  const AB2 = matmul(A, B2);
  const trP = sw - trace(AB2);
  const trPP = sw2 - 2 * trace(matmul(A, B3)) + trace(matmul(AB2, AB2));
  return { b, vb: A, w, resid, Q, trP, trPP, PPy };
}

// Estimators of tau² -------------------------------------------------------------------------

function tau2DL(y: number[], v: number[], X: Matrix): number {
  const f = fitAt(y, v, X, 0);
  return Math.max(0, (f.Q - (y.length - X[0]!.length)) / f.trP);
}

function tau2REML(y: number[], v: number[], X: Matrix): { tau2: number; converged: boolean } {
  let tau2 = tau2DL(y, v, X);
  for (let i = 0; i < 1000; i++) {
    const f = fitAt(y, v, X, tau2);
    let adj = (f.PPy - f.trP) / f.trPP;
    while (tau2 + adj < 0) adj /= 2;
    tau2 += adj;
    if (Math.abs(adj) < 1e-12) return { tau2, converged: true };
  }
  return { tau2, converged: false };
}

/** The tau² at which the generalised Q statistic equals `target` (Q falls as tau² grows). */
function solveQ(y: number[], v: number[], X: Matrix, target: number): number {
  const q = (t: number) => fitAt(y, v, X, t).Q;
  if (q(0) <= target) return 0;
  let hi = Math.max(1, ...v);
  while (q(hi) > target) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (q(mid) > target) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-14 * Math.max(1, hi)) break;
  }
  return (lo + hi) / 2;
}

// The model ----------------------------------------------------------------------------------

export interface ModelOptions {
  method: Method;
  /** Knapp–Hartung (Hartung–Knapp–Sidik–Jonkman) adjustment: t tests and a scaled variance. */
  knha?: boolean;
  level?: number;
}

export interface ModelResult {
  k: number;
  p: number;
  method: Method;
  test: "z" | "t";
  df: number | null;
  /** Coefficients: the intercept first, then each moderator. */
  b: number[];
  se: number[];
  stat: number[];
  pval: number[];
  ci_lb: number[];
  ci_ub: number[];
  tau2: number;
  tau2_ci: [number, number] | null;
  I2: number;
  I2_ci: [number, number] | null;
  H2: number;
  H2_ci: [number, number] | null;
  QE: number;
  QEp: number;
  /** Test of the moderators (all coefficients but the intercept); null without moderators. */
  QM: number | null;
  QMp: number | null;
  /** Prediction interval for the true effect of a new study (intercept-only models). */
  pi_lb: number | null;
  pi_ub: number | null;
  /** Each study's weight in percent (intercept-only models). */
  weights: number[];
  converged: boolean;
}

export function metaAnalysis(yi: number[], vi: number[], options: ModelOptions, X?: Matrix): ModelResult {
  const k = yi.length;
  const design = X ?? yi.map(() => [1]);
  const p = design[0]?.length ?? 1;
  if (k < 1) throw new Error("no study to pool");
  if (k <= p) throw new Error(`too few studies (${k}) for ${p} coefficient${p === 1 ? "" : "s"}`);
  if (vi.some((v) => !(v > 0))) throw new Error("every sampling variance must be above 0");
  const level = options.level ?? 0.95;
  let tau2 = 0;
  let converged = true;
  if (options.method === "DL") tau2 = tau2DL(yi, vi, design);
  else if (options.method === "REML") ({ tau2, converged } = tau2REML(yi, vi, design));
  else if (options.method === "PM") tau2 = solveQ(yi, vi, design, k - p);

  const fit = fitAt(yi, vi, design, tau2);
  const fe = fitAt(yi, vi, design, 0);
  const knha = options.knha === true;
  const df = knha ? k - p : null;
  const scale = knha ? fit.Q / (k - p) : 1;
  const vb = fit.vb.map((row) => row.map((x) => x * scale));
  const se = vb.map((row, i) => Math.sqrt(row[i]!));
  const crit = knha ? qt(1 - (1 - level) / 2, k - p) : qnorm(1 - (1 - level) / 2);
  const stat = fit.b.map((b, i) => b / se[i]!);

  const QE = fe.Q;
  const QEp = k - p > 0 ? pchisqUpper(QE, k - p) : 1;
  // Typical within-study variance, for I² and H².
  const vt = (k - p) / fe.trP;
  const random = options.method !== "FE";
  const I2 = random ? (100 * tau2) / (vt + tau2) : QE > 0 ? Math.max(0, (100 * (QE - (k - p))) / QE) : 0;
  const H2 = random ? (vt + tau2) / vt : k - p > 0 ? QE / (k - p) : 1;

  let tau2_ci: [number, number] | null = null;
  if (random && k - p >= 1) {
    const lower = solveQ(yi, vi, design, qchisq(1 - (1 - level) / 2, k - p));
    const upper = solveQ(yi, vi, design, qchisq((1 - level) / 2, k - p));
    tau2_ci = [lower, upper];
  }
  const I2_ci = tau2_ci ? (tau2_ci.map((t) => (100 * t) / (vt + t)) as [number, number]) : null;
  const H2_ci = tau2_ci ? (tau2_ci.map((t) => (vt + t) / vt) as [number, number]) : null;

  let QM: number | null = null;
  let QMp: number | null = null;
  if (p > 1) {
    const idx = Array.from({ length: p - 1 }, (_, i) => i + 1);
    const sub = invert(idx.map((i) => idx.map((j) => vb[i]![j]!)));
    const bs = idx.map((i) => fit.b[i]!);
    QM = bs.reduce((s, bi, a) => s + bi * sub[a]!.reduce((t, x, c) => t + x * bs[c]!, 0), 0);
    if (knha) {
      QM /= p - 1; // an F statistic
      QMp = pfUpper(QM, p - 1, k - p);
    } else QMp = pchisqUpper(QM, p - 1);
  }

  let pi_lb: number | null = null;
  let pi_ub: number | null = null;
  let weights: number[] = [];
  if (p === 1) {
    const half = crit * Math.sqrt(se[0]! ** 2 + tau2);
    pi_lb = fit.b[0]! - half;
    pi_ub = fit.b[0]! + half;
    const sw = fit.w.reduce((s, x) => s + x, 0);
    weights = fit.w.map((x) => (100 * x) / sw);
  }
  return {
    k,
    p,
    method: options.method,
    test: knha ? "t" : "z",
    df,
    b: fit.b,
    se,
    stat,
    pval: stat.map((s) => twoSided(s, df ?? Infinity)),
    ci_lb: fit.b.map((b, i) => b - crit * se[i]!),
    ci_ub: fit.b.map((b, i) => b + crit * se[i]!),
    tau2,
    tau2_ci,
    I2,
    I2_ci,
    H2,
    H2_ci,
    QE,
    QEp,
    QM,
    QMp,
    pi_lb,
    pi_ub,
    weights,
    converged,
  };
}

/** Egger's regression test as metafor's regtest(): the model again with the standard error as
 * a moderator; its coefficient tests funnel-plot asymmetry. */
export function eggerTest(yi: number[], vi: number[], options: ModelOptions) {
  if (yi.length < 3) return null;
  // Without any spread in the standard errors there is no asymmetry to test.
  const ses = vi.map(Math.sqrt);
  if (Math.max(...ses) - Math.min(...ses) <= 1e-9 * Math.max(...ses)) return null;
  const X = ses.map((se) => [1, se]);
  let fit: ModelResult;
  try {
    fit = metaAnalysis(yi, vi, options, X);
  } catch {
    return null;
  }
  return {
    stat: fit.stat[1]!,
    pval: fit.pval[1]!,
    test: fit.test,
    df: fit.df,
    limitEstimate: fit.b[0]!,
    slope: fit.b[1]!,
  };
}

export function leaveOneOut(yi: number[], vi: number[], options: ModelOptions) {
  if (yi.length < 3) return [];
  return yi.map((_, omit) => {
    const y = yi.filter((_, i) => i !== omit);
    const v = vi.filter((_, i) => i !== omit);
    const r = metaAnalysis(y, v, options);
    return {
      omitted: omit,
      estimate: r.b[0]!,
      se: r.se[0]!,
      ci_lb: r.ci_lb[0]!,
      ci_ub: r.ci_ub[0]!,
      pval: r.pval[0]!,
      tau2: r.tau2,
      I2: r.I2,
      QE: r.QE,
    };
  });
}

/**
 * Subgroups: each group pooled on its own (its own tau²), and the test for differences between
 * them, a Q statistic over the subgroup estimates with G − 1 degrees of freedom.
 */
export function subgroupAnalysis(yi: number[], vi: number[], groups: string[], options: ModelOptions) {
  const keys = [...new Set(groups)].sort();
  const fits = keys.map((key) => {
    const idx = groups.map((g, i) => (g === key ? i : -1)).filter((i) => i >= 0);
    const y = idx.map((i) => yi[i]!);
    const v = idx.map((i) => vi[i]!);
    if (y.length < 2) {
      // One study: its own estimate and confidence interval.
      const se = Math.sqrt(v[0] ?? NaN);
      const z = qnorm(0.975);
      const estimate = y[0] ?? NaN;
      return {
        key,
        k: y.length,
        estimate,
        se,
        ci_lb: estimate - z * se,
        ci_ub: estimate + z * se,
        tau2: 0,
        I2: 0,
      };
    }
    const r = metaAnalysis(y, v, options);
    return {
      key,
      k: r.k,
      estimate: r.b[0]!,
      se: r.se[0]!,
      ci_lb: r.ci_lb[0]!,
      ci_ub: r.ci_ub[0]!,
      tau2: r.tau2,
      I2: r.I2,
    };
  });
  const usable = fits.filter((f) => Number.isFinite(f.estimate) && f.se > 0);
  let Qb: number | null = null;
  let Qbp: number | null = null;
  if (usable.length >= 2) {
    const w = usable.map((f) => 1 / f.se ** 2);
    const sw = w.reduce((s, x) => s + x, 0);
    const mean = usable.reduce((s, f, i) => s + w[i]! * f.estimate, 0) / sw;
    Qb = usable.reduce((s, f, i) => s + w[i]! * (f.estimate - mean) ** 2, 0);
    Qbp = pchisqUpper(Qb, usable.length - 1);
  }
  return { groups: fits, Qb, Qbp, df: usable.length - 1 };
}

/** Dummy columns for a categorical moderator (the first level, sorted, is the reference). */
export function categoricalColumns(values: string[]): { levels: string[]; columns: number[][] } {
  const levels = [...new Set(values)].sort();
  return { levels, columns: values.map((v) => levels.slice(1).map((l) => (v === l ? 1 : 0))) };
}
