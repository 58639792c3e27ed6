// Within-study covariance of the contrasts that a dose–response study reports against its
// reference arm, as dosresmeta reconstructs it: Greenland & Longnecker's (1992) pseudo-counts
// for log relative risks (dosresmeta::grl and covar.logrr) and the covariance of mean
// differences and standardised mean differences (dosresmeta::covar.smd).
//
// Contrasts that share a reference arm are correlated, so treating them as independent biases
// the trend (Greenland & Longnecker 1992; Orsini et al. 2012).
import { type Matrix, solve, zeros, set } from "./matrix";

/** cc: case-control (odds ratios); ci: cumulative incidence (risk ratios); ir: incidence rate. */
export type LogRRDesign = "cc" | "ci" | "ir";

/** One exposure level of a study reporting relative risks. */
export interface LogRRArm {
  dose: number;
  /** log relative risk against the reference level (0 for the reference itself) */
  logrr: number;
  /** its standard error; null (or 0) marks the reference level */
  se: number | null;
  /** cases in the level */
  cases: number;
  /** subjects (cc: cases + controls; ci: people at risk) or person-time (ir) in the level */
  n: number;
}

export class CovarianceProblem extends Error {}

function isReference(arm: LogRRArm): boolean {
  return arm.se === null || arm.se === 0;
}

/** The index of the single reference level, or an error naming the problem. */
export function referenceIndex(arms: LogRRArm[]): number {
  const refs = arms.map((a, i) => (isReference(a) ? i : -1)).filter((i) => i >= 0);
  if (refs.length !== 1)
    throw new CovarianceProblem(
      refs.length === 0
        ? "no reference level (a row with an empty or zero se)"
        : `${refs.length} reference levels (rows with an empty or zero se); a study has one`,
    );
  return refs[0] ?? 0;
}

/**
 * Greenland & Longnecker's pseudo-counts: cases A_x in each level such that the crude
 * (pseudo) contrasts equal the reported adjusted ones while the totals of cases and of
 * subjects (or person-time) stay those reported. Newton's iterations exactly as
 * dosresmeta::grl runs them (the reference's curvature term lags one step behind, and the loop
 * stops once the squared change falls below `tol`), so the result is the one R gives.
 */
export function glPseudoCases(arms: LogRRArm[], design: LogRRDesign, tol = 1e-5): number[] {
  const r = referenceIndex(arms);
  const others = arms.map((_, i) => i).filter((i) => i !== r);
  const totalCases = arms.reduce((s, a) => s + a.cases, 0);
  const n = arms.map((a) => a.n);
  const y = arms.map((a) => a.logrr);
  let ax = arms.map((a) => a.cases);
  for (let iter = 0; iter < 1000; iter++) {
    const a0 = totalCases - others.reduce((s, i) => s + (ax[i] ?? 0), 0);
    const cx = ax.map((a, i) => (design === "ir" ? 1 / a : 1 / a + 1 / ((n[i] ?? 0) - a)));
    const n0 = n[r] ?? 0;
    const e = others.map((i) => {
      const a = ax[i] ?? 0;
      const ni = n[i] ?? 0;
      const yi = y[i] ?? 0;
      return design === "ir"
        ? yi + Math.log(a0) + Math.log(ni) - Math.log(a) - Math.log(n0)
        : yi + Math.log(a0) + Math.log(ni - a) - Math.log(a) - Math.log(n0 - a0);
    });
    const c0 = cx[r] ?? 0;
    const H = zeros(others.length);
    others.forEach((i, a) => others.forEach((_, b) => set(H, a, b, a === b ? (cx[i] ?? 0) + c0 : c0)));
    if (e.some((v) => !Number.isFinite(v)) || cx.some((v) => !Number.isFinite(v)))
      throw new CovarianceProblem(
        "the pseudo-counts left the range of the reported counts (check cases and n, or the type)",
      );
    const step = solve(H, e);
    const next = ax.slice();
    next[r] = a0;
    others.forEach((i, a) => (next[i] = (ax[i] ?? 0) + (step[a] ?? 0)));
    const delta = others.reduce((s, i) => s + ((next[i] ?? 0) - (ax[i] ?? 0)) ** 2, 0);
    ax = next;
    if (delta < tol) {
      if (ax.some((a, i) => !(a > 0) || (design !== "ir" && !(a < (n[i] ?? 0)))))
        throw new CovarianceProblem(
          "the pseudo-counts fall outside 0 and n (check cases and n, or the type)",
        );
      return ax;
    }
  }
  throw new CovarianceProblem("Greenland & Longnecker's pseudo-counts did not converge");
}

/**
 * Covariance of the non-reference log relative risks (in the order of the arms, the reference
 * left out), as dosresmeta::covar.logrr with covariance = "gl": the correlations come from the
 * pseudo-counts, the variances are the reported ones.
 */
export function covarLogRR(arms: LogRRArm[], design: LogRRDesign): Matrix {
  const r = referenceIndex(arms);
  const A = glPseudoCases(arms, design);
  const term = (i: number) => {
    const a = A[i] ?? 0;
    const n = arms[i]?.n ?? 0;
    if (design === "cc") return 1 / a + 1 / (n - a);
    if (design === "ir") return 1 / a;
    return 1 / a - 1 / n;
  };
  const s0 = term(r);
  const others = arms.map((_, i) => i).filter((i) => i !== r);
  const si = others.map((i) => s0 + term(i));
  const sd = others.map((i) => arms[i]?.se ?? 0);
  return others.map((_, a) =>
    others.map((__, b) => {
      const corr = a === b ? 1 : s0 / Math.sqrt((si[a] ?? 0) * (si[b] ?? 0));
      return (sd[a] ?? 0) * (sd[b] ?? 0) * corr;
    }),
  );
}

/** One arm of a study with a continuous outcome. */
export interface ContinuousArm {
  dose: number;
  /** mean outcome */
  y: number;
  sd: number;
  n: number;
}

export type SmdMethod = "cohens" | "hedges" | "glass";

/**
 * Mean differences (md) or standardised mean differences (smd) of every arm against the
 * first (the reference), with their covariance, as dosresmeta::covar.smd: the diagonal of the
 * md covariance uses the pooled SD, its off-diagonal the reference arm's variance of the mean.
 */
export function covarContinuous(
  arms: ContinuousArm[],
  measure: "md" | "smd",
  method: SmdMethod = "cohens",
): { y: number[]; S: Matrix } {
  const [ref, ...rest] = arms;
  if (!ref || rest.length === 0) throw new CovarianceProblem("a study needs a reference arm and one more");
  const df = arms.reduce((s, a) => s + (a.n - 1), 0);
  const sdPooled = Math.sqrt(arms.reduce((s, a) => s + (a.n - 1) * a.sd * a.sd, 0) / df);
  const diff = rest.map((a) => a.y - ref.y);
  if (measure === "md") {
    const off = (ref.sd * ref.sd) / ref.n;
    const v = rest.map((a) => (sdPooled * sdPooled * (a.n + ref.n)) / (a.n * ref.n));
    return { y: diff, S: rest.map((_, i) => rest.map((__, j) => (i === j ? (v[i] ?? 0) : off))) };
  }
  const total = arms.reduce((s, a) => s + a.n, 0);
  let y: number[];
  let denom: number;
  if (method === "hedges") {
    y = diff.map((d) => (d / sdPooled) * (1 - 3 / (4 * total - 9)));
    denom = 2 * (total - 3.94);
  } else if (method === "glass") {
    y = diff.map((d) => d / ref.sd);
    denom = 2 * (ref.n - 1);
  } else {
    y = diff.map((d) => d / sdPooled);
    denom = 2 * total;
  }
  const S = rest.map((a, i) =>
    rest.map((__, j) => {
      const base = 1 / ref.n + ((y[i] ?? 0) * (y[j] ?? 0)) / denom;
      return i === j ? base + 1 / a.n : base;
    }),
  );
  return { y, S };
}
