// Dose–response meta-analysis against R: dosresmeta 2.2.0 with mixmeta 1.2.1 (from their
// sources), rms and Hmisc (tests/fixtures/dose-response/dosresmeta-reference.json, each entry
// with the R call that produced it; dosresmeta-reference.R makes them again), and the numbers
// dosresmeta's documentation prints. Agreement to 4 decimals.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  covarContinuous,
  covarLogRR,
  doseBasis,
  fitDoseResponse,
  glPseudoCases,
  readDoseResponseCsv,
  type DoseResponseData,
  type DoseResponseOptions,
  type DoseResponseReport,
} from "../../lib/domain/stats/dose-response";

const dir = path.join(process.cwd(), "tests", "fixtures", "dose-response");
const csv = (name: string) => readFileSync(path.join(dir, name), "utf8");

interface Reference {
  name: string;
  call: string;
  proc: string;
  method: string;
  coefficients: number[];
  se: number[];
  vcov: number[][];
  Psi: number[][] | null;
  logLik: number;
  AIC: number;
  BIC: number;
  df: number;
  nobs: number;
  converged: boolean;
  overall: [number, number, number];
  Q?: number;
  Qdf?: number;
  Qp?: number;
  I2?: number;
  predictions?: { dose: number[]; pred: number[]; ci_lb: number[]; ci_ub: number[] };
  nonlinearity?: { terms: number[]; chi2: number; df: number; p: number };
  knots?: number[];
  basis?: { dose: number[]; X: number[][] };
}
const fixture = JSON.parse(readFileSync(path.join(dir, "dosresmeta-reference.json"), "utf8")) as {
  covariances: Record<string, { S: number[][] | number[][][]; A?: number[] | number[][]; y?: number[][] }>;
  references: Reference[];
};
// jsonlite writes a vector of length 1 as a number and a 1 × 1 matrix as [[x]]
const vec = (v: number | number[] | undefined): number[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const ref = (name: string): Reference => {
  const r = fixture.references.find((x) => x.name === name);
  if (!r) throw new Error(`no reference ${name}`);
  const raw = r as unknown as Record<string, unknown>;
  return {
    ...r,
    coefficients: vec(raw.coefficients as number | number[]),
    se: vec(raw.se as number | number[]),
    knots: r.knots ? vec(raw.knots as number | number[]) : undefined,
    Psi: Array.isArray(raw.Psi)
      ? (raw.Psi as (number | number[])[]).map((row) => (Array.isArray(row) ? row : [row]))
      : null,
    predictions: r.predictions
      ? {
          dose: vec(r.predictions.dose),
          pred: vec(r.predictions.pred),
          ci_lb: vec(r.predictions.ci_lb),
          ci_ub: vec(r.predictions.ci_ub),
        }
      : undefined,
    nonlinearity: r.nonlinearity ? { ...r.nonlinearity, terms: vec(r.nonlinearity.terms) } : undefined,
  };
};

const close = (actual: number | null | undefined, expected: number, digits = 4) =>
  expect(actual).toBeCloseTo(expected, digits);

function expectMatrix(actual: number[][], expected: number[][], digits = 6) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((row, i) => row.forEach((v, j) => close(actual[i]?.[j], v, digits)));
}

function sdCorr(m: number[][]) {
  const sd = m.map((row, i) => Math.sqrt(row[i] ?? 0));
  return { sd, corr: m.length > 1 ? (m[1]?.[0] ?? 0) / ((sd[0] ?? 1) * (sd[1] ?? 1)) : null };
}

/** Every entry's checks: coefficients, SEs, Ψ, logLik/AIC/BIC, Q, Wald tests, predictions. */
function expectLike(report: DoseResponseReport, r: Reference, opts: { logLikDigits?: number } = {}) {
  r.coefficients.forEach((b, i) => close(report.coefficients[i]?.estimate, b));
  r.se.forEach((s, i) => close(report.coefficients[i]?.se, s));
  close(report.logLik, r.logLik, opts.logLikDigits ?? 4);
  close(report.AIC, r.AIC, (opts.logLikDigits ?? 4) - 0);
  close(report.BIC, r.BIC, (opts.logLikDigits ?? 4) - 0);
  expect(report.parameters).toBe(r.df);
  expect(report.nobs).toBe(r.nobs);
  close(report.overall.chi2, r.overall[0]);
  expect(report.overall.df).toBe(r.overall[1]);
  close(report.overall.p, r.overall[2]);
  if (r.Psi) {
    expect(report.Psi).not.toBeNull();
    const ours = sdCorr(report.Psi ?? []);
    const theirs = sdCorr(r.Psi);
    // 4 decimals, or 4 significant digits above 1 (alcohol_crc's 5-knot Ψ lies on a flat
    // ridge of the likelihood where its SDs of about 2 move in the 5th digit)
    theirs.sd.forEach((s, i) =>
      expect(Math.abs((ours.sd[i] ?? NaN) - s)).toBeLessThan(Math.max(5e-5, 5e-5 * s)),
    );
    // the correlation is only identified when Ψ is away from 0
    if (theirs.corr !== null && Math.min(...theirs.sd) > 1e-4) close(ours.corr, theirs.corr, 3);
  } else expect(report.Psi).toBeNull();
  if (r.Q !== undefined) {
    close(report.heterogeneity?.Q, r.Q);
    expect(report.heterogeneity?.df).toBe(r.Qdf);
    close(report.heterogeneity?.p, r.Qp ?? NaN);
    close(report.heterogeneity?.I2, r.I2 ?? NaN, 3);
  }
  if (r.nonlinearity) {
    expect(report.nonlinearity).not.toBeNull();
    close(report.nonlinearity?.chi2, r.nonlinearity.chi2);
    expect(report.nonlinearity?.df).toBe(r.nonlinearity.df);
    close(report.nonlinearity?.p, r.nonlinearity.p);
  }
  if (r.predictions) {
    r.predictions.dose.forEach((d, i) => {
      const p = report.predictions[i];
      expect(p?.dose).toBe(d);
      const value = report.logScale ? p?.ratio : p;
      close(value?.estimate, r.predictions?.pred[i] ?? NaN);
      close(value?.ciLower, r.predictions?.ci_lb[i] ?? NaN);
      close(value?.ciUpper, r.predictions?.ci_ub[i] ?? NaN);
    });
  }
}

const data: Record<string, DoseResponseData> = {};
const read = (file: string, type?: "md" | "smd") => {
  const key = `${file}:${type ?? ""}`;
  data[key] ??= readDoseResponseCsv(csv(file), { type });
  return data[key];
};

function run(file: string, options: DoseResponseOptions, r?: Reference): DoseResponseReport {
  const type = options.type === "md" || options.type === "smd" ? options.type : undefined;
  return fitDoseResponse(read(file, type), { draws: 0, predict: r?.predictions?.dose, ...options });
}

describe("within-study covariance (dosresmeta::covar.logrr, grl, covar.smd)", () => {
  it("reconstructs Greenland & Longnecker's pseudo-counts and covariances of alcohol_cvd", () => {
    const d = read("alcohol_cvd.csv");
    if (d.kind !== "logrr") throw new Error("expected log RR data");
    const S = fixture.covariances.alcohol_cvd?.S as number[][][];
    const A = fixture.covariances.alcohol_cvd?.A as number[][];
    d.studies.forEach((s, i) => {
      expectMatrix(covarLogRR(s.arms, s.type), S[i] ?? [], 7);
      glPseudoCases(s.arms, s.type).forEach((a, j) => close(a, A[i]?.[j] ?? NaN, 5));
    });
  });

  it("matches the covariance matrix dosresmeta's documentation prints for study 1", () => {
    const d = read("alcohol_cvd.csv");
    if (d.kind !== "logrr") throw new Error("expected log RR data");
    const s = d.studies[0];
    if (!s) throw new Error("no study");
    // covar.logrr(y = logrr, v = I(se^2), cases = cases, n = n, type = type, data = subset(alcohol_cvd, id == 1))
    expectMatrix(
      covarLogRR(s.arms, s.type),
      [
        [0.04987985, 0.01875906, 0.01678737, 0.01780975],
        [0.01875906, 0.05463996, 0.01736485, 0.01842239],
        [0.01678737, 0.01736485, 0.14176254, 0.01648609],
        [0.01780975, 0.01842239, 0.01648609, 0.19714011],
      ],
      7,
    );
    // grl(...): A = 125.04575 67.12135 68.86106 18.64972 17.32196
    [125.04575, 67.12135, 68.86106, 18.64972, 17.32196].forEach((a, j) =>
      close(glPseudoCases(s.arms, s.type)[j], a, 4),
    );
  });

  it.each([
    ["cc_ex", "cc_ex.csv"],
    ["ci_ex", "ci_ex.csv"],
    ["ir_ex", "ir_ex.csv"],
  ])("covariance of a single %s study (types cc, ci, ir)", (name, file) => {
    const d = read(file);
    if (d.kind !== "logrr") throw new Error("expected log RR data");
    const s = d.studies[0];
    if (!s) throw new Error("no study");
    expectMatrix(covarLogRR(s.arms, s.type), fixture.covariances[name]?.S as number[][], 7);
    glPseudoCases(s.arms, s.type).forEach((a, j) =>
      close(a, (fixture.covariances[name]?.A as number[])[j] ?? NaN, 4),
    );
  });

  it("covariances of incidence-rate data with person-time (alcohol_crc)", () => {
    const d = read("alcohol_crc.csv");
    if (d.kind !== "logrr") throw new Error("expected log RR data");
    const S = fixture.covariances.alcohol_crc?.S as number[][][];
    d.studies.forEach((s, i) => expectMatrix(covarLogRR(s.arms, s.type), S[i] ?? [], 7));
  });

  it.each(["md", "smd"] as const)("%s and their covariance (ari)", (measure) => {
    const d = read("ari.csv", measure);
    if (d.kind !== "continuous") throw new Error("expected continuous data");
    const f = fixture.covariances[`ari_${measure}`];
    d.studies.forEach((s, i) => {
      const { y, S } = covarContinuous(s.arms, measure);
      // R's y includes the reference arm's 0
      y.forEach((v, j) => close(v, f?.y?.[i]?.[j + 1] ?? NaN, 7));
      expectMatrix(S, (f?.S as number[][][])[i] ?? [], 7);
    });
  });
});

describe("restricted cubic splines as rms::rcs", () => {
  it("builds the basis of rcs(dose, quantile(dose, c(.05, .35, .65, .95)))", () => {
    const r = ref("alcohol_crc-rcs4");
    const d = read("alcohol_crc.csv");
    if (d.kind !== "logrr") throw new Error("expected log RR data");
    const doses = d.studies.flatMap((s) => s.arms.map((a) => a.dose));
    const basis = doseBasis({ shape: "rcs", knots: [0.05, 0.35, 0.65, 0.95] }, doses);
    r.knots?.forEach((k, i) => close(basis.knots?.[i], k, 10));
    r.basis?.dose.forEach((x, i) => basis.row(x).forEach((v, j) => close(v, r.basis?.X[i]?.[j] ?? NaN, 10)));
    expect(basis.names).toEqual(["dose", "dose'", "dose''"]);
    expect(basis.nonlinear).toEqual([1, 2]);
  });
});

describe("published numbers (dosresmeta's documentation, Crippa & Orsini 2016)", () => {
  it("cc_ex: linear slope 0.0454 (SE 0.0207), logLik 0.7835, AIC 0.4330, BIC -0.4684", () => {
    const r = run("cc_ex.csv", { shape: "linear", predict: [0, 1] });
    close(r.coefficients[0]?.estimate, 0.0454, 4);
    close(r.coefficients[0]?.se, 0.0207, 4);
    close(r.logLik, 0.7835, 4);
    close(r.AIC, 0.433, 4);
    close(r.BIC, -0.4684, 4);
    // predict(mod1, delta = 1, expo = TRUE): 1.046477 (1.004941, 1.089729)
    close(r.predictions[1]?.ratio?.estimate, 1.046477, 6);
    close(r.predictions[1]?.ratio?.ciLower, 1.004941, 6);
    close(r.predictions[1]?.ratio?.ciUpper, 1.089729, 6);
    expect(r.model).toBe("one-stage");
    expect(r.method).toBe("fixed");
  });

  it("alcohol_cvd linear, two-stage REML: slope -0.0044 (SE 0.0059), Q 14.1464 (df 5), I² 64.7%", () => {
    const r = run("alcohol_cvd.csv", { shape: "linear", predict: [0, 12] });
    close(r.coefficients[0]?.estimate, -0.0044, 4);
    close(r.coefficients[0]?.se, 0.0059, 4);
    close(r.heterogeneity?.Q, 14.1464, 4);
    expect(r.heterogeneity?.df).toBe(5);
    close(r.heterogeneity?.p, 0.0147, 4);
    close(r.heterogeneity?.I2, 64.7, 1);
    close(Math.sqrt(r.Psi?.[0]?.[0] ?? NaN), 0.01, 4);
    close(r.logLik, 14.0341, 4);
    close(r.AIC, -24.0683, 4);
    close(r.BIC, -24.8494, 4);
    // predict(lin, delta = 12, expo = TRUE): 0.9489635 (0.8262176, 1.089945)
    close(r.predictions[1]?.ratio?.estimate, 0.9489635, 6);
    close(r.predictions[1]?.ratio?.ciLower, 0.8262176, 6);
    close(r.predictions[1]?.ratio?.ciUpper, 1.089945, 6);
  });

  it("alcohol_cvd linear, ML: -0.0043 (0.0053), logLik 17.4051", () => {
    const r = run("alcohol_cvd.csv", { shape: "linear", method: "ml" });
    close(r.coefficients[0]?.estimate, -0.0043, 4);
    close(r.coefficients[0]?.se, 0.0053, 4);
    close(r.logLik, 17.4051, 4);
    close(r.AIC, -30.8102, 4);
    close(r.BIC, -31.2267, 4);
  });

  it("alcohol_cvd quadratic: -0.0302 (0.0132) and 0.0008 (0.0005); RR at 10/20/30 g/day 0.7968/0.7378/0.7940", () => {
    const r = run("alcohol_cvd.csv", { shape: "quadratic", predict: [0, 10, 20, 30] });
    close(r.coefficients[0]?.estimate, -0.0302, 4);
    close(r.coefficients[0]?.se, 0.0132, 4);
    close(r.coefficients[1]?.estimate, 0.0008, 4);
    close(r.coefficients[1]?.se, 0.0005, 4);
    close(r.predictions[1]?.ratio?.estimate, 0.7968, 4);
    close(r.predictions[2]?.ratio?.estimate, 0.7378, 4);
    close(r.predictions[3]?.ratio?.estimate, 0.794, 4);
    // Between-study SDs 0.0209 and 0.0008, correlation -0.9063; Q 35.1177 (df 10); logLik 34.6967
    const { sd, corr } = sdCorr(r.Psi ?? []);
    close(sd[0], 0.0209, 4);
    close(sd[1], 0.0008, 4);
    close(corr, -0.9063, 4);
    close(r.heterogeneity?.Q, 35.1177, 4);
    close(r.heterogeneity?.I2, 71.5, 1);
    close(r.logLik, 34.6967, 4);
    close(r.AIC, -59.3935, 4);
    close(r.BIC, -57.8805, 4);
    close(r.overall.chi2, 6.3694, 4);
    close(r.overall.p, 0.0414, 4);
  });

  it("alcohol_cvd linear, one-stage REML: logLik -18.5997, AIC 41.1993, BIC 42.9801", () => {
    const r = run("alcohol_cvd.csv", { shape: "linear", oneStage: true });
    close(r.coefficients[0]?.estimate, -0.0044, 4);
    close(r.logLik, -18.5997, 4);
    close(r.AIC, 41.1993, 4);
    close(r.BIC, 42.9801, 4);
  });

  it("ari, standardised mean differences, quadratic: 0.0461 (0.0084), -0.0011 (0.0003), Q 2.4212, logLik 38.1441", () => {
    const r = run("ari.csv", { shape: "quadratic", type: "smd" });
    close(r.coefficients[0]?.estimate, 0.0461, 4);
    close(r.coefficients[0]?.se, 0.0084, 4);
    close(r.coefficients[1]?.estimate, -0.0011, 4);
    close(r.coefficients[1]?.se, 0.0003, 4);
    close(r.heterogeneity?.Q, 2.4212, 4);
    close(r.logLik, 38.1441, 4);
    close(r.AIC, -66.2881, 3);
    close(r.BIC, -65.8909, 3);
  });
});

describe("fits against dosresmeta 2.2.0 (dosresmeta-reference.json)", () => {
  const cases: [string, string, DoseResponseOptions, { logLikDigits?: number }?][] = [
    ["cc_ex-linear", "cc_ex.csv", { shape: "linear" }],
    ["ci_ex-linear", "ci_ex.csv", { shape: "linear" }],
    ["ir_ex-linear", "ir_ex.csv", { shape: "linear" }],
    ["ci_ex-quadratic", "ci_ex.csv", { shape: "quadratic" }],
    ["alcohol_cvd-linear-reml", "alcohol_cvd.csv", { shape: "linear" }],
    ["alcohol_cvd-linear-ml", "alcohol_cvd.csv", { shape: "linear", method: "ml" }],
    ["alcohol_cvd-linear-fixed", "alcohol_cvd.csv", { shape: "linear", method: "fixed" }],
    ["alcohol_cvd-quadratic-reml", "alcohol_cvd.csv", { shape: "quadratic" }],
    ["alcohol_cvd-quadratic-ml", "alcohol_cvd.csv", { shape: "quadratic", method: "ml" }],
    ["alcohol_cvd-quadratic-fixed", "alcohol_cvd.csv", { shape: "quadratic", method: "fixed" }],
    ["alcohol_cvd-rcs3", "alcohol_cvd.csv", { shape: "rcs", knots: [0.1, 0.5, 0.9] }],
    ["alcohol_cvd-linear-1stage-reml", "alcohol_cvd.csv", { shape: "linear", oneStage: true }],
    ["alcohol_cvd-linear-1stage-ml", "alcohol_cvd.csv", { shape: "linear", oneStage: true, method: "ml" }],
    ["alcohol_cvd-quadratic-1stage-reml", "alcohol_cvd.csv", { shape: "quadratic", oneStage: true }],
    ["sim_os-quadratic-1stage-reml", "sim_os.csv", { shape: "quadratic", oneStage: true, reference: 0 }],
    ["alcohol_crc-linear", "alcohol_crc.csv", { shape: "linear" }],
    ["alcohol_crc-rcs4", "alcohol_crc.csv", { shape: "rcs", knots: [0.05, 0.35, 0.65, 0.95] }],
    ["alcohol_crc-rcs5", "alcohol_crc.csv", { shape: "rcs", knots: [5, 27.5, 50, 72.5, 95] }],
    ["alcohol_crc-rcs-values", "alcohol_crc.csv", { shape: "rcs", knotValues: [5, 20, 40] }],
    ["alcohol_crc-log-shift1", "alcohol_crc.csv", { shape: "log", logShift: 1 }],
    ["milk_ov-linear", "milk_ov.csv", { shape: "linear" }],
    ["ari-smd-quadratic", "ari.csv", { shape: "quadratic", type: "smd" }],
    ["ari-md-quadratic", "ari.csv", { shape: "quadratic", type: "md" }],
    ["ari-md-linear", "ari.csv", { shape: "linear", type: "md" }],
  ];
  it.each(cases)("%s", (name, file, options, opts) => {
    const r = ref(name);
    const report = run(file, options, r);
    expectLike(report, r, opts);
    if (r.knots) r.knots.forEach((k, i) => close(report.knots?.[i], k, 8));
  });

  it("reports the study-specific trends of the first stage", () => {
    const r = run("alcohol_cvd.csv", { shape: "linear" });
    expect(r.studyTrends).toHaveLength(6);
    expect(r.studies).toBe(6);
    expect(r.observations).toBe(19);
  });
});
