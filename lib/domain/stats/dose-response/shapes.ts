// Dose shapes for the dose–response models: the columns that a dose turns into (linear, log,
// quadratic, restricted cubic spline), named as R names them, with which columns carry the
// departure from linearity.
//
// Restricted cubic splines follow Harrell's parametrisation exactly as rms::rcs and
// Hmisc::rcspline.eval (norm = 2) build them: the dose itself, then for j = 1…k−2
//   [(x−t_j)₊³ − (x−t_{k−1})₊³ (t_k−t_j)/(t_k−t_{k−1}) + (x−t_k)₊³ (t_{k−1}−t_j)/(t_k−t_{k−1})] / (t_k−t_1)²
// so coefficients agree with dosresmeta fits that use rcs(dose, knots).
//
// Knots given as percentiles are placed with R's default quantile (type 7) of the doses the
// caller passes — every arm's dose, reference arms included — as dosresmeta's examples do with
// quantile(dose, c(.1, .5, .9)). (rms::rcs(dose, 3), with a number of knots, places them by
// another rule — outer knots at the 5th smallest and largest values below 100 observations —
// so give the percentiles or the values to match a published analysis.)

export type Shape = "linear" | "log" | "quadratic" | "rcs";

export interface ShapeSpec {
  shape: Shape;
  /** rcs: knot positions as probabilities (0.1 = 10th percentile); values above 1 are read as percentages */
  knots?: number[];
  /** rcs: knot positions as doses (take precedence over `knots`) */
  knotValues?: number[];
  /** rcs without `knots` or `knotValues`: 3 (default), 4 or 5 knots at Harrell's percentiles (DEFAULT_KNOTS) */
  knotCount?: 3 | 4 | 5;
  /**
   * log: the constant added to every dose before the logarithm. Without it, log(dose) is used
   * when every dose is above 0, and log(dose + d) with d the smallest dose above 0 otherwise
   * (a zero dose, usually the reference, then maps to log d, one "step" below the lowest
   * positive dose; the shift is in the caller's units, so the fit does not assume any).
   */
  logShift?: number;
}

export interface DoseBasis {
  shape: Shape;
  /** column names, as R labels them (dose, I(dose^2), log(dose + 1), dose', dose'', …) */
  names: string[];
  /** indices of the columns that are all 0 under a log-linear (linear) trend */
  nonlinear: number[];
  knots: number[] | null;
  logShift: number | null;
  /** the shape's columns at one dose */
  row(dose: number): number[];
}

export class ShapeProblem extends Error {}

export const DEFAULT_KNOTS: Record<3 | 4 | 5, number[]> = {
  3: [0.1, 0.5, 0.9],
  4: [0.05, 0.35, 0.65, 0.95],
  5: [0.05, 0.275, 0.5, 0.725, 0.95],
};

/** R's quantile(x, p, type = 7). */
export function quantile7(values: number[], p: number): number {
  const x = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (x.length === 0) throw new ShapeProblem("no dose to place knots on");
  const h = (x.length - 1) * p;
  const lo = Math.floor(h);
  const a = x[lo] ?? 0;
  const b = x[Math.min(lo + 1, x.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/** The spline columns of Hmisc::rcspline.eval(x, knots, inclx = TRUE) at one x. */
export function rcsRow(x: number, knots: number[]): number[] {
  const k = knots.length;
  const t1 = knots[0] ?? 0;
  const tk = knots[k - 1] ?? 0;
  const tk1 = knots[k - 2] ?? 0;
  const norm = (tk - t1) ** 2;
  const cube = (v: number) => (v > 0 ? v * v * v : 0);
  const out = [x];
  for (let j = 0; j < k - 2; j++) {
    const tj = knots[j] ?? 0;
    out.push(
      (cube(x - tj) - (cube(x - tk1) * (tk - tj)) / (tk - tk1) + (cube(x - tk) * (tk1 - tj)) / (tk - tk1)) /
        norm,
    );
  }
  return out;
}

function knotsFrom(spec: ShapeSpec, doses: number[]): number[] {
  if (spec.knotValues && spec.knotValues.length > 0) return spec.knotValues.slice().sort((a, b) => a - b);
  const probs = spec.knots && spec.knots.length > 0 ? spec.knots : DEFAULT_KNOTS[spec.knotCount ?? 3];
  const asProb = probs.some((p) => p > 1) ? probs.map((p) => p / 100) : probs;
  if (asProb.some((p) => !(p >= 0 && p <= 1)))
    throw new ShapeProblem("knot percentiles must lie between 0 and 1 (or 0 and 100)");
  return asProb
    .slice()
    .sort((a, b) => a - b)
    .map((p) => quantile7(doses, p));
}

function formatNumber(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

/**
 * The shape's basis. `doses` are the doses the knots (and the log shift) are taken from:
 * every arm of every study.
 */
export function doseBasis(spec: ShapeSpec, doses: number[]): DoseBasis {
  switch (spec.shape) {
    case "linear":
      return {
        shape: "linear",
        names: ["dose"],
        nonlinear: [],
        knots: null,
        logShift: null,
        row: (d) => [d],
      };
    case "quadratic":
      return {
        shape: "quadratic",
        names: ["dose", "I(dose^2)"],
        nonlinear: [1],
        knots: null,
        logShift: null,
        row: (d) => [d, d * d],
      };
    case "log": {
      let shift = spec.logShift;
      if (shift === undefined) {
        const positive = doses.filter((d) => d > 0);
        if (doses.some((d) => d <= 0)) {
          if (positive.length === 0) throw new ShapeProblem("a log shape needs a dose above 0");
          shift = Math.min(...positive);
        } else shift = 0;
      }
      if (doses.some((d) => !(d + shift > 0)))
        throw new ShapeProblem(`a log shape needs every dose + ${shift} above 0`);
      const s = shift;
      return {
        shape: "log",
        names: [s === 0 ? "log(dose)" : `log(dose + ${formatNumber(s)})`],
        nonlinear: [],
        knots: null,
        logShift: s,
        row: (d) => [Math.log(d + s)],
      };
    }
    case "rcs": {
      const knots = knotsFrom(spec, doses);
      if (knots.length < 3 || knots.length > 5)
        throw new ShapeProblem(`a restricted cubic spline takes 3 to 5 knots, not ${knots.length}`);
      for (let i = 1; i < knots.length; i++)
        if (!((knots[i] ?? 0) > (knots[i - 1] ?? 0)))
          throw new ShapeProblem(
            `the knots must be distinct (they fall at ${knots.map(formatNumber).join(", ")}); give other percentiles or knot values`,
          );
      return {
        shape: "rcs",
        names: ["dose", ...knots.slice(2).map((_, j) => `dose${"'".repeat(j + 1)}`)],
        nonlinear: knots.slice(2).map((_, j) => j + 1),
        knots,
        logShift: null,
        row: (d) => rcsRow(d, knots),
      };
    }
  }
}
