// The meta-analysis library against metafor: the BCG numbers metafor documents, and further
// results computed with metafor 3.8-1 (tests/fixtures/metafor-reference.json, each with the R
// call that produced it; tests/fixtures/metafor-reference.R makes them again). Agreement to 4
// decimals or better.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  backTransform,
  categoricalColumns,
  eggerTest,
  effectSize,
  harmonicMean,
  leaveOneOut,
  metaAnalysis,
  subgroupAnalysis,
  type EffectData,
  type Measure,
  type Method,
} from "../../lib/domain/stats/meta";
import { twoSided } from "../../lib/domain/stats/distributions";

interface Reference {
  name: string;
  call: string;
  b: number[];
  se: number[];
  tau2: number;
  I2: number;
  H2: number;
  QE: number;
  ci_lb: number[];
  ci_ub: number[];
  QM: number | null;
  pi_lb: number | null;
  pi_ub: number | null;
  tau2_ci: [number, number] | null;
}
const fixture = JSON.parse(
  readFileSync(path.join(process.cwd(), "tests", "fixtures", "metafor-reference.json"), "utf8"),
) as Record<string, unknown> & { references: Reference[] };
const ref = (name: string) => fixture.references.find((r) => r.name === name)!;

// metafor's dat.bcg: tpos, tneg, cpos, cneg, ablat (Colditz et al. 1994)
const BCG = [
  [4, 119, 11, 128, 44],
  [6, 300, 29, 274, 55],
  [3, 228, 11, 209, 42],
  [62, 13536, 248, 12619, 52],
  [33, 5036, 47, 5761, 13],
  [180, 1361, 372, 1079, 44],
  [8, 2537, 10, 619, 19],
  [505, 87886, 499, 87892, 13],
  [29, 7470, 45, 7232, 27],
  [17, 1699, 65, 1600, 42],
  [186, 50448, 141, 27197, 18],
  [5, 2493, 3, 2338, 33],
  [27, 16886, 29, 17825, 33],
] as const;
// metafor's dat.normand1999: n1i m1i sd1i n2i m2i sd2i (Normand 1999)
const NORMAND = [
  [155, 55, 47, 156, 75, 64],
  [31, 27, 7, 32, 29, 4],
  [75, 64, 17, 71, 119, 29],
  [18, 66, 20, 18, 137, 48],
  [8, 14, 8, 13, 18, 11],
  [57, 19, 7, 52, 18, 4],
  [34, 52, 45, 33, 41, 34],
  [110, 21, 16, 183, 31, 27],
  [60, 30, 27, 52, 23, 20],
] as const;
// metafor's dat.pritz1997: xi ni (Pritz 1997)
const PRITZ = [
  [16, 17],
  [10, 12],
  [4, 8],
  [43, 58],
  [10, 10],
  [25, 42],
  [13, 14],
  [12, 12],
  [22, 41],
  [4, 5],
  [5, 6],
  [18, 23],
  [58, 68],
  [6, 10],
] as const;

const bcgData = BCG.map(([ai, bi, ci, di]): EffectData => ({ ai, bi, ci, di }));
const normandData = NORMAND.map(([n1i, m1i, sd1i, n2i, m2i, sd2i]): EffectData => ({
  n1i,
  m1i,
  sd1i,
  n2i,
  m2i,
  sd2i,
}));
const pritzData = PRITZ.map(([xi, ni]): EffectData => ({ xi, ni }));

function effects(measure: Measure, data: EffectData[]) {
  const es = data.map((d) => effectSize(measure, d));
  if (es.some((e) => "error" in e)) throw new Error("unexpected error");
  return { yi: es.map((e) => (e as { yi: number }).yi), vi: es.map((e) => (e as { vi: number }).vi) };
}

function expectMatches(r: ReturnType<typeof metaAnalysis>, expected: Reference, digits = 4) {
  r.b.forEach((b, i) => expect(b, `${expected.name} b[${i}]`).toBeCloseTo(expected.b[i]!, digits));
  r.se.forEach((s, i) => expect(s, `${expected.name} se[${i}]`).toBeCloseTo(expected.se[i]!, digits));
  r.ci_lb.forEach((v, i) => expect(v, `${expected.name} ci_lb`).toBeCloseTo(expected.ci_lb[i]!, digits));
  r.ci_ub.forEach((v, i) => expect(v, `${expected.name} ci_ub`).toBeCloseTo(expected.ci_ub[i]!, digits));
  expect(r.tau2, `${expected.name} tau2`).toBeCloseTo(expected.tau2, digits);
  expect(r.I2, `${expected.name} I2`).toBeCloseTo(expected.I2, digits - 2);
  expect(r.H2, `${expected.name} H2`).toBeCloseTo(expected.H2, digits - 1);
  expect(r.QE, `${expected.name} QE`).toBeCloseTo(expected.QE, digits);
  if (expected.QM !== null) expect(r.QM!, `${expected.name} QM`).toBeCloseTo(expected.QM, digits);
  if (expected.pi_lb !== null) {
    expect(r.pi_lb!, `${expected.name} pi_lb`).toBeCloseTo(expected.pi_lb, digits);
    expect(r.pi_ub!, `${expected.name} pi_ub`).toBeCloseTo(expected.pi_ub!, digits);
  }
  if (expected.tau2_ci) {
    expect(r.tau2_ci![0], `${expected.name} tau2 ci`).toBeCloseTo(expected.tau2_ci[0], digits);
    expect(r.tau2_ci![1], `${expected.name} tau2 ci`).toBeCloseTo(expected.tau2_ci[1], digits);
  }
}

describe("BCG vaccine trials, log risk ratio (metafor's documented results)", () => {
  const { yi, vi } = effects("RR", bcgData);

  it("DerSimonian–Laird: −0.7141, SE 0.1787, tau² 0.3088, I² 92.12%, Q 152.2330 (df 12)", () => {
    const r = metaAnalysis(yi, vi, { method: "DL" });
    expect(r.b[0]).toBeCloseTo(-0.7141, 4);
    expect(r.se[0]).toBeCloseTo(0.1787, 4);
    expect(r.tau2).toBeCloseTo(0.3088, 4);
    expect(r.I2).toBeCloseTo(92.12, 2);
    expect(r.QE).toBeCloseTo(152.233, 3);
    expect(r.k - r.p).toBe(12);
  });

  it("REML: −0.7145, SE 0.1798, tau² 0.3132, I² 92.22%", () => {
    const r = metaAnalysis(yi, vi, { method: "REML" });
    expect(r.b[0]).toBeCloseTo(-0.7145, 4);
    expect(r.se[0]).toBeCloseTo(0.1798, 4);
    expect(r.tau2).toBeCloseTo(0.3132, 4);
    expect(r.I2).toBeCloseTo(92.22, 2);
    expect(r.converged).toBe(true);
  });

  it("REML with Knapp–Hartung: SE 0.1808, CI −1.1084 to −0.3206, prediction interval for the RR 0.14 to 1.76", () => {
    const r = metaAnalysis(yi, vi, { method: "REML", knha: true });
    expect(r.test).toBe("t");
    expect(r.df).toBe(12);
    expect(r.se[0]).toBeCloseTo(0.1808, 4);
    expect(r.ci_lb[0]).toBeCloseTo(-1.1084, 4);
    expect(r.ci_ub[0]).toBeCloseTo(-0.3206, 4);
    expect(Math.exp(r.pi_lb!)).toBeCloseTo(0.14, 2);
    expect(Math.exp(r.pi_ub!)).toBeCloseTo(1.76, 2);
  });
});

describe("against metafor 3.8-1 (fixtures with their R calls)", () => {
  const cases: [string, Measure, EffectData[], Method, boolean][] = [
    ["bcg-RR-DL", "RR", bcgData, "DL", false],
    ["bcg-RR-REML", "RR", bcgData, "REML", false],
    ["bcg-RR-REML-knha", "RR", bcgData, "REML", true],
    ["bcg-RR-PM", "RR", bcgData, "PM", false],
    ["bcg-OR-DL", "OR", bcgData, "DL", false],
    ["bcg-RD-REML", "RD", bcgData, "REML", false],
    ["normand-SMD-REML", "SMD", normandData, "REML", false],
    ["normand-MD-DL", "MD", normandData, "DL", false],
    ["pritz-PLO-REML", "PLO", pritzData, "REML", false],
    ["pritz-PFT-DL", "PFT", pritzData, "DL", false],
  ];
  for (const [name, measure, data, method, knha] of cases) {
    it(`${name}: ${ref(name).call}`, () => {
      const { yi, vi } = effects(measure, data);
      expectMatches(metaAnalysis(yi, vi, { method, knha }), ref(name));
    });
  }

  it("fixed effect: estimate, SE, Q, and I² from Q", () => {
    const { yi, vi } = effects("RR", bcgData);
    const r = metaAnalysis(yi, vi, { method: "FE" });
    const e = ref("bcg-RR-FE");
    expect(r.tau2).toBe(0);
    expect(r.b[0]).toBeCloseTo(e.b[0]!, 4);
    expect(r.se[0]).toBeCloseTo(e.se[0]!, 4);
    expect(r.I2).toBeCloseTo(e.I2, 2);
    expect(r.H2).toBeCloseTo(e.H2, 3);
  });

  it("meta-regression on latitude: REML, and DL with Knapp–Hartung (F test)", () => {
    const { yi, vi } = effects("RR", bcgData);
    const X = BCG.map((row) => [1, row[4]]);
    expectMatches(metaAnalysis(yi, vi, { method: "REML" }, X), ref("bcg-RR-REML-ablat"));
    expectMatches(metaAnalysis(yi, vi, { method: "DL", knha: true }, X), ref("bcg-RR-DL-ablat-knha"));
  });

  it("effect sizes as escalc() computes them: Hedges' g and its variance, logit and double-arcsine", () => {
    const smd = effects("SMD", normandData);
    smd.yi.forEach((y, i) => expect(y).toBeCloseTo((fixture.escalc_SMD_yi as number[])[i]!, 8));
    smd.vi.forEach((v, i) => expect(v).toBeCloseTo((fixture.escalc_SMD_vi as number[])[i]!, 8));
    effects("PFT", pritzData).yi.forEach((y, i) =>
      expect(y).toBeCloseTo((fixture.escalc_PFT_yi as number[])[i]!, 8),
    );
    // Study 5 (10/10) and 8 (12/12) have all events: 1/2 is added (metafor's to = "only0").
    effects("PLO", pritzData).yi.forEach((y, i) =>
      expect(y).toBeCloseTo((fixture.escalc_PLO_yi as number[])[i]!, 8),
    );
  });

  it("back-transforms a double-arcsine estimate with the harmonic mean of n (transf.ipft.hm)", () => {
    const { yi, vi } = effects("PFT", pritzData);
    const r = metaAnalysis(yi, vi, { method: "DL" });
    const n = harmonicMean(PRITZ.map(([, ni]) => ni));
    const e = fixture.pft_backtransformed as { pred: number; ci_lb: number; ci_ub: number };
    expect(backTransform("PFT", r.b[0]!, n)).toBeCloseTo(e.pred, 4);
    expect(backTransform("PFT", r.ci_lb[0]!, n)).toBeCloseTo(e.ci_lb, 4);
    expect(backTransform("PFT", r.ci_ub[0]!, n)).toBeCloseTo(e.ci_ub, 4);
  });

  it("Egger's regression test as regtest(), with z and with Knapp–Hartung t", () => {
    const { yi, vi } = effects("RR", bcgData);
    const z = eggerTest(yi, vi, { method: "REML" })!;
    const ez = fixture.regtest_reml as { zval: number; pval: number; limit: number };
    expect(z.stat).toBeCloseTo(ez.zval, 4);
    expect(z.pval).toBeCloseTo(ez.pval, 4);
    expect(z.limitEstimate).toBeCloseTo(ez.limit, 4);
    const t = eggerTest(yi, vi, { method: "REML", knha: true })!;
    const et = fixture.regtest_reml_knha as { tval: number; pval: number };
    expect(t.stat).toBeCloseTo(et.tval, 4);
    expect(t.pval).toBeCloseTo(et.pval, 4);
  });

  it("leave-one-out as leave1out()", () => {
    const { yi, vi } = effects("RR", bcgData);
    const loo = leaveOneOut(yi, vi, { method: "DL" });
    loo.forEach((l, i) => {
      expect(l.estimate).toBeCloseTo((fixture.leave1out_DL_estimate as number[])[i]!, 4);
      expect(l.tau2).toBeCloseTo((fixture.leave1out_DL_tau2 as number[])[i]!, 4);
    });
  });
});

describe("subgroups and categorical moderators", () => {
  it("pools each subgroup on its own and tests the difference between them", () => {
    const { yi, vi } = effects("RR", bcgData);
    const groups = BCG.map((r) => (r[4] >= 34 ? "far" : "near"));
    const s = subgroupAnalysis(yi, vi, groups, { method: "DL" });
    expect(s.groups.map((g) => [g.key, g.k])).toEqual([
      ["far", 6],
      ["near", 7],
    ]);
    // Each subgroup equals a model fitted on its studies alone.
    const far = metaAnalysis(
      yi.filter((_, i) => groups[i] === "far"),
      vi.filter((_, i) => groups[i] === "far"),
      { method: "DL" },
    );
    expect(s.groups[0]!.estimate).toBeCloseTo(far.b[0]!, 12);
    // Q between = Σ w (b_g − b̄)² with w = 1/SE², worked out from the two subgroup results.
    const w = s.groups.map((g) => 1 / g.se ** 2);
    const mean = (w[0]! * s.groups[0]!.estimate + w[1]! * s.groups[1]!.estimate) / (w[0]! + w[1]!);
    const q = w.reduce((acc, wi, i) => acc + wi * (s.groups[i]!.estimate - mean) ** 2, 0);
    expect(s.Qb).toBeCloseTo(q, 12);
    expect(s.df).toBe(1);
    expect(s.Qbp).toBeLessThan(0.05); // the latitude effect of the BCG trials
  });

  it("codes a categorical moderator as dummies against the first level", () => {
    expect(categoricalColumns(["b", "a", "c", "a"])).toEqual({
      levels: ["a", "b", "c"],
      columns: [
        [1, 0],
        [0, 0],
        [0, 1],
        [0, 0],
      ],
    });
  });
});

describe("edge cases checked with metafor", () => {
  it("keeps a study with no events in either group for RR, as escalc(add = 1/2, to = 'only0') does", () => {
    // escalc(measure = "RR", ai = 0, bi = 10, ci = 0, di = 20): yi 0.6466271649, vi 3.8614718615
    const e = effectSize("RR", { ai: 0, bi: 10, ci: 0, di: 20 }) as { yi: number; vi: number };
    expect(e.yi).toBeCloseTo(0.6466271649, 9);
    expect(e.vi).toBeCloseTo(3.8614718615, 9);
  });

  it("maps double-arcsine values beyond 0 or n events to 0 and 1 (transf.ipft(c(0.02, 0.05, 0.3, 1.5), 10))", () => {
    expect([0.02, 0.05, 0.3, 1.5].map((t) => backTransform("PFT", t, 10))).toEqual([
      0,
      0,
      expect.closeTo(0.05198747, 7),
      1,
    ]);
  });

  it("keeps the precision of very small p-values (2 * pnorm(-10) = 1.523971e-23)", () => {
    expect(twoSided(-10) / 1.523971e-23).toBeCloseTo(1, 5);
    expect(twoSided(8, 20)).toBeGreaterThan(0);
  });

  it("skips Egger's test when the standard errors do not vary, instead of failing", () => {
    expect(eggerTest([0.1, 0.5, 0.3, 0.9, 0.2], [0.05, 0.05, 0.05, 0.05, 0.05], { method: "DL" })).toBeNull();
  });
});

describe("bad input", () => {
  it("names what is missing or impossible", () => {
    expect(effectSize("RR", { ai: 1, bi: 2 })).toEqual({ error: "missing ci, di" });
    expect(effectSize("PLO", { xi: 5, ni: 3 })).toEqual({ error: "events must lie between 0 and the total" });
    expect(effectSize("SMD", { m1i: 1, sd1i: 0, n1i: 5, m2i: 2, sd2i: 0, n2i: 5 })).toEqual({
      error: "both standard deviations are 0",
    });
    expect(effectSize("RR", { yi: 0.1, vi: 0 })).toEqual({ error: "vi must be above 0" });
    expect(() => metaAnalysis([0.1], [0.1], { method: "DL" }, [[1, 2]])).toThrow(/too few studies/);
    expect(() =>
      metaAnalysis([0.1, 0.2, 0.3], [0.1, 0.1, 0.1], { method: "DL" }, [
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
    ).toThrow(/collinear/);
  });
});
