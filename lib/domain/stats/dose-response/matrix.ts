// Small dense matrices (a few rows and columns: one study's arms, a handful of spline
// coefficients) for the dose–response models, as plain arrays of rows.
//
// Everything here is O(n³) in the size of one matrix; the models call it on per-study pieces,
// never on a matrix over all studies, so the cost grows linearly with the number of studies.

export type Matrix = number[][];
export type Vector = number[];

export function zeros(rows: number, cols = rows): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function identity(n: number): Matrix {
  const m = zeros(n);
  for (let i = 0; i < n; i++) set(m, i, i, 1);
  return m;
}

/** m[i][j], 0 where the entry does not exist (the callers keep shapes consistent). */
export function at(m: Matrix, i: number, j: number): number {
  return m[i]?.[j] ?? 0;
}

export function set(m: Matrix, i: number, j: number, v: number): void {
  const row = m[i];
  if (row) row[j] = v;
}

function vat(v: Vector, i: number): number {
  return v[i] ?? 0;
}

export function rows(m: Matrix): number {
  return m.length;
}

export function cols(m: Matrix): number {
  return m[0]?.length ?? 0;
}

export function clone(m: Matrix): Matrix {
  return m.map((r) => r.slice());
}

export function transpose(m: Matrix): Matrix {
  const r = rows(m);
  const c = cols(m);
  const t = zeros(c, r);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) set(t, j, i, at(m, i, j));
  return t;
}

export function add(a: Matrix, b: Matrix): Matrix {
  return a.map((row, i) => row.map((v, j) => v + at(b, i, j)));
}

export function sub(a: Matrix, b: Matrix): Matrix {
  return a.map((row, i) => row.map((v, j) => v - at(b, i, j)));
}

export function scale(a: Matrix, s: number): Matrix {
  return a.map((row) => row.map((v) => v * s));
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const n = rows(a);
  const k = cols(a);
  const m = cols(b);
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const ai = a[i] ?? [];
    const oi = out[i] ?? [];
    for (let l = 0; l < k; l++) {
      const v = ai[l] ?? 0;
      if (v === 0) continue;
      const bl = b[l] ?? [];
      for (let j = 0; j < m; j++) oi[j] = (oi[j] ?? 0) + v * (bl[j] ?? 0);
    }
  }
  return out;
}

export function matVec(a: Matrix, x: Vector): Vector {
  return a.map((row) => row.reduce((s, v, j) => s + v * vat(x, j), 0));
}

/** a'x */
export function tMatVec(a: Matrix, x: Vector): Vector {
  const out = new Array<number>(cols(a)).fill(0);
  a.forEach((row, i) => {
    const xi = vat(x, i);
    row.forEach((v, j) => (out[j] = vat(out, j) + v * xi));
  });
  return out;
}

export function dot(a: Vector, b: Vector): number {
  return a.reduce((s, v, i) => s + v * vat(b, i), 0);
}

/** x'Ax */
export function quadForm(a: Matrix, x: Vector): number {
  return dot(x, matVec(a, x));
}

/** a'b */
export function crossprod(a: Matrix, b: Matrix = a): Matrix {
  return multiply(transpose(a), b);
}

/** a b a' (a congruence: the covariance of a x when x has covariance b) */
export function sandwich(a: Matrix, b: Matrix): Matrix {
  return multiply(multiply(a, b), transpose(a));
}

export function trace(m: Matrix): number {
  return m.reduce((s, row, i) => s + (row[i] ?? 0), 0);
}

/** tr(ab) without forming the product. */
export function traceProduct(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] ?? [];
    for (let j = 0; j < ai.length; j++) s += (ai[j] ?? 0) * at(b, j, i);
  }
  return s;
}

export function symmetrize(m: Matrix): Matrix {
  return m.map((row, i) => row.map((v, j) => (v + at(m, j, i)) / 2));
}

export function diag(values: Vector): Matrix {
  const m = zeros(values.length);
  values.forEach((v, i) => set(m, i, i, v));
  return m;
}

export function diagonal(m: Matrix): Vector {
  return m.map((row, i) => row[i] ?? 0);
}

export function outer(a: Vector, b: Vector = a): Matrix {
  return a.map((x) => b.map((y) => x * y));
}

/**
 * Lower-triangular L with LL' = m, or null when m is not (numerically) positive definite.
 */
export function cholesky(m: Matrix): Matrix | null {
  const n = rows(m);
  const L = zeros(n);
  for (let j = 0; j < n; j++) {
    let d = at(m, j, j);
    for (let k = 0; k < j; k++) d -= at(L, j, k) ** 2;
    if (!(d > 0) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    set(L, j, j, ljj);
    for (let i = j + 1; i < n; i++) {
      let s = at(m, i, j);
      for (let k = 0; k < j; k++) s -= at(L, i, k) * at(L, j, k);
      set(L, i, j, s / ljj);
    }
  }
  return L;
}

/** Solves Lx = b for lower-triangular L. */
export function forwardSolve(L: Matrix, b: Vector): Vector {
  const n = rows(L);
  const x = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = vat(b, i);
    for (let k = 0; k < i; k++) s -= at(L, i, k) * vat(x, k);
    x[i] = s / at(L, i, i);
  }
  return x;
}

/** Solves L'x = b for lower-triangular L. */
export function backSolveT(L: Matrix, b: Vector): Vector {
  const n = rows(L);
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = vat(b, i);
    for (let k = i + 1; k < n; k++) s -= at(L, k, i) * vat(x, k);
    x[i] = s / at(L, i, i);
  }
  return x;
}

/** Solves (LL')x = b. */
export function cholSolve(L: Matrix, b: Vector): Vector {
  return backSolveT(L, forwardSolve(L, b));
}

/** (LL')⁻¹ from the Cholesky factor. */
export function cholInverse(L: Matrix): Matrix {
  const n = rows(L);
  const inv = zeros(n);
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = cholSolve(L, e);
    for (let i = 0; i < n; i++) set(inv, i, j, vat(col, i));
  }
  return symmetrize(inv);
}

/** log det(LL') from the Cholesky factor. */
export function cholLogDet(L: Matrix): number {
  let s = 0;
  for (let i = 0; i < rows(L); i++) s += Math.log(at(L, i, i));
  return 2 * s;
}

export class SingularMatrixError extends Error {}

/** LU decomposition with partial pivoting, for square matrices that need not be symmetric. */
function lu(m: Matrix): { a: Matrix; perm: number[]; sign: number } {
  const n = rows(m);
  const a = clone(m);
  const perm = Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  const scaleMax = Math.max(1e-300, ...a.flat().map(Math.abs));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(at(a, r, c)) > Math.abs(at(a, p, c))) p = r;
    if (Math.abs(at(a, p, c)) <= 1e-14 * scaleMax) throw new SingularMatrixError("the matrix is singular");
    if (p !== c) {
      const tmp = a[c] ?? [];
      a[c] = a[p] ?? [];
      a[p] = tmp;
      const tp = perm[c] ?? c;
      perm[c] = perm[p] ?? p;
      perm[p] = tp;
      sign = -sign;
    }
    const pv = at(a, c, c);
    for (let r = c + 1; r < n; r++) {
      const f = at(a, r, c) / pv;
      set(a, r, c, f);
      if (f === 0) continue;
      for (let j = c + 1; j < n; j++) set(a, r, j, at(a, r, j) - f * at(a, c, j));
    }
  }
  return { a, perm, sign };
}

/** Solves mx = b (m square, not necessarily symmetric). */
export function solve(m: Matrix, b: Vector): Vector {
  const { a, perm } = lu(m);
  const n = rows(m);
  const y = perm.map((p) => vat(b, p));
  for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) y[i] = vat(y, i) - at(a, i, k) * vat(y, k);
  for (let i = n - 1; i >= 0; i--) {
    let s = vat(y, i);
    for (let k = i + 1; k < n; k++) s -= at(a, i, k) * vat(y, k);
    y[i] = s / at(a, i, i);
  }
  return y;
}

/** m⁻¹: by Cholesky when m is symmetric positive definite, else by LU. */
export function inverse(m: Matrix): Matrix {
  const L = isSymmetric(m) ? cholesky(m) : null;
  if (L) return cholInverse(L);
  const n = rows(m);
  const inv = zeros(n);
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = solve(m, e);
    for (let i = 0; i < n; i++) set(inv, i, j, vat(col, i));
  }
  return inv;
}

export function determinant(m: Matrix): number {
  if (rows(m) === 0) return 1;
  try {
    const { a, sign } = lu(m);
    return diagonal(a).reduce((p, v) => p * v, sign);
  } catch (e) {
    if (e instanceof SingularMatrixError) return 0;
    throw e;
  }
}

/** log |det m|, through Cholesky for positive definite m. */
export function logDet(m: Matrix): number {
  const L = isSymmetric(m) ? cholesky(m) : null;
  if (L) return cholLogDet(L);
  const { a } = lu(m);
  return diagonal(a).reduce((s, v) => s + Math.log(Math.abs(v)), 0);
}

export function isSymmetric(m: Matrix, tol = 1e-12): boolean {
  const n = rows(m);
  if (cols(m) !== n) return false;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const a = at(m, i, j);
      const b = at(m, j, i);
      if (Math.abs(a - b) > tol * Math.max(1, Math.abs(a), Math.abs(b))) return false;
    }
  return true;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations (columns of
 * `vectors` are the eigenvectors), for the small between-study covariance matrices.
 */
export function symmetricEigen(m: Matrix): { values: Vector; vectors: Matrix } {
  const n = rows(m);
  const a = symmetrize(m);
  const v = identity(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += at(a, i, j) ** 2;
    if (
      off <
      1e-30 *
        Math.max(
          1e-300,
          a.flat().reduce((s, x) => s + x * x, 0),
        )
    )
      break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = at(a, p, q);
        if (apq === 0) continue;
        const theta = (at(a, q, q) - at(a, p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = at(a, k, p);
          const akq = at(a, k, q);
          set(a, k, p, c * akp - s * akq);
          set(a, k, q, s * akp + c * akq);
        }
        for (let k = 0; k < n; k++) {
          const apk = at(a, p, k);
          const aqk = at(a, q, k);
          set(a, p, k, c * apk - s * aqk);
          set(a, q, k, s * apk + c * aqk);
        }
        for (let k = 0; k < n; k++) {
          const vkp = at(v, k, p);
          const vkq = at(v, k, q);
          set(v, k, p, c * vkp - s * vkq);
          set(v, k, q, s * vkp + c * vkq);
        }
      }
  }
  return { values: diagonal(a), vectors: v };
}

/** The nearest positive semi-definite matrix: negative eigenvalues set to `floor`. */
export function clampEigen(m: Matrix, floor: number): Matrix {
  const { values, vectors } = symmetricEigen(m);
  if (values.every((x) => x >= floor)) return symmetrize(m);
  const d = values.map((x) => Math.max(x, floor));
  return symmetrize(multiply(multiply(vectors, diag(d)), transpose(vectors)));
}

/** The lower triangle (with the diagonal) by columns, as R's vechMat. */
export function vech(m: Matrix): Vector {
  const n = rows(m);
  const out: number[] = [];
  for (let j = 0; j < n; j++) for (let i = j; i < n; i++) out.push(at(m, i, j));
  return out;
}

/** The symmetric matrix whose lower triangle by columns is v (R's xpndMat). */
export function unvech(v: Vector, n: number): Matrix {
  const m = zeros(n);
  let k = 0;
  for (let j = 0; j < n; j++)
    for (let i = j; i < n; i++) {
      const x = vat(v, k++);
      set(m, i, j, x);
      set(m, j, i, x);
    }
  return m;
}
