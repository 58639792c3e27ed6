// (Restricted) maximum likelihood for the linear mixed models behind every dose–response fit
// here: independent blocks (one per study) y_i ~ N(X_i β, V_i) with
//   V_i = S_i + Σ_c θ_c G_ic,
// S_i known (the within-study covariance) and V_i linear in the variance parameters θ: the
// elements of an unstructured between-study covariance Ψ (G_ic = Z_i E_c Z_i'), or separate
// variance components (metafor's σ² of ~ 1 | study/arm).
//
// Every sum runs over the blocks with per-block n_i × n_i and p × p pieces (the Fisher
// information of REML included, through tr(PG_cPG_d) = Σ tr(WG_cWG_d) − 2 tr(A C_cd) +
// tr(AB_cAB_d)), so nothing costs more than linear time in the number of studies.
//
// The maximiser runs, from each of several starts, Fisher scoring on θ (steps halved until the
// likelihood increases, projected back onto Ψ ⪰ 0 or θ ≥ 0), which is what mixmeta's RIGLS start
// amounts to; then BFGS and a few safeguarded Newton steps on the Cholesky factor of Ψ (or √θ),
// which keep Ψ positive semi-definite and reach a maximum on the boundary too. It keeps the best
// maximum. Parameters are scaled by the caller so that Ψ is of order one.
import {
  type Matrix,
  type Vector,
  at,
  cholesky,
  cholInverse,
  cholLogDet,
  clampEigen,
  cols,
  diag,
  dot,
  matVec,
  multiply,
  set,
  symmetricEigen,
  tMatVec,
  transpose,
  unvech,
  vech,
  zeros,
} from "./matrix";

export type Estimation = "reml" | "ml" | "fixed";

export interface Block {
  y: Vector;
  X: Matrix;
  S: Matrix;
  /**
   * ∂V/∂θ_c for each variance parameter; with Z given, ∂Ψ/∂θ_c instead (q × q), so that
   * V = S + Z (Σ θ_c G_c) Z' and the sums run on q × q pieces (K = Z'WZ) rather than n × n.
   */
  G: Matrix[];
  /** n × q design of the random effects (unstructured Ψ) */
  Z?: Matrix;
}

export type Structure = { kind: "unstructured"; q: number } | { kind: "components"; count: number };

export interface LikelihoodOptions {
  method: Estimation;
  /**
   * Add ½ log|Σ X_i'X_i| to the REML log-likelihood: mixmeta (dosresmeta's second stage) and
   * metafor (REMLf = TRUE) do, dosresmeta's one-stage likelihood does not. It changes the
   * reported value only, not the estimates.
   */
  remlXtX: boolean;
}

export interface Evaluation {
  loglik: number;
  beta: Vector;
  /** (Σ X'WX)⁻¹, the covariance of β̂ */
  vcov: Matrix;
  score: Vector;
  info: Matrix;
}

const LOG2PI = Math.log(2 * Math.PI);

function vAt(v: Vector, i: number): number {
  return v[i] ?? 0;
}

// Flat row-major copies of the blocks' matrices, made once: evaluate() runs hundreds of times
// per fit over every block, and nested arrays cost more to walk than the arithmetic.
const flatCache = new WeakMap<Matrix, Float64Array>();
function flat(m: Matrix): Float64Array {
  let f = flatCache.get(m);
  if (!f) {
    const r = m.length;
    const c = m[0]?.length ?? 0;
    f = new Float64Array(r * c);
    for (let i = 0; i < r; i++) {
      const row = m[i] ?? [];
      for (let j = 0; j < c; j++) f[i * c + j] = row[j] ?? 0;
    }
    flatCache.set(m, f);
  }
  return f;
}
const xtxCache = new WeakMap<Block[], number | null>();
interface Entries {
  i: Int32Array;
  j: Int32Array;
  v: Float64Array;
}
const entryCache = new WeakMap<Matrix, Entries>();
/** The non-zero entries of a derivative matrix G (few for Ψ's elements in the two-stage model). */
function entries(G: Matrix): Entries {
  let e = entryCache.get(G);
  if (!e) {
    const is: number[] = [];
    const js: number[] = [];
    const vs: number[] = [];
    G.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== 0) {
          is.push(i);
          js.push(j);
          vs.push(v);
        }
      }),
    );
    e = { i: Int32Array.from(is), j: Int32Array.from(js), v: Float64Array.from(vs) };
    entryCache.set(G, e);
  }
  return e;
}

/** log|Σ X_i'X_i|, or null when singular. */
function logDetXtX(blocks: Block[], p: number): number | null {
  if (xtxCache.has(blocks)) return xtxCache.get(blocks) ?? null;
  const XtX = zeros(p);
  for (const b of blocks)
    for (const row of b.X)
      for (let a = 0; a < p; a++)
        for (let c = 0; c < p; c++) set(XtX, a, c, at(XtX, a, c) + (row[a] ?? 0) * (row[c] ?? 0));
  const L = cholesky(XtX);
  const v = L ? cholLogDet(L) : null;
  xtxCache.set(blocks, v);
  return v;
}

/** In-place Cholesky of the n × n row-major V (lower triangle); false when not positive definite. */
function cholFlat(V: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = V[j * n + j] ?? 0;
    for (let k = 0; k < j; k++) d -= (V[j * n + k] ?? 0) ** 2;
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    V[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = V[i * n + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (V[i * n + k] ?? 0) * (V[j * n + k] ?? 0);
      V[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** (LL')⁻¹ from the lower triangle of L (row-major). */
function cholInverseFlat(L: Float64Array, n: number): Float64Array {
  // Linv, lower triangular
  const Li = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    Li[i * n + i] = 1 / (L[i * n + i] ?? 1);
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s += (L[i * n + k] ?? 0) * (Li[k * n + j] ?? 0);
      Li[i * n + j] = -s / (L[i * n + i] ?? 1);
    }
  }
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += (Li[k * n + i] ?? 0) * (Li[k * n + j] ?? 0);
      W[i * n + j] = s;
      W[j * n + i] = s;
    }
  return W;
}

/** Log-likelihood at θ, with β profiled out; null when some V_i is not positive definite. */
export function evaluate(
  blocks: Block[],
  theta: Vector,
  options: LikelihoodOptions,
  /** true: score and Fisher information; "score": the score only (info left 0); false: neither */
  derivatives: boolean | "score" = true,
): Evaluation | null {
  const p = cols(blocks[0]?.X ?? []);
  const C = theta.length;
  const reml = options.method === "reml";
  const wantScore = derivatives !== false && C > 0;
  const wantInfo = derivatives === true && C > 0;
  let N = 0;
  let logDetV = 0;
  const XtWX = new Float64Array(p * p);
  const XtWy = new Float64Array(p);
  const Ws: Float64Array[] = [];
  const WXs: Float64Array[] = [];
  for (const b of blocks) {
    const n = b.y.length;
    N += n;
    const V = new Float64Array(flat(b.S));
    if (b.Z) {
      // V += Z P Z' with P = Σ θ_c G_c
      const q = b.Z[0]?.length ?? 0;
      const P = new Float64Array(q * q);
      for (let c = 0; c < C; c++) {
        const t = theta[c] ?? 0;
        if (t === 0) continue;
        const G = flat(b.G[c] ?? []);
        for (let i = 0; i < q * q; i++) P[i] = (P[i] ?? 0) + t * (G[i] ?? 0);
      }
      const Z = flat(b.Z);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let a = 0; a < q; a++) {
            const za = Z[i * q + a] ?? 0;
            if (za === 0) continue;
            for (let d = 0; d < q; d++) s += za * (P[a * q + d] ?? 0) * (Z[j * q + d] ?? 0);
          }
          V[i * n + j] = (V[i * n + j] ?? 0) + s;
        }
    } else
      for (let c = 0; c < C; c++) {
        const t = theta[c] ?? 0;
        if (t === 0) continue;
        const G = flat(b.G[c] ?? []);
        for (let i = 0; i < n * n; i++) V[i] = (V[i] ?? 0) + t * (G[i] ?? 0);
      }
    if (!cholFlat(V, n)) return null;
    for (let i = 0; i < n; i++) logDetV += 2 * Math.log(V[i * n + i] ?? 1);
    const W = cholInverseFlat(V, n);
    const X = flat(b.X);
    const WX = new Float64Array(n * p);
    for (let i = 0; i < n; i++)
      for (let a = 0; a < p; a++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += (W[i * n + k] ?? 0) * (X[k * p + a] ?? 0);
        WX[i * p + a] = s;
      }
    for (let a = 0; a < p; a++) {
      let sy = 0;
      for (let i = 0; i < n; i++) sy += (WX[i * p + a] ?? 0) * (b.y[i] ?? 0);
      XtWy[a] = (XtWy[a] ?? 0) + sy;
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (X[i * p + a] ?? 0) * (WX[i * p + c] ?? 0);
        XtWX[a * p + c] = (XtWX[a * p + c] ?? 0) + s;
      }
    }
    Ws.push(W);
    WXs.push(WX);
  }
  if (!cholFlat(XtWX, p)) return null;
  let logDetXtWX = 0;
  for (let i = 0; i < p; i++) logDetXtWX += 2 * Math.log(XtWX[i * p + i] ?? 1);
  const Af = cholInverseFlat(XtWX, p);
  const beta: number[] = [];
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let c = 0; c < p; c++) s += (Af[a * p + c] ?? 0) * (XtWy[c] ?? 0);
    beta.push(s);
  }
  let quad = 0;
  const u = new Float64Array(C);
  const t = new Float64Array(C);
  const B = Array.from({ length: C }, () => new Float64Array(p * p));
  const TT = new Float64Array(C * C);
  const CC = new Float64Array(C * C);
  blocks.forEach((b, k) => {
    const n = b.y.length;
    const W = Ws[k] ?? new Float64Array(0);
    const WX = WXs[k] ?? new Float64Array(0);
    const X = flat(b.X);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b.y[i] ?? 0;
      for (let a = 0; a < p; a++) s -= (X[i * p + a] ?? 0) * (beta[a] ?? 0);
      r[i] = s;
    }
    const Wr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (W[i * n + j] ?? 0) * (r[j] ?? 0);
      Wr[i] = s;
      quad += (r[i] ?? 0) * s;
    }
    if (!wantScore) return;
    // In the random effects' own space when Z is given: W → K = Z'WZ, Wr → Z'Wr, WX → Z'WX.
    let m = n;
    let Wm = W;
    let wr = Wr;
    let WXm = WX;
    if (b.Z) {
      const q = b.Z[0]?.length ?? 0;
      const Z = flat(b.Z);
      const WZ = new Float64Array(n * q);
      for (let i = 0; i < n; i++)
        for (let a = 0; a < q; a++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += (W[i * n + j] ?? 0) * (Z[j * q + a] ?? 0);
          WZ[i * q + a] = s;
        }
      const K = new Float64Array(q * q);
      const zr = new Float64Array(q);
      const H = new Float64Array(q * p);
      for (let a = 0; a < q; a++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (Z[i * q + a] ?? 0) * (Wr[i] ?? 0);
        zr[a] = s;
        for (let d = 0; d < q; d++) {
          let v = 0;
          for (let i = 0; i < n; i++) v += (Z[i * q + a] ?? 0) * (WZ[i * q + d] ?? 0);
          K[a * q + d] = v;
        }
        for (let e = 0; e < p; e++) {
          let v = 0;
          for (let i = 0; i < n; i++) v += (WZ[i * q + a] ?? 0) * (X[i * p + e] ?? 0);
          H[a * p + e] = v;
        }
      }
      m = q;
      Wm = K;
      wr = zr;
      WXm = H;
    }
    // With G_c's entries (i, j, v): u_c = Σ v Wr_i Wr_j, tr(W G_c) = Σ v W_ji,
    // B_c = WX' G_c WX = Σ v WX_i' WX_j, tr(W G_c W G_d) = Σ Σ v w W_jk W_li and
    // tr(A M_c' W M_d) = Σ Σ v w W_ik Q_lj with M_c = G_c WX and Q = WX A WX'.
    const E = b.G.map(entries);
    for (let c = 0; c < C; c++) {
      const e = E[c];
      if (!e) continue;
      const Bc = B[c] ?? new Float64Array(p * p);
      let uc = 0;
      let tc = 0;
      for (let z = 0; z < e.v.length; z++) {
        const i = e.i[z] ?? 0;
        const j = e.j[z] ?? 0;
        const v = e.v[z] ?? 0;
        uc += v * (wr[i] ?? 0) * (wr[j] ?? 0);
        tc += v * (Wm[j * m + i] ?? 0);
        for (let a = 0; a < p; a++) {
          const x = v * (WXm[i * p + a] ?? 0);
          if (x === 0) continue;
          for (let d = 0; d < p; d++) Bc[a * p + d] = (Bc[a * p + d] ?? 0) + x * (WXm[j * p + d] ?? 0);
        }
      }
      u[c] = (u[c] ?? 0) + uc;
      t[c] = (t[c] ?? 0) + tc;
    }
    if (!wantInfo) return;
    let Q: Float64Array | null = null;
    if (reml) {
      const WXA = new Float64Array(m * p);
      for (let i = 0; i < m; i++)
        for (let a = 0; a < p; a++) {
          let s = 0;
          for (let e = 0; e < p; e++) s += (WXm[i * p + e] ?? 0) * (Af[e * p + a] ?? 0);
          WXA[i * p + a] = s;
        }
      Q = new Float64Array(m * m);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let a = 0; a < p; a++) s += (WXA[i * p + a] ?? 0) * (WXm[j * p + a] ?? 0);
          Q[i * m + j] = s;
        }
    }
    for (let c = 0; c < C; c++) {
      const ec = E[c];
      if (!ec) continue;
      for (let d = c; d < C; d++) {
        const ed = E[d];
        if (!ed) continue;
        let tt = 0;
        let cc = 0;
        for (let x = 0; x < ec.v.length; x++) {
          const i = ec.i[x] ?? 0;
          const j = ec.j[x] ?? 0;
          const v = ec.v[x] ?? 0;
          for (let y = 0; y < ed.v.length; y++) {
            const kk = ed.i[y] ?? 0;
            const l = ed.j[y] ?? 0;
            const w = v * (ed.v[y] ?? 0);
            tt += w * (Wm[j * m + kk] ?? 0) * (Wm[l * m + i] ?? 0);
            if (Q) cc += w * (Wm[i * m + kk] ?? 0) * (Q[l * m + j] ?? 0);
          }
        }
        TT[c * C + d] = (TT[c * C + d] ?? 0) + tt;
        CC[c * C + d] = (CC[c * C + d] ?? 0) + cc;
      }
    }
  });
  let loglik: number;
  if (reml) {
    loglik = -0.5 * (N - p) * LOG2PI - 0.5 * logDetV - 0.5 * logDetXtWX - 0.5 * quad;
    if (options.remlXtX) loglik += 0.5 * (logDetXtX(blocks, p) ?? 0);
  } else loglik = -0.5 * N * LOG2PI - 0.5 * logDetV - 0.5 * quad;
  const A: Matrix = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (__, c) => Af[a * p + c] ?? 0),
  );
  const score = new Array<number>(C).fill(0);
  const info = zeros(C);
  if (wantScore) {
    // AB_c = A B_c
    const AB = B.map((Bc) => {
      const out = new Float64Array(p * p);
      for (let a = 0; a < p; a++)
        for (let c = 0; c < p; c++) {
          let s = 0;
          for (let e = 0; e < p; e++) s += (Af[a * p + e] ?? 0) * (Bc[e * p + c] ?? 0);
          out[a * p + c] = s;
        }
      return out;
    });
    for (let c = 0; c < C; c++) {
      const abc = AB[c] ?? new Float64Array(0);
      let trAB = 0;
      for (let a = 0; a < p; a++) trAB += abc[a * p + a] ?? 0;
      score[c] = 0.5 * ((u[c] ?? 0) - (t[c] ?? 0) + (reml ? trAB : 0));
      if (!wantInfo) continue;
      for (let d = c; d < C; d++) {
        const abd = AB[d] ?? new Float64Array(0);
        let tABAB = 0;
        if (reml)
          for (let a = 0; a < p; a++)
            for (let e = 0; e < p; e++) tABAB += (abc[a * p + e] ?? 0) * (abd[e * p + a] ?? 0);
        const v = 0.5 * ((TT[c * C + d] ?? 0) + (reml ? -2 * (CC[c * C + d] ?? 0) + tABAB : 0));
        set(info, c, d, v);
        set(info, d, c, v);
      }
    }
  }
  return { loglik, beta, vcov: A, score, info };
}

/** Derivative matrices Z E_c Z' of Z Ψ Z' for θ = vech(Ψ) (lower triangle by columns). */
export function unstructuredG(Z: Matrix, q: number): Matrix[] {
  const out: Matrix[] = [];
  for (let j = 0; j < q; j++)
    for (let i = j; i < q; i++) {
      // Z E Z' with E = e_i e_j' + e_j e_i' (or e_i e_i'): the outer products of columns i and j.
      const zi = Z.map((row) => row[i] ?? 0);
      const zj = Z.map((row) => row[j] ?? 0);
      out.push(zi.map((a, r) => zj.map((b, s) => (i === j ? a * b : a * b + vAt(zi, s) * vAt(zj, r)))));
    }
  return out;
}

export interface VarianceFit {
  theta: Vector;
  loglik: number;
  beta: Vector;
  vcov: Matrix;
  converged: boolean;
  iterations: number;
}

/** vech(∂Ψ/∂L) for Ψ = LL' with L q × r (columns of the result follow L by rows, then columns). */
function lowRankJacobian(L: Matrix, q: number, r: number): Matrix {
  const C = (q * (q + 1)) / 2;
  const J = zeros(C, q * r);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < r; b++) {
      // ∂Ψ/∂L_ab = e_a L_b' + L_b e_a', L_b the b-th column of L
      const d = zeros(q);
      for (let k = 0; k < q; k++) {
        set(d, a, k, at(d, a, k) + at(L, k, b));
        set(d, k, a, at(d, k, a) + at(L, k, b));
      }
      vech(d).forEach((v, row) => set(J, row, a * r + b, v));
    }
  return J;
}

function lowRankTheta(L: Matrix): Vector {
  return vech(multiply(L, transpose(L)));
}

/**
 * Damped Gauss–Newton (Fisher scoring) in the factor L of Ψ = LL' with L of the rank θ shows,
 * so that the likelihood is smooth and regular on that face of the cone; then the KKT check
 * on the rest: if M (dℓ = tr(M dΨ)) has a positive direction v orthogonal to L's columns, a
 * column along v is added and the fit goes on; otherwise the maximum is found.
 */
function polishLowRank(
  blocks: Block[],
  q: number,
  options: LikelihoodOptions,
  theta0: Vector,
  ev0: Evaluation,
  floor: number,
): { theta: Vector; ev: Evaluation; converged: boolean; iterations: number } {
  const { values, vectors } = symmetricEigen(unvech(theta0, q));
  const top = Math.max(0, ...values);
  const keep = values.map((v, i) => ({ v, i })).filter((x) => x.v > Math.max(100 * floor, 1e-8 * top));
  let L: Matrix = Array.from({ length: q }, (_, a) => keep.map((x) => at(vectors, a, x.i) * Math.sqrt(x.v)));
  let r = keep.length;
  let theta = r > 0 ? lowRankTheta(L) : new Array<number>((q * (q + 1)) / 2).fill(0);
  let ev = evaluate(blocks, theta, options);
  if (!ev) return { theta: theta0, ev: ev0, converged: false, iterations: 0 };
  let iterations = 0;
  for (let round = 0; round <= q; round++) {
    let mu = 1e-6;
    for (let iter = 0; iter < 100 && r > 0; iter++) {
      iterations++;
      const J = lowRankJacobian(L, q, r);
      const g = tMatVec(J, ev.score);
      // −∇²ℓ in L: J'IJ (expected information of θ) minus the curvature of Ψ = LL' weighted by
      // the score, 2 (M ⊗ I_r); the latter is large on the boundary, where the score is not 0.
      const Ms = unvech(ev.score, q).map((row, i) => row.map((v, j) => (i === j ? v : v / 2)));
      const H = multiply(transpose(J), multiply(ev.info, J)).map((row, i) =>
        row.map((x, j) => {
          const [a, b] = [Math.floor(i / r), i % r];
          const [d, e] = [Math.floor(j / r), j % r];
          return b === e ? x - 2 * at(Ms, a, d) : x;
        }),
      );
      const scaleH = Math.max(1e-300, ...H.map((row, i) => Math.abs(row[i] ?? 0)));
      let moved = false;
      for (let tries = 0; tries < 30; tries++) {
        const step = solveRidge(
          H.map((row, i) => row.map((x, j) => (i === j ? x + mu * scaleH : x))),
          g,
        );
        const Lc = L.map((row, a) => row.map((x, b) => x + vAt(step, a * r + b)));
        const th = lowRankTheta(Lc);
        const e = evaluate(blocks, th, options);
        if (e && e.loglik >= ev.loglik) {
          const gain = e.loglik - ev.loglik;
          const dmax = Math.max(0, ...step.map(Math.abs));
          L = Lc;
          theta = th;
          ev = e;
          mu = Math.max(1e-12, mu / 10);
          moved =
            gain > 1e-13 * (1 + Math.abs(ev.loglik)) ||
            dmax > 1e-10 * (1 + Math.max(...L.flat().map(Math.abs)));
          break;
        }
        mu *= 10;
      }
      if (!moved) break;
    }
    // KKT on the orthogonal complement of L's columns
    const M = unvech(ev.score, q).map((row, i) => row.map((v, j) => (i === j ? v : v / 2)));
    const Mtop = Math.max(1e-300, ...M.flat().map(Math.abs));
    const basis = orthonormalComplement(L, q, r);
    if (basis.length === 0) return { theta, ev, converged: true, iterations };
    // N'MN, with N's columns the complement basis
    const NtMN = basis.map((u) => basis.map((w) => dot(u, matVec(M, w))));
    const eig = symmetricEigen(NtMN);
    let best = 0;
    eig.values.forEach((v, i) => {
      if (v > (eig.values[best] ?? -Infinity)) best = i;
    });
    if (!((eig.values[best] ?? 0) > 1e-7 * Mtop)) {
      return { theta, ev, converged: true, iterations };
    }
    // add a column along the ascent direction, small against the current Ψ
    const dir = basis[0]
      ? basis[0].map((_, a) => basis.reduce((t, u, k) => t + (u[a] ?? 0) * at(eig.vectors, k, best), 0))
      : [];
    const size = Math.sqrt(Math.max(1e-6, 1e-3 * Math.max(0, ...values)));
    L = L.map((row, a) => [...row, size * vAt(dir, a)]);
    r++;
    theta = lowRankTheta(L);
    const e = evaluate(blocks, theta, options);
    if (!e) return { theta, ev, converged: false, iterations };
    ev = e;
  }
  return { theta, ev, converged: false, iterations };
}

/** An orthonormal basis (as vectors) of the complement of the column space of the q × r L. */
function orthonormalComplement(L: Matrix, q: number, r: number): Vector[] {
  const basis: Vector[] = [];
  const cols: Vector[] = [];
  for (let b = 0; b < r; b++) {
    let v = L.map((row) => row[b] ?? 0);
    for (const u of cols) {
      const c = dot(u, v);
      v = v.map((x, i) => x - c * vAt(u, i));
    }
    const nv = Math.sqrt(dot(v, v));
    if (nv > 1e-12) cols.push(v.map((x) => x / nv));
  }
  for (let e = 0; e < q && cols.length + basis.length < q; e++) {
    let v: Vector = Array.from({ length: q }, (_, i) => (i === e ? 1 : 0));
    for (const u of [...cols, ...basis]) {
      const c = dot(u, v);
      v = v.map((x, i) => x - c * vAt(u, i));
    }
    const nv = Math.sqrt(dot(v, v));
    if (nv > 1e-8) basis.push(v.map((x) => x / nv));
  }
  return basis;
}

/**
 * Variance components on the boundary: Fisher scoring over the components above 0 with the
 * others held at 0, then the KKT check; a held component whose score is positive is freed.
 */
function polishActiveSet(
  blocks: Block[],
  options: LikelihoodOptions,
  theta0: Vector,
  ev0: Evaluation,
  floor: number,
): { theta: Vector; ev: Evaluation; converged: boolean; iterations: number } {
  let theta = theta0.map((t) => (t <= 10 * floor ? 0 : t));
  let ev = evaluate(blocks, theta, options) ?? ev0;
  let iterations = 0;
  for (let round = 0; round <= theta.length; round++) {
    for (let iter = 0; iter < 200; iter++) {
      iterations++;
      const free = theta.map((t) => t > 0);
      const idx = free.map((f, i) => (f ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) break;
      const sub = idx.map((i) => idx.map((j) => at(ev.info, i, j)));
      const step = solveRidge(
        sub,
        idx.map((i) => vAt(ev.score, i)),
      );
      let t = 1;
      let moved = false;
      for (let h = 0; h < 40; h++) {
        const cand = theta.slice();
        idx.forEach((i, k) => (cand[i] = Math.max(0, vAt(theta, i) + t * vAt(step, k))));
        const e = evaluate(blocks, cand, options);
        if (e && e.loglik >= ev.loglik) {
          const gain = e.loglik - ev.loglik;
          theta = cand;
          ev = e;
          moved = gain > 1e-13 * (1 + Math.abs(ev.loglik));
          break;
        }
        t /= 2;
      }
      if (!moved) break;
    }
    const top = Math.max(1e-300, ...ev.score.map(Math.abs));
    const up = theta.map((t, i) => (t === 0 && vAt(ev.score, i) > 1e-7 * top ? i : -1)).filter((i) => i >= 0);
    if (up.length === 0) return { theta, ev, converged: true, iterations };
    const first = up[0] ?? 0;
    theta = theta.map((t, i) => (i === first ? 1e-3 * Math.max(1, ...theta) : t));
    ev = evaluate(blocks, theta, options) ?? ev;
  }
  return { theta, ev, converged: false, iterations };
}

function project(theta: Vector, structure: Structure, floor: number): Vector {
  if (structure.kind === "components") return theta.map((t) => Math.max(t, 0));
  return vech(clampEigen(unvech(theta, structure.q), 2 * floor));
}

/**
 * θ with its floored part set to 0 when θ is a maximum on the boundary of the cone: the score
 * matrix M (dℓ = tr(M dΨ)) is ⪯ 0 on the null space of Ψ and 0 elsewhere (for variance
 * components: score ≤ 0 where θ_c is at 0, and 0 elsewhere); null otherwise.
 */
function boundaryMaximum(theta: Vector, score: Vector, structure: Structure, floor: number): Vector | null {
  const nullLevel = 10 * floor;
  if (structure.kind === "components") {
    const top = Math.max(1e-300, ...score.map(Math.abs));
    const ok = theta.every((t, c) =>
      t <= nullLevel ? vAt(score, c) <= 1e-8 * top : Math.abs(vAt(score, c)) <= 1e-6 * top,
    );
    return ok ? theta.map((t) => (t <= nullLevel ? 0 : t)) : null;
  }
  const q = structure.q;
  const M = unvech(score, q).map((row, i) => row.map((v, j) => (i === j ? v : v / 2)));
  const { values, vectors } = symmetricEigen(unvech(theta, q));
  const Mt = multiply(transpose(vectors), multiply(M, vectors));
  const top = Math.max(1e-300, ...Mt.flat().map(Math.abs));
  const isNull = values.map((v) => v <= nullLevel);
  if (!isNull.some(Boolean)) return null;
  for (let i = 0; i < q; i++)
    for (let j = 0; j < q; j++) {
      if (isNull[i] && isNull[j]) continue;
      if (Math.abs(at(Mt, i, j)) > 1e-6 * top) return null;
    }
  const nullIdx = isNull.map((v, i) => (v ? i : -1)).filter((i) => i >= 0);
  const Mnn = nullIdx.map((i) => nullIdx.map((j) => at(Mt, i, j)));
  if (Math.max(...symmetricEigen(Mnn).values) > 1e-8 * top) return null;
  const kept = values.map((v, i) => (isNull[i] ? 0 : v));
  return vech(multiply(multiply(vectors, diag(kept)), transpose(vectors)));
}

/** Clearly inside the cone (smallest eigenvalue, or every θ, well above the floor). */
function interior(theta: Vector, structure: Structure, floor: number): boolean {
  const margin = 1e6 * floor;
  if (structure.kind === "components") return theta.every((t) => t > margin);
  return Math.min(...symmetricEigen(unvech(theta, structure.q)).values) > margin;
}

function feasible(theta: Vector, structure: Structure, floor: number): boolean {
  if (structure.kind === "components") return theta.every((t) => t >= 0);
  return Math.min(...symmetricEigen(unvech(theta, structure.q)).values) >= floor;
}

function solveRidge(M: Matrix, v: Vector): Vector {
  const n = v.length;
  for (let ridge = 0; ridge < 12; ridge++) {
    const lam =
      ridge === 0 ? 0 : 1e-10 * 10 ** ridge * Math.max(1e-300, ...M.map((r, i) => Math.abs(r[i] ?? 0)));
    const Mr = M.map((r, i) => r.map((x, j) => (i === j ? x + lam : x)));
    const L = cholesky(Mr);
    if (L) {
      const inv = cholInverse(L);
      return matVec(inv, v);
    }
  }
  return new Array<number>(n).fill(0);
}

/**
 * Maximises the (restricted) likelihood over θ from each start in `inits` (positive definite,
 * on the caller's scale where θ is of order one) and keeps the highest maximum.
 */
export function fitVariance(
  blocks: Block[],
  structure: Structure,
  options: LikelihoodOptions,
  inits: Vector[],
): VarianceFit {
  let best: VarianceFit | null = null;
  let iterations = 0;
  let lastError: unknown = null;
  for (const init of inits.length ? inits : [[]]) {
    try {
      const fit = fitFrom(blocks, structure, options, init);
      iterations += fit.iterations;
      if (!best || fit.loglik > best.loglik) best = fit;
    } catch (e) {
      lastError = e;
    }
  }
  if (!best) throw lastError instanceof Error ? lastError : new Error("the model could not be fitted");
  return { ...best, iterations };
}

function fitFrom(
  blocks: Block[],
  structure: Structure,
  options: LikelihoodOptions,
  init: Vector,
): VarianceFit {
  const floor = 1e-10;
  const C = init.length;
  if (options.method === "fixed" || C === 0) {
    const zero = new Array<number>(C).fill(0);
    const ev = evaluate(blocks, zero, options, false);
    if (!ev) throw new Error("the within-study covariance matrices are not positive definite");
    return { theta: zero, loglik: ev.loglik, beta: ev.beta, vcov: ev.vcov, converged: true, iterations: 0 };
  }
  let theta = init.slice();
  let ev = evaluate(blocks, theta, options);
  if (!ev) throw new Error("the model's covariance matrices are not positive definite at the start");
  let iterations = 0;
  let converged = false;
  // Fisher scoring
  for (let iter = 0; iter < 200; iter++) {
    iterations++;
    const step = solveRidge(ev.info, ev.score);
    let tStep = 1;
    let accepted: { theta: Vector; ev: Evaluation } | null = null;
    for (let h = 0; h < 40; h++) {
      // A step that leaves the cone is projected back onto it (negative eigenvalues raised to
      // a small floor, as mixmeta's RIGLS does); the several starts guard against settling on a
      // boundary point that only looks like a maximum.
      const raw = theta.map((x, i) => x + tStep * vAt(step, i));
      const cand = feasible(raw, structure, floor) ? raw : project(raw, structure, floor);
      const e = feasible(cand, structure, floor) ? evaluate(blocks, cand, options) : null;
      if (e && e.loglik >= ev.loglik - 1e-13 * Math.abs(ev.loglik)) {
        accepted = { theta: cand, ev: e };
        break;
      }
      tStep /= 2;
    }
    if (!accepted) break;
    const dll = Math.abs(accepted.ev.loglik - ev.loglik);
    const dth = Math.max(0, ...accepted.theta.map((x, i) => Math.abs(x - vAt(theta, i))));
    theta = accepted.theta;
    ev = accepted.ev;
    if (dll < 1e-10 * (1 + Math.abs(ev.loglik)) && dth < 1e-7 * (1 + Math.max(...theta.map(Math.abs)))) {
      converged = true;
      break;
    }
  }
  // Converged inside the cone: the score is 0 there and nothing is left to polish.
  if (converged && interior(theta, structure, floor)) {
    return { theta, loglik: ev.loglik, beta: ev.beta, vcov: ev.vcov, converged, iterations };
  }
  // Converged onto the boundary: if no direction into the cone increases the likelihood
  // there (Karush–Kuhn–Tucker), it is the maximum; the floored eigenvalues are set to 0.
  if (converged) {
    const onBoundary = boundaryMaximum(theta, ev.score, structure, floor);
    if (onBoundary) {
      const e = evaluate(blocks, onBoundary, options);
      if (e && e.loglik >= ev.loglik - 1e-9 * (1 + Math.abs(ev.loglik)))
        return { theta: onBoundary, loglik: e.loglik, beta: e.beta, vcov: e.vcov, converged, iterations };
    }
  }
  // On (or near) the boundary: maximise over the face of the cone that θ lies on, then
  // check whether a direction off that face would still increase the likelihood.
  const polished =
    structure.kind === "unstructured"
      ? polishLowRank(blocks, structure.q, options, theta, ev, floor)
      : polishActiveSet(blocks, options, theta, ev, floor);
  iterations += polished.iterations;
  if (polished.ev.loglik >= ev.loglik - 1e-12 * (1 + Math.abs(ev.loglik))) {
    theta = polished.theta;
    ev = polished.ev;
    converged = polished.converged;
  }
  return { theta, loglik: ev.loglik, beta: ev.beta, vcov: ev.vcov, converged, iterations };
}

export { unvech, vech };
