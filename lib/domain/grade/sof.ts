// A summary-of-findings row of GRADE from a pooled analysis: the certainty module's input built
// from the analysis (designs, weights at each risk of bias, I², the prediction interval, Egger's
// test, the team's imprecision threshold and information size), its output in the shape the
// page shows, and the table as CSV.
import type { AnalysisResult } from "../analysis/run";
import { csvCell } from "../csv";
import type { StudyDesign } from "../rob/design";
import { MEASURE_LABELS, type Measure } from "../stats/meta";
import {
  gradeCertainty,
  type Certainty,
  type Decisions,
  type GradeFactor,
  type RiskOfBiasShares,
  type SofInput,
} from "./certainty";

export const FACTOR_LABELS: Record<GradeFactor, string> = {
  risk_of_bias: "Risk of bias",
  inconsistency: "Inconsistency",
  indirectness: "Indirectness",
  imprecision: "Imprecision",
  publication_bias: "Publication bias",
  large_effect: "Large effect",
  dose_response: "Dose–response gradient",
  plausible_confounding: "Plausible confounding",
};

/** GRADE's symbols for a certainty: ⊕⊕⊕⊕ high … ⊕◯◯◯ very low. */
export function certaintySymbols(c: Certainty): string {
  const n = { high: 4, moderate: 3, low: 2, very_low: 1 }[c];
  return "⊕".repeat(n) + "◯".repeat(4 - n);
}

/** A rating level as GRADE tables print it: −1, +1, 0. */
export const levelText = (level: number) => (level > 0 ? `+${level}` : level < 0 ? `−${-level}` : "0");

/** What the team set for an outcome. */
export interface GradeSettings {
  /** The decision threshold on the reading scale of `thresholdMeasure` (a ratio, a proportion…). */
  threshold: number | null;
  thresholdMeasure: Measure | null;
  ois: { size: number; unit: "participants" | "events" } | null;
  decisions: Decisions;
}

export const NO_SETTINGS: GradeSettings = {
  threshold: null,
  thresholdMeasure: null,
  ois: null,
  decisions: {},
};

/** A threshold read on a measure's scale, on the analysis scale (log for ratios, logit for the
 * logit proportion); an error when the value is impossible there or the scale has no inverse. */
export function thresholdOnAnalysisScale(measure: Measure, t: number): number | { error: string } {
  switch (measure) {
    case "RR":
    case "OR":
      return t > 0 ? Math.log(t) : { error: `A ${measure} threshold must be above 0` };
    case "PLO":
      return t > 0 && t < 1
        ? Math.log(t / (1 - t))
        : { error: "A proportion threshold must lie between 0 and 1" };
    case "PFT":
      return { error: "The double-arcsine scale takes no threshold; use the logit proportion (PLO)" };
    default:
      return t;
  }
}

const SHARE_KEYS = [
  "low",
  "some_concerns",
  "moderate",
  "high",
  "serious",
  "critical",
  "no_information",
] as const;

/** Shares of the pool's weight at each overall risk of bias; studies without a consensus count
 * as "no information" (GRADE's concern, not the benefit of the doubt). */
export function riskOfBiasShares(
  studies: readonly { weight: number; judgment: string | null }[],
): RiskOfBiasShares {
  const total = studies.reduce((s, x) => s + x.weight, 0);
  const shares: RiskOfBiasShares = {};
  for (const s of studies) {
    const key = SHARE_KEYS.find((k) => k === s.judgment) ?? "no_information";
    shares[key] = (shares[key] ?? 0) + (total > 0 ? s.weight / total : 0);
  }
  return shares;
}

export interface SofFactorView {
  factor: GradeFactor;
  label: string;
  kind: "downgrade" | "upgrade";
  suggested: number;
  final: number;
  assessed: boolean;
  reason: string;
  finalReason: string | null;
  decision: "pending" | "accepted" | "overridden";
  footnote: string | null;
  source: string;
}

export interface SofResult {
  outcome: string;
  k: number;
  participants: number | null;
  measure: Measure;
  /** The pooled effect on the reading scale (ratio, proportion…), with its 95% CI. */
  effect: { estimate: number; lower: number; upper: number };
  designs: Record<StudyDesign | "unknown", number>;
  start: Certainty;
  startReason: string;
  suggested: Certainty;
  certainty: Certainty;
  allDecided: boolean;
  factors: SofFactorView[];
  notes: string[];
}

/** The summary-of-findings row of an analysis with a pooled model; null without one. */
export function summaryOfFindingsRow(
  outcome: string,
  result: AnalysisResult,
  settings: GradeSettings,
  doseResponse: SofInput["doseResponse"] = null,
): SofResult | null {
  const m = result.model;
  const display = result.display;
  if (!m || !display) return null;
  const notes: string[] = [];
  const designs: Record<StudyDesign | "unknown", number> = {
    randomised: 0,
    non_randomised: 0,
    single_arm: 0,
    unknown: 0,
  };
  for (const s of result.studies) designs[s.row.studyDesign ?? "unknown"]++;
  if (designs.unknown > 0)
    notes.push(
      `${designs.unknown} ${designs.unknown === 1 ? "study has" : "studies have"} no design set: counted as non-randomised.`,
    );
  const sizes = result.studies.map((s) => s.n);
  const known = sizes.filter((n): n is number => n !== null);
  if (known.length < sizes.length) notes.push(`${sizes.length - known.length} of the studies give no size.`);
  const events = result.studies.map((s) => {
    const r = s.row;
    if (r.design === "single_arm") return r.xi ?? null;
    if (r.design === "two_group_binary") return r.ai != null && r.ci != null ? r.ai + r.ci : null;
    return null;
  });
  let threshold: number | null = null;
  if (settings.threshold !== null && settings.thresholdMeasure !== null) {
    if (settings.thresholdMeasure !== result.measure) {
      notes.push(
        `The imprecision threshold was set for ${settings.thresholdMeasure}; this analysis uses ${result.measure}, so the null is used.`,
      );
    } else {
      const t = thresholdOnAnalysisScale(result.measure, settings.threshold);
      if (typeof t === "number") threshold = t;
      else notes.push(t.error);
    }
  }
  const input: SofInput = {
    outcome,
    designs: result.studies.map((s) => s.row.studyDesign ?? "non_randomised"),
    k: m.k,
    participants: known.length ? known.reduce((a, b) => a + b, 0) : null,
    events: events.every((e) => e !== null) ? events.reduce((a, b) => a + b, 0) : null,
    effect: {
      estimate: m.b[0]!,
      ciLower: m.ci_lb[0]!,
      ciUpper: m.ci_ub[0]!,
      ratio: result.measure === "RR" || result.measure === "OR",
      measure: result.measure,
    },
    I2: m.I2,
    tau2: m.tau2,
    predictionInterval: m.pi_lb !== null && m.pi_ub !== null ? { lower: m.pi_lb, upper: m.pi_ub } : null,
    eggerP: result.egger?.pval ?? null,
    riskOfBias: riskOfBiasShares(
      result.studies.map((s) => ({ weight: s.weight, judgment: s.row.robOverall ?? null })),
    ),
    imprecisionThreshold: threshold,
    optimalInformationSize: settings.ois,
    doseResponse,
  };
  const row = gradeCertainty(input, settings.decisions);
  return {
    outcome,
    k: m.k,
    participants: input.participants,
    measure: result.measure,
    effect: { estimate: display.estimate, lower: display.ci_lb, upper: display.ci_ub },
    designs,
    start: row.start,
    startReason: row.startReason,
    suggested: row.suggestedCertainty,
    certainty: row.finalCertainty,
    allDecided: row.allDecided,
    factors: row.factors.map((f) => ({ ...f, label: FACTOR_LABELS[f.factor] })),
    notes: [...notes, ...row.notes],
  };
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString());

/** The pooled effect as a table cell: "RR 0.62 (0.41 to 0.93)". */
export const effectText = (r: Pick<SofResult, "measure" | "effect">) =>
  `${r.measure} ${fmt(r.effect.estimate)} (${fmt(r.effect.lower)} to ${fmt(r.effect.upper)})`;

/** The footnotes of a row: each rating that moved the certainty or carries a footnote. */
export function sofFootnotes(r: SofResult): string[] {
  return r.factors
    .filter((f) => f.final !== 0 || f.footnote)
    .map(
      (f) =>
        `${f.label} ${levelText(f.final)}: ${f.decision === "overridden" ? "the reviewers' judgement" : (f.finalReason ?? f.reason)}${
          f.footnote ? ` Footnote: ${f.footnote}` : ""
        }`,
    );
}

/** The summary of findings as CSV: one row per outcome, each rating's level, the footnotes. */
export function sofCsv(rows: readonly SofResult[]): string {
  const factors = rows[0]?.factors.map((f) => f.factor) ?? [];
  const header = [
    "outcome",
    "studies",
    "participants",
    "randomised",
    "non_randomised",
    "single_arm",
    "design_unknown",
    "measure",
    "estimate",
    "ci_lower",
    "ci_upper",
    "starting_certainty",
    ...factors,
    "certainty",
    "suggested_certainty",
    "all_decided",
    "footnotes",
  ];
  const lines = [header.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.outcome,
        r.k,
        r.participants,
        r.designs.randomised,
        r.designs.non_randomised,
        r.designs.single_arm,
        r.designs.unknown,
        `${r.measure} (${MEASURE_LABELS[r.measure]})`,
        r.effect.estimate,
        r.effect.lower,
        r.effect.upper,
        r.start,
        ...r.factors.map((f) => f.final),
        r.certainty,
        r.suggested,
        r.allDecided,
        [...sofFootnotes(r), ...r.notes].join(" | "),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
