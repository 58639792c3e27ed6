// The R code beside the dose–response view refits its model from the exported arms.
import { describe, expect, it } from "vitest";
import { doseResponseRCode } from "../../lib/domain/stats/dose-response";

describe("doseResponseRCode", () => {
  it("calls dosresmeta for the within-study model, with the shape's terms", () => {
    const code = doseResponseRCode({
      model: "two-stage",
      measure: "mean difference",
      shape: "quadratic",
      fileName: "arms.csv",
    });
    expect(code).toContain('d <- read.csv("arms.csv")');
    expect(code).toContain(
      'dosresmeta(formula = y ~ dose + I(dose^2), id = id, sd = sd, n = n, covariance = "md",',
    );
    expect(code).toContain('method = "reml"');
  });

  it("calls rma.mv with arms nested in studies for single-arm data, with Harrell's knots for a spline", () => {
    const code = doseResponseRCode({
      model: "across-arms",
      measure: "logit proportion",
      shape: "rcs",
      fileName: "a.csv",
    });
    expect(code).toContain('escalc(measure = "PLO", xi = cases, ni = n, data = d)');
    expect(code).toContain("k <- quantile(d$dose, c(0.1, 0.5, 0.9))");
    expect(code).toContain(
      'rma.mv(yi, vi, mods = ~ rcs(dose, k), random = ~ 1 | id/arm, data = d, method = "REML")',
    );
    const means = doseResponseRCode({
      model: "across-arms",
      measure: "mean",
      shape: "linear",
      fileName: "a.csv",
    });
    expect(means).toContain('escalc(measure = "MN", mi = y, sdi = sd, ni = n, data = d)');
    expect(means).toContain("mods = ~ dose,");
  });
});
