// R code that refits, from the CSV the app exports, the dose–response model the analysis page
// shows: dosresmeta for the within-study model, metafor's rma.mv for the across-arm one.
export interface RCodeInput {
  model: "two-stage" | "across-arms";
  measure: "mean difference" | "log relative risk" | "mean" | "logit proportion";
  shape: "linear" | "quadratic" | "rcs";
  /** the spline's knots as fitted (10⁶ cells/kg); without them, Harrell's 3 percentiles */
  knots?: number[] | null;
  fileName: string;
}

const r = (x: number) => String(Number(x.toPrecision(10)));

export function doseResponseRCode({ model, measure, shape, knots: fitted, fileName }: RCodeInput): string {
  const terms = shape === "linear" ? "dose" : shape === "quadratic" ? "dose + I(dose^2)" : "rcs(dose, k)";
  const knots =
    shape !== "rcs"
      ? []
      : fitted && fitted.length > 0
        ? ["library(rms)", `k <- c(${fitted.map(r).join(", ")})  # the knots of the fit shown`]
        : ["library(rms)", "k <- quantile(d$dose, c(0.1, 0.5, 0.9))  # Harrell's 3 knots"];
  const read = [`d <- read.csv("${fileName}")`, ...knots];
  if (model === "two-stage" && measure === "log relative risk")
    return [
      "library(dosresmeta)",
      ...read,
      `fit <- dosresmeta(formula = logrr ~ ${terms}, id = id, type = type, se = se, cases = cases, n = n,`,
      '                  data = d, method = "reml")',
      "summary(fit)",
      "",
    ].join("\n");
  if (model === "two-stage")
    return [
      "library(dosresmeta)",
      ...read,
      `fit <- dosresmeta(formula = y ~ ${terms}, id = id, sd = sd, n = n, covariance = "md",`,
      '                  data = d, method = "reml")',
      "summary(fit)",
      "",
    ].join("\n");
  const escalc =
    measure === "logit proportion"
      ? 'd <- escalc(measure = "PLO", xi = cases, ni = n, data = d)'
      : 'd <- escalc(measure = "MN", mi = y, sdi = sd, ni = n, data = d)';
  return [
    "library(metafor)",
    ...read,
    escalc,
    "d$arm <- seq_len(nrow(d))",
    `fit <- rma.mv(yi, vi, mods = ~ ${terms}, random = ~ 1 | id/arm, data = d, method = "REML")`,
    "summary(fit)",
    "",
  ].join("\n");
}
