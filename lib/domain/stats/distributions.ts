// Normal, Student t, chi-squared and F distributions to double precision, for confidence
// intervals and tests: log-gamma (Lanczos), the regularized incomplete gamma and beta functions
// (series and continued fractions, as in Numerical Recipes), and quantiles by safeguarded Newton
// steps or bisection on the distribution functions.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-16;
const TINY = 1e-300;

/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  return 1 - gammaQcf(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) by Lentz's continued fraction (x ≥ a + 1). */
function gammaQcf(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaP(a, x) : gammaQcf(a, x);
}

/** Regularized incomplete beta I_x(a, b). */
export function betaI(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betacf(x, a, b)) / a;
  return 1 - (front * betacf(1 - x, b, a)) / b;
}

function betacf(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

export function pnorm(z: number): number {
  if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
  const q = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z < 0 ? q : 1 - q;
}

export const dnorm = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** Finds x in [lo, hi] with f(x) = target for an increasing f, by bisection to full precision. */
function invert(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-15 * Math.max(1, Math.abs(mid))) break;
  }
  return (lo + hi) / 2;
}

export function qnorm(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  // Newton steps from a logistic start, kept inside a bracket; bisection if they stray.
  let x = Math.log(p / (1 - p)) * 0.6;
  for (let i = 0; i < 50; i++) {
    const step = (pnorm(x) - p) / dnorm(x);
    if (!Number.isFinite(step)) break;
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) return x;
  }
  return invert(pnorm, p, -40, 40);
}

export function pt(t: number, df: number): number {
  if (!Number.isFinite(df)) return pnorm(t);
  const x = df / (df + t * t);
  const tail = 0.5 * betaI(x, df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

export function qt(p: number, df: number): number {
  if (!Number.isFinite(df)) return qnorm(p);
  if (p === 0.5) return 0;
  const bound = 1e6;
  return invert((t) => pt(t, df), p, -bound, bound);
}

export function pchisq(x: number, df: number): number {
  return x <= 0 ? 0 : gammaP(df / 2, x / 2);
}

/** Upper tail of chi-squared, accurate for small p-values. */
export function pchisqUpper(x: number, df: number): number {
  return x <= 0 ? 1 : gammaQ(df / 2, x / 2);
}

export function qchisq(p: number, df: number): number {
  let hi = Math.max(1, df);
  while (pchisq(hi, df) < p) hi *= 2;
  return invert((x) => pchisq(x, df), p, 0, hi);
}

/** Upper tail of F(d1, d2). */
export function pfUpper(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  return betaI(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/** Two-sided p-value of a z or t statistic, computed from the upper tail so that small values keep their precision. */
export function twoSided(stat: number, df = Infinity): number {
  if (!Number.isFinite(stat)) return Number.isNaN(stat) ? NaN : 0;
  if (!Number.isFinite(df)) return gammaQ(0.5, (stat * stat) / 2);
  return betaI(df / (df + stat * stat), df / 2, 0.5);
}
