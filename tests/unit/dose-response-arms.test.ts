// The across-arm dose–response model (arms nested in studies) against metafor 3.8-1:
// rma.mv(yi, vi, mods = ~ <dose terms>, random = ~ 1 | id/arm) on data generated in R with a
// fixed seed (tests/fixtures/dose-response/across-arms-reference.R writes across-arms.csv and
// across-arms-reference.json). Agreement to 4 decimals.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  fitDoseResponse,
  readDoseResponseCsv,
  type ArmMeasure,
  type DoseResponseOptions,
} from "../../lib/domain/stats/dose-response";
import { effectSize } from "../../lib/domain/stats/meta";

const dir = path.join(process.cwd(), "tests", "fixtures", "dose-response");
const text = readFileSync(path.join(dir, "across-arms.csv"), "utf8");

interface Bands {
  dose: number[];
  pred: number[];
  ci_lb: number[];
  ci_ub: number[];
  pi_lb?: number[];
  pi_ub?: number[];
}
interface Reference {
  name: string;
  call: string;
  method: string;
  b: number[];
  se: number[];
  sigma2: number[];
  logLik: number;
  AIC: number;
  BIC: number;
  QE: number;
  QM: number;
  QMp: number;
  predictions: Bands;
  relative: Bands;
}
const fixture = JSON.parse(readFileSync(path.join(dir, "across-arms-reference.json"), "utf8")) as {
  knots: number[];
  yi_PLO: number[];
  vi_PLO: number[];
  references: Reference[];
};
const ref = (name: string) => {
  const r = fixture.references.find((x) => x.name === name);
  if (!r) throw new Error(`no reference ${name}`);
  return r;
};
const close = (a: number | null | undefined, b: number | undefined, digits = 4) =>
  expect(a).toBeCloseTo(b ?? NaN, digits);

describe("across-arm model against metafor's rma.mv(random = ~ 1 | study/arm)", () => {
  it("uses escalc's PLO values, the zero-event arm included", () => {
    const data = readDoseResponseCsv(text, { arms: "PLO" });
    if (data.kind !== "arms") throw new Error("expected arm data");
    data.rows.forEach((r, i) => {
      const e = effectSize("PLO", { xi: r.cases, ni: r.n });
      if ("error" in e) throw new Error(e.error);
      close(e.yi, fixture.yi_PLO[i], 10);
      close(e.vi, fixture.vi_PLO[i], 10);
    });
  });

  const cases: [string, ArmMeasure, DoseResponseOptions][] = [
    ["PLO-linear-REML", "PLO", { shape: "linear" }],
    ["PLO-rcs3-REML", "PLO", { shape: "rcs", knots: [0.1, 0.5, 0.9] }],
    ["PLO-quadratic-ML", "PLO", { shape: "quadratic", method: "ml" }],
    ["PFT-rcs3-REML", "PFT", { shape: "rcs", knots: [0.1, 0.5, 0.9] }],
    ["MN-quadratic-REML", "MN", { shape: "quadratic" }],
  ];
  it.each(cases)("%s", (name, measure, options) => {
    const r = ref(name);
    const data = readDoseResponseCsv(text, { arms: measure });
    const report = fitDoseResponse(data, {
      ...options,
      arms: measure,
      predict: r.predictions.dose,
      draws: 0,
    });
    expect(report.model).toBe("across-arms");
    r.b.forEach((b, i) => close(report.coefficients[i]?.estimate, b));
    r.se.forEach((s, i) => close(report.coefficients[i]?.se, s));
    close(report.sigma2?.study, r.sigma2[0]);
    close(report.sigma2?.arm, r.sigma2[1]);
    close(report.logLik, r.logLik);
    close(report.AIC, r.AIC);
    close(report.BIC, r.BIC);
    close(report.heterogeneity?.Q, r.QE);
    close(report.overall.chi2, r.QM);
    close(report.overall.p, r.QMp);
    if (options.shape === "rcs") fixture.knots.forEach((k, i) => close(report.knots?.[i], k, 10));
    // levels: predict(fit, newmods = X(dose)), with metafor's prediction interval (σ²₁ + σ²₂)
    r.predictions.dose.forEach((d, i) => {
      const lv = report.levels?.[i];
      expect(lv?.dose).toBe(d);
      close(lv?.estimate, r.predictions.pred[i]);
      close(lv?.ciLower, r.predictions.ci_lb[i]);
      close(lv?.ciUpper, r.predictions.ci_ub[i]);
      close(lv?.piLower, r.predictions.pi_lb?.[i]);
      close(lv?.piUpper, r.predictions.pi_ub?.[i]);
    });
    // the curve against dose 0: predict(fit, newmods = X(dose) - X(0), intercept = FALSE)
    r.relative.dose.forEach((d, i) => {
      const p = report.predictions[i];
      close(p?.estimate, r.relative.pred[i]);
      close(p?.ciLower, r.relative.ci_lb[i]);
      close(p?.ciUpper, r.relative.ci_ub[i]);
      if (measure === "PLO") close(p?.ratio?.estimate, Math.exp(r.relative.pred[i] ?? NaN));
    });
  });

  it("back-transforms the levels to proportions", () => {
    const r = ref("PLO-linear-REML");
    const report = fitDoseResponse(readDoseResponseCsv(text, { arms: "PLO" }), {
      shape: "linear",
      arms: "PLO",
      predict: r.predictions.dose,
      draws: 0,
    });
    r.predictions.dose.forEach((_, i) => {
      close(report.levels?.[i]?.back.estimate, 1 / (1 + Math.exp(-(r.predictions.pred[i] ?? NaN))));
    });
  });
});
