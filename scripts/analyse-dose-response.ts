// The `--dose-response` half of `npm run analyse`: turns the command line's dose-response options
// into DoseResponseOptions (naming the flag and item of a bad value) and prints a fitted report
// as text; `--json` prints the report itself.
import type {
  ArmMeasure,
  ContrastType,
  DoseEstimate,
  DoseResponseOptions,
  DoseResponseReport,
  Estimation,
  Shape,
} from "../lib/domain/stats/dose-response/index.ts";

export const SHAPES: readonly Shape[] = ["linear", "log", "quadratic", "rcs"];
export const TYPES: readonly ContrastType[] = ["cc", "ci", "ir", "md", "smd"];
export const ARM_MEASURES: readonly ArmMeasure[] = ["PLO", "PFT", "MN"];
const METHODS: Record<string, Estimation> = { REML: "reml", ML: "ml", FE: "fixed", FIXED: "fixed" };

export class OptionProblem extends Error {}

export interface DoseResponseFlags {
  "dose-response": string;
  knots?: string;
  "knot-values"?: string;
  type?: string;
  "one-stage"?: boolean;
  arms?: string;
  predict?: string;
  reference?: string;
  method?: string;
}

/** "0.1,0.5,0.9" → [0.1, 0.5, 0.9]; a bad item is named with its flag and position. */
export function numberList(flag: string, text: string): number[] {
  const items = text.split(",").map((s) => s.trim());
  return items.map((item, i) => {
    const v = item === "" ? NaN : Number(item);
    if (!Number.isFinite(v)) throw new OptionProblem(`--${flag}: item ${i + 1} ("${item}") is not a number`);
    return v;
  });
}

export function doseResponseOptions(flags: DoseResponseFlags): DoseResponseOptions {
  const shape = flags["dose-response"].toLowerCase() as Shape;
  if (!SHAPES.includes(shape))
    throw new OptionProblem(
      `--dose-response must be one of ${SHAPES.join(", ")}, not "${flags["dose-response"]}"`,
    );
  if (flags.knots !== undefined && flags["knot-values"] !== undefined)
    throw new OptionProblem("give --knots (percentiles) or --knot-values (doses), not both");
  if ((flags.knots !== undefined || flags["knot-values"] !== undefined) && shape !== "rcs")
    throw new OptionProblem("--knots and --knot-values go with --dose-response rcs");
  const options: DoseResponseOptions = { shape };
  if (flags.knots !== undefined) options.knots = numberList("knots", flags.knots);
  if (flags["knot-values"] !== undefined)
    options.knotValues = numberList("knot-values", flags["knot-values"]);
  if (flags.type !== undefined) {
    const type = flags.type.toLowerCase() as ContrastType;
    if (!TYPES.includes(type))
      throw new OptionProblem(`--type must be one of ${TYPES.join(", ")}, not "${flags.type}"`);
    options.type = type;
  }
  if (flags.arms !== undefined) {
    const arms = flags.arms.toUpperCase() as ArmMeasure;
    if (!ARM_MEASURES.includes(arms))
      throw new OptionProblem(`--arms must be one of ${ARM_MEASURES.join(", ")}, not "${flags.arms}"`);
    if (flags["one-stage"]) throw new OptionProblem("--one-stage and --arms are different models: give one");
    options.arms = arms;
  }
  if (flags["one-stage"]) options.oneStage = true;
  if (flags.predict !== undefined) options.predict = numberList("predict", flags.predict);
  if (flags.reference !== undefined) {
    const [ref, ...rest] = numberList("reference", flags.reference);
    if (ref === undefined || rest.length) throw new OptionProblem("--reference takes one dose");
    options.reference = ref;
  }
  if (flags.method !== undefined) {
    const method = METHODS[flags.method.toUpperCase()];
    if (!method)
      throw new OptionProblem(
        `--method for a dose-response model must be REML, ML or FE, not "${flags.method}"`,
      );
    options.method = method;
  }
  return options;
}

const f4 = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));
const g4 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

function matrixLines(names: string[], m: number[][]): string[] {
  const width = Math.max(10, ...names.map((n) => n.length + 1));
  const cell = (v: number) => v.toExponential(4).padStart(width + 2);
  return [
    " ".repeat(width) + names.map((n) => n.padStart(width + 2)).join(""),
    ...m.map((row, i) => (names[i] ?? "").padEnd(width) + row.map(cell).join("")),
  ];
}

function doseLine(label: string, e: DoseEstimate, observed: [number, number], extra = ""): string {
  if (e.dose === null)
    return `${label}: not reached within the observed doses ${g4(observed[0])}–${g4(observed[1])}`;
  const end = (v: number | null) => (v === null ? "not reached" : g4(v));
  return `${label}: ${g4(e.dose)}${extra} [${end(e.lower)}, ${end(e.upper)}]${e.notReached ? ` (${e.notReached} draws did not reach it)` : ""}`;
}

/** The report as a person reads it: coefficients, covariances, tests, predictions, doses. */
export function formatDoseResponse(r: DoseResponseReport): string {
  const out: string[] = [];
  const knots = r.knots ? ` (knots at ${r.knots.map(g4).join(", ")})` : "";
  out.push(`${r.model} dose–response model, ${r.method.toUpperCase()}; shape ${r.shape}${knots}`);
  out.push(`${r.studies} studies, ${r.observations} observations; effects: ${r.outcome}`);
  if (!r.converged) out.push("warning: the estimation did not converge");
  out.push("");
  out.push("coefficients".padEnd(14) + "estimate        se         z         p   95% CI");
  for (const c of r.coefficients)
    out.push(
      `${c.name.padEnd(14)}${f4(c.estimate).padStart(8)}${f4(c.se).padStart(10)}${f4(c.z).padStart(10)}${g4(c.p).padStart(10)}   [${f4(c.ciLower)}, ${f4(c.ciUpper)}]`,
    );
  const names = r.coefficients.map((c) => c.name);
  out.push("", "covariance of the coefficients", ...matrixLines(names, r.vcov));
  if (r.Psi) {
    const psiNames = r.model === "across-arms" ? names.slice(1) : names;
    out.push("", "between-study covariance (Psi)", ...matrixLines(psiNames, r.Psi));
  }
  if (r.sigma2) out.push("", `sigma^2: study ${f4(r.sigma2.study)}, arm within study ${f4(r.sigma2.arm)}`);
  out.push("");
  if (r.heterogeneity) {
    const h = r.heterogeneity;
    out.push(
      `Q(df = ${h.df}) = ${f4(h.Q)}, p = ${g4(h.p)}; I^2 = ${h.I2.toFixed(1)}% (dosresmeta's (Q − df)/Q)`,
    );
  }
  out.push(`overall test: chi^2(${r.overall.df}) = ${f4(r.overall.chi2)}, p = ${g4(r.overall.p)}`);
  if (r.nonlinearity)
    out.push(
      `non-linearity (Wald): chi^2(${r.nonlinearity.df}) = ${f4(r.nonlinearity.chi2)}, p = ${g4(r.nonlinearity.p)}`,
    );
  out.push(`logLik ${f4(r.logLik)}, AIC ${f4(r.AIC)}, BIC ${f4(r.BIC)} (${r.likelihood})`);
  out.push("");
  const ratio = r.logScale;
  out.push(
    `predictions against dose ${g4(r.reference)}${ratio ? " (ratio = exp of the effect)" : ""}: estimate [95% CI] [95% prediction interval]`,
  );
  for (const p of r.predictions) {
    const band = ratio && p.ratio ? p.ratio : p;
    out.push(
      `  dose ${g4(p.dose).padStart(8)}: ${f4(band.estimate)} [${f4(band.ciLower)}, ${f4(band.ciUpper)}] [${f4(band.piLower)}, ${f4(band.piUpper)}]`,
    );
  }
  if (r.levels) {
    out.push("arm-level values on the outcome's own scale:");
    for (const l of r.levels)
      out.push(
        `  dose ${g4(l.dose).padStart(8)}: ${f4(l.back.estimate)} [${f4(l.back.ciLower)}, ${f4(l.back.ciUpper)}]`,
      );
  }
  out.push("");
  const s = r.summary;
  const max = s.maximum;
  out.push(
    max.interior
      ? doseLine(
          "dose of maximum effect",
          max,
          s.range,
          ` (effect ${f4(max.effect)}${r.logScale ? ` = ratio ${f4(Math.exp(max.effect))}` : ""})`,
        )
      : `dose of maximum effect: none inside the observed doses (the largest effect, ${f4(max.effect)}${r.logScale ? ` = ratio ${f4(Math.exp(max.effect))}` : ""}, is at ${max.dose === null ? "—" : g4(max.dose)}, an end of the range)`,
  );
  out.push(doseLine("ED50", s.ed50, s.range));
  out.push(doseLine("ED80", s.ed80, s.range));
  out.push(doseLine("minimum effective dose", s.minimumEffective, s.range));
  out.push(
    `intervals of doses: ${s.simulation.method} (${s.simulation.draws} draws, seed ${s.simulation.seed})`,
  );
  return out.join("\n");
}
