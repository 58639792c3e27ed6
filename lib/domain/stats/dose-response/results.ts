// What a fitted dose–response curve says: the predicted effect relative to a reference dose
// with its confidence and prediction bands, the dose of maximum effect, ED50/ED80 and the
// minimum dose whose effect differs from the reference, each with an interval.
//
// Definitions (on the model's own scale: log relative risk, mean difference, logit…; ratios are
// exp of these for log scales):
// - f(d) = (x(d) − x(ref))'β, the effect at dose d against the reference dose;
// - the confidence band is f(d) ± z·√(x'Vx) (x = x(d) − x(ref)), as dosresmeta's predict; the
//   prediction band adds the between-study variance of a new study's curve, x'Ψx (two- and
//   one-stage), or 2σ²_arm for a contrast between two new arms of one study (across arms);
// - the maximum effect is the largest |f| over the observed dose range, its direction the
//   sign of f there; the dose of maximum effect is found on a 201-point grid and refined by
//   golden-section search between the grid points around the best one (`interior` is false
//   when it lies at an end of the range, as for any monotone curve);
// - ED_p is the dose, going from the reference towards the dose of maximum effect, at which
//   the effect first reaches p × the maximum effect (grid, then bisection);
// - the minimum effective dose is the lowest dose above the reference at which the pointwise
//   confidence interval of f excludes 0 (grid, then bisection on |f| − z·se). Next to the
//   reference |f|/se tends to |slope|/se(slope), so when the slope at the reference is itself
//   significant (a significant linear trend, say) it is the reference dose: any increase differs.
//
// Intervals: parametric simulation. β* is drawn `draws` times from N(β̂, V̂) with a fixed-seed
// generator of our own (mulberry32 uniforms, Box–Muller normals), so results are reproducible;
// each quantity is recomputed on each draw's curve (for the minimum effective dose, with the
// pointwise standard errors of the fitted curve), and the interval is the draws' central
// `level` percentile range (R's quantile type 7). A draw on which a dose is not reached within
// the observed range counts as beyond it: when such draws reach an interval end, that end is
// null ("not reached within the observed doses"), and `notReached` says how many there were.
import { qnorm } from "../distributions";
import { type Matrix, type Vector, cholesky, clampEigen, dot, matVec, quadForm } from "./matrix";

export interface Curve {
  beta: Vector;
  vcov: Matrix;
  /** design vector x(d) − x(ref) of the effect at d against ref (length of beta) */
  contrast(dose: number, ref: number): Vector;
  /** between-study variance added to x'Vx for the prediction band */
  betweenVariance(x: Vector, dose: number, ref: number): number;
}

export interface Band {
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  piLower: number;
  piUpper: number;
}

export interface CurvePrediction extends Band {
  dose: number;
  /** exp of the band, for log scales (relative risks, odds ratios) */
  ratio: { estimate: number; ciLower: number; ciUpper: number; piLower: number; piUpper: number } | null;
}

export function predictCurve(curve: Curve, doses: number[], ref: number, level = 0.95, logScale = false) {
  const z = qnorm(1 - (1 - level) / 2);
  return doses.map((dose): CurvePrediction => {
    const x = curve.contrast(dose, ref);
    const estimate = dot(x, curve.beta);
    const v = Math.max(0, quadForm(curve.vcov, x));
    const se = Math.sqrt(v);
    const pse = Math.sqrt(v + Math.max(0, curve.betweenVariance(x, dose, ref)));
    const band = {
      estimate,
      se,
      ciLower: estimate - z * se,
      ciUpper: estimate + z * se,
      piLower: estimate - z * pse,
      piUpper: estimate + z * pse,
    };
    return {
      dose,
      ...band,
      ratio: logScale
        ? {
            estimate: Math.exp(band.estimate),
            ciLower: Math.exp(band.ciLower),
            ciUpper: Math.exp(band.ciUpper),
            piLower: Math.exp(band.piLower),
            piUpper: Math.exp(band.piUpper),
          }
        : null,
    };
  });
}

/** A dose with its simulation interval. */
export interface DoseEstimate {
  /** null when the fitted curve does not reach it within the observed doses */
  dose: number | null;
  lower: number | null;
  upper: number | null;
  /** draws on which the dose was not reached within the observed range */
  notReached: number;
}

export interface CurveSummary {
  reference: number;
  range: [number, number];
  /** +1 when the largest effect is an increase, −1 a decrease */
  direction: 1 | -1;
  maximum: DoseEstimate & { effect: number; interior: boolean };
  ed50: DoseEstimate;
  ed80: DoseEstimate;
  minimumEffective: DoseEstimate;
  simulation: { draws: number; seed: number; level: number; method: string };
}

/** mulberry32: a small, fast 32-bit generator, enough for reproducible simulation. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normalGenerator(seed: number): () => number {
  const u = mulberry32(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u1 = u();
    while (u1 <= 0) u1 = u();
    const r = Math.sqrt(-2 * Math.log(u1));
    const th = 2 * Math.PI * u();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
}

const GRID = 201;

interface Evaluator {
  grid: number[];
  /** contrast vectors at the grid */
  X: Vector[];
}

function golden(f: (d: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 80 && b - a > 1e-10 * Math.max(1, Math.abs(a) + Math.abs(b)); i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** The root of h between a (h < 0) and b (h ≥ 0). */
function bisect(h: (d: number) => number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  for (let i = 0; i < 100 && Math.abs(hi - lo) > 1e-10 * Math.max(1, Math.abs(lo) + Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (h(mid) >= 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

interface Quantities {
  max: number;
  maxEffect: number;
  interior: boolean;
  ed50: number | null;
  ed80: number | null;
  med: number | null;
}

function quantities(
  curve: Curve,
  ev: Evaluator,
  beta: Vector,
  ref: number,
  direction: 1 | -1,
  z: number,
  seAt: (d: number) => number,
): Quantities {
  const { grid } = ev;
  const f = (d: number) => dot(curve.contrast(d, ref), beta);
  const fg = ev.X.map((x) => dot(x, beta));
  let best = 0;
  fg.forEach((v, i) => {
    if (direction * v > direction * (fg[best] ?? 0)) best = i;
  });
  const last = grid.length - 1;
  let max = grid[best] ?? ref;
  if (best > 0 && best < last)
    max = golden((d) => direction * f(d), grid[best - 1] ?? max, grid[best + 1] ?? max);
  else if (best === 0 && last > 0) {
    const m = golden((d) => direction * f(d), grid[0] ?? max, grid[1] ?? max);
    if (direction * f(m) > direction * f(max)) max = m;
  } else if (best === last && last > 0) {
    const m = golden((d) => direction * f(d), grid[last - 1] ?? max, grid[last] ?? max);
    if (direction * f(m) > direction * f(max)) max = m;
  }
  const span = (grid[last] ?? 0) - (grid[0] ?? 0);
  const interior = max - (grid[0] ?? 0) > 1e-6 * span && (grid[last] ?? 0) - max > 1e-6 * span;
  const emax = direction * f(max);
  const ed = (p: number): number | null => {
    if (!(emax > 0)) return null;
    const target = p * emax;
    const h = (d: number) => direction * f(d) - target;
    // walk the grid from the reference towards the maximum
    const up = max >= ref;
    const idx = grid.map((_, i) => i).filter((i) => (up ? (grid[i] ?? 0) > ref : (grid[i] ?? 0) < ref));
    if (!up) idx.reverse();
    let prev = ref;
    for (const i of idx) {
      const d = grid[i] ?? 0;
      if (up ? d > max : d < max) break;
      if (h(d) >= 0) return bisect(h, prev, d);
      prev = d;
    }
    return h(max) >= 0 ? bisect(h, prev, max) : null;
  };
  const hMed = (d: number) => Math.abs(f(d)) - z * seAt(d);
  let med: number | null = null;
  let prev = ref;
  for (let i = 0; i < grid.length; i++) {
    const d = grid[i] ?? 0;
    if (d <= ref) continue;
    if (hMed(d) > 0) {
      med = hMed(prev) > 0 ? prev : bisect(hMed, prev, d);
      // |f|/se tends to a constant next to the reference, so a curve whose slope there is
      // itself significant differs from the reference at once: report the reference dose.
      const span = (grid[grid.length - 1] ?? 0) - (grid[0] ?? 0);
      if (med - ref < 1e-8 * span) med = ref;
      break;
    }
    prev = d;
  }
  return { max, maxEffect: direction * emax, interior, ed50: ed(0.5), ed80: ed(0.8), med };
}

function interval(values: (number | null)[], level: number): { lower: number | null; upper: number | null } {
  const sorted = values.map((v) => (v === null ? Infinity : v)).sort((a, b) => a - b);
  const lo = quantile7Finite(sorted, (1 - level) / 2);
  const hi = quantile7Finite(sorted, 1 - (1 - level) / 2);
  return { lower: lo, upper: hi };
}

/** quantile type 7 of sorted values that may end in +Infinity; null when it touches one. */
function quantile7Finite(sorted: number[], p: number): number | null {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Infinity;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  if (!Number.isFinite(a) || (h > lo && !Number.isFinite(b))) return null;
  return h > lo ? a + (h - lo) * (b - a) : a;
}

export interface SummaryOptions {
  level?: number;
  draws?: number;
  seed?: number;
}

/** Dose of maximum effect, ED50, ED80 and minimum effective dose, with simulation intervals. */
export function summariseCurve(
  curve: Curve,
  range: [number, number],
  ref: number,
  options: SummaryOptions = {},
): CurveSummary {
  const level = options.level ?? 0.95;
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 20240611;
  const z = qnorm(1 - (1 - level) / 2);
  const [lo, hi] = range;
  const grid = Array.from({ length: GRID }, (_, i) => lo + ((hi - lo) * i) / (GRID - 1));
  const X = grid.map((d) => curve.contrast(d, ref));
  const seAt = (d: number) => Math.sqrt(Math.max(0, quadForm(curve.vcov, curve.contrast(d, ref))));
  const ev: Evaluator = { grid, X };
  const fitted = X.map((x) => dot(x, curve.beta));
  let bestAbs = 0;
  fitted.forEach((v, i) => {
    if (Math.abs(v) > Math.abs(fitted[bestAbs] ?? 0)) bestAbs = i;
  });
  const direction: 1 | -1 = (fitted[bestAbs] ?? 0) < 0 ? -1 : 1;
  const point = quantities(curve, ev, curve.beta, ref, direction, z, seAt);
  const sims: Quantities[] = [];
  const p = curve.beta.length;
  const L = cholesky(curve.vcov) ?? cholesky(clampEigen(curve.vcov, 1e-14)) ?? null;
  if (L && draws > 0) {
    const normal = normalGenerator(seed);
    for (let s = 0; s < draws; s++) {
      const e = Array.from({ length: p }, () => normal());
      const b = matVec(L, e).map((v, i) => v + (curve.beta[i] ?? 0));
      sims.push(quantities(curve, ev, b, ref, direction, z, seAt));
    }
  }
  const estimate = (pick: (q: Quantities) => number | null, pointValue: number | null): DoseEstimate => {
    const values = sims.map(pick);
    return {
      dose: pointValue,
      ...interval(values, level),
      notReached: values.filter((v) => v === null).length,
    };
  };
  return {
    reference: ref,
    range,
    direction,
    maximum: { ...estimate((q) => q.max, point.max), effect: point.maxEffect, interior: point.interior },
    ed50: estimate((q) => q.ed50, point.ed50),
    ed80: estimate((q) => q.ed80, point.ed80),
    minimumEffective: estimate((q) => q.med, point.med),
    simulation: {
      draws: sims.length,
      seed,
      level,
      method: "parametric simulation of the coefficients from N(b, vcov); percentile intervals",
    },
  };
}
