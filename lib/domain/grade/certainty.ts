// One summary-of-findings row under GRADE: from a pooled analysis and its risk-of-bias summary,
// the starting certainty, each suggested rating down (risk of bias, inconsistency, indirectness,
// imprecision, publication bias) and up (large effect, dose–response, plausible confounding)
// with a sentence that names the numbers and the rule, the resulting certainty, and the same
// after the reviewers accept or override each suggestion with a footnote.
//
// GRADE gives criteria, not numbers, for most of these; the numbers below marked "app
// convention" are this app's defaults, chosen to match the spirit of the GRADE Handbook
// (Schünemann et al., 2013) and the J Clin Epidemiol 2011 series, and reviewers are expected to
// override them with a footnote when their judgement differs. Sources per rule:
// - start: GRADE guidelines 3 (Balshem et al. 2011;64:401–406) — randomised trials start high,
//   other designs low. (Schünemann et al. 2019;111:105–114 allow non-randomised studies assessed
//   with ROBINS-I to start high and be rated down for risk of bias; this app keeps "start low".)
// - risk of bias: guidelines 4 (Guyatt et al. 2011;64:407–415) — judge across studies, weighted
//   by how much each contributes; rate down when studies at high risk contribute substantially.
// - publication bias: guidelines 5 (Guyatt et al. 2011;64:1277–1282).
// - imprecision: guidelines 6 (Guyatt et al. 2011;64:1283–1293) — CI relative to the decision
//   threshold, and the optimal information size.
// - inconsistency: guidelines 7 (Guyatt et al. 2011;64:1294–1302).
// - indirectness: guidelines 8 (Guyatt et al. 2011;64:1303–1310) — never suggested here.
// - rating up: guidelines 9 (Guyatt et al. 2011;64:1311–1316).
//
// Effects are on the analysis scale (log scale for ratio measures), as the meta-analysis module
// reports them; so are the imprecision threshold and the prediction interval.

export type Certainty = "high" | "moderate" | "low" | "very_low";
const LEVEL: Record<Certainty, number> = { very_low: 1, low: 2, moderate: 3, high: 4 };
const BY_LEVEL: readonly Certainty[] = ["very_low", "very_low", "low", "moderate", "high"];

export const CERTAINTY_LABELS: Record<Certainty, string> = {
  high: "High",
  moderate: "Moderate",
  low: "Low",
  very_low: "Very low",
};

export const DESIGNS = ["randomised", "non_randomised", "single_arm"] as const;
export type Design = (typeof DESIGNS)[number];

export const DOWNGRADE_FACTORS = [
  "risk_of_bias",
  "inconsistency",
  "indirectness",
  "imprecision",
  "publication_bias",
] as const;
export const UPGRADE_FACTORS = ["large_effect", "dose_response", "plausible_confounding"] as const;
export type DowngradeFactor = (typeof DOWNGRADE_FACTORS)[number];
export type UpgradeFactor = (typeof UPGRADE_FACTORS)[number];
export type GradeFactor = DowngradeFactor | UpgradeFactor;

// Thresholds ------------------------------------------------------------------------------------

/** App convention (not GRADE's number): rate down one level when at least this share of the
 * weight comes from studies at high (RoB 2) or serious/critical (ROBINS-I) risk of bias. */
export const ROB_SEVERE_SHARE_ONE_LEVEL = 0.25;
/** App convention: rate down two levels from this share at high/serious/critical risk. */
export const ROB_SEVERE_SHARE_TWO_LEVELS = 0.5;
/** App convention: rate down one level when at least this share is not at low risk (high,
 * serious, critical, some concerns or no information) — GRADE's "most information from studies
 * at low risk" turned round. ROBINS-I "moderate" does not count: it is the expected level of a
 * sound non-randomised study, whose low starting level already reflects it. */
export const ROB_NOT_LOW_SHARE_ONE_LEVEL = 0.5;
/** App convention: I² (%) above which heterogeneity may rate down one level (Cochrane Handbook
 * 10.10.2 calls 50–90% "substantial"), when the prediction interval includes the threshold. */
export const INCONSISTENCY_I2_ONE_LEVEL = 50;
/** App convention: I² (%) above which it may rate down two levels ("considerable": 75–100%). */
export const INCONSISTENCY_I2_TWO_LEVELS = 75;
/** Funnel-plot asymmetry tests need at least 10 studies (Sterne et al. BMJ 2011;343:d4002). */
export const PUBLICATION_BIAS_MIN_K = 10;
/** App convention: Egger's test p below this rates down one level (Egger et al. 1997 used 0.10). */
export const PUBLICATION_BIAS_EGGER_P = 0.1;
/** GRADE guidelines 9's own numbers: a ratio above 2 or below 0.5 is a large effect (+1)… */
export const LARGE_EFFECT_RATIO = 2;
/** …above 5 or below 0.2 a very large one (+2). */
export const VERY_LARGE_EFFECT_RATIO = 5;
/** GRADE guidelines 9: a large effect should be "consistent evidence from at least two studies". */
export const LARGE_EFFECT_MIN_K = 2;
/** App convention: a dose–response test (slope or non-linearity) with p below this rates up one. */
export const DOSE_RESPONSE_P = 0.05;

// Input -----------------------------------------------------------------------------------------

/** Shares (0–1) of the meta-analysis weight at each overall risk-of-bias judgement. */
export interface RiskOfBiasShares {
  low?: number;
  some_concerns?: number;
  high?: number;
  moderate?: number;
  serious?: number;
  critical?: number;
  no_information?: number;
}

export interface SofInput {
  outcome: string;
  /** The design of each study in the pool. */
  designs: readonly Design[];
  k: number;
  participants: number | null;
  events?: number | null;
  effect: {
    /** Pooled estimate on the analysis scale (log for ratio measures), with its 95% CI. */
    estimate: number;
    ciLower: number;
    ciUpper: number;
    /** True for RR, OR, HR… (analysis scale is the log). */
    ratio: boolean;
    /** Label for sentences, e.g. "RR". */
    measure?: string;
  };
  /** I² in percent. */
  I2?: number | null;
  tau2?: number | null;
  predictionInterval?: { lower: number; upper: number } | null;
  /** Egger's regression test p-value; used only when k ≥ 10. */
  eggerP?: number | null;
  riskOfBias?: RiskOfBiasShares | null;
  /** The decision threshold on the analysis scale (e.g. log of the minimal important ratio);
   * default the null (0). */
  imprecisionThreshold?: number | null;
  optimalInformationSize?: { size: number; unit: "participants" | "events" } | null;
  /** From a separate dose–response analysis: the p-value of its slope or non-linearity test. */
  doseResponse?: { p: number; test: "slope" | "non_linearity" } | null;
}

export type Decision =
  { action: "accept"; footnote?: string } | { action: "override"; level: number; footnote: string };
export type Decisions = Readonly<Partial<Record<GradeFactor, Decision>>>;

// Output ----------------------------------------------------------------------------------------

export interface FactorRating {
  factor: GradeFactor;
  kind: "downgrade" | "upgrade";
  /** 0, −1, −2 (downgrades) or 0, +1, +2 (upgrades). */
  suggested: number;
  /** False when the app does not judge this factor (the reason says what reviewers must do). */
  assessed: boolean;
  reason: string;
  source: string;
  decision: "pending" | "accepted" | "overridden";
  /** The level after the reviewers' decision (pending counts as the suggestion). */
  final: number;
  /** Set when the final level differs from the suggestion for another reason than an override
   * (an accepted upgrade recomputed after the downgrades were overridden). */
  finalReason: string | null;
  footnote: string | null;
}

export interface SofRow {
  outcome: string;
  start: Certainty;
  startReason: string;
  factors: FactorRating[];
  suggestedCertainty: Certainty;
  finalCertainty: Certainty;
  allDecided: boolean;
  notes: string[];
}

// Formatting --------------------------------------------------------------------------------------

const pct = (x: number) => `${Number((x * 100).toFixed(1))}%`;
const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Number(x.toPrecision(3)).toString());

function onScale(e: SofInput["effect"], x: number): string {
  return e.ratio ? num(Math.exp(x)) : num(x);
}
function effectText(e: SofInput["effect"]): string {
  return `${e.measure ?? (e.ratio ? "ratio" : "effect")} ${onScale(e, e.estimate)} (95% CI ${onScale(e, e.ciLower)} to ${onScale(e, e.ciUpper)})`;
}
function thresholdText(e: SofInput["effect"], t: number): string {
  if (t === 0) return `the null (${e.ratio ? "ratio 1" : "0"})`;
  return `the threshold ${e.ratio ? `ratio ${num(Math.exp(t))}` : num(t)}`;
}
const includes = (lo: number, hi: number, t: number) => lo <= t && t <= hi;

// Rules ---------------------------------------------------------------------------------------------

interface Suggestion {
  level: number;
  assessed: boolean;
  reason: string;
  source: string;
}

function riskOfBias(input: SofInput): Suggestion {
  const source =
    "GRADE guidelines 4 (Guyatt et al. J Clin Epidemiol 2011;64:407–415); thresholds app convention";
  const s = input.riskOfBias;
  if (!s)
    return {
      level: 0,
      assessed: false,
      reason: "No risk-of-bias shares were given: reviewers' judgement.",
      source,
    };
  const severe = (s.high ?? 0) + (s.serious ?? 0) + (s.critical ?? 0);
  const concerns = (s.some_concerns ?? 0) + (s.no_information ?? 0);
  const desc = `${pct(severe)} of the weight comes from studies at high, serious or critical risk of bias and ${pct(concerns)} from studies with some concerns or no information`;
  const critical =
    (s.critical ?? 0) > 0
      ? ` ${pct(s.critical ?? 0)} is at critical risk, which ROBINS-I advises keeping out of a synthesis.`
      : "";
  if (severe >= ROB_SEVERE_SHARE_TWO_LEVELS) {
    return {
      level: -2,
      assessed: true,
      reason: `${desc}: at least ${pct(ROB_SEVERE_SHARE_TWO_LEVELS)} at high risk → −2.${critical}`,
      source,
    };
  }
  if (severe >= ROB_SEVERE_SHARE_ONE_LEVEL) {
    return {
      level: -1,
      assessed: true,
      reason: `${desc}: at least ${pct(ROB_SEVERE_SHARE_ONE_LEVEL)} at high risk → −1.${critical}`,
      source,
    };
  }
  if (severe + concerns >= ROB_NOT_LOW_SHARE_ONE_LEVEL) {
    return {
      level: -1,
      assessed: true,
      reason: `${desc}: together at least ${pct(ROB_NOT_LOW_SHARE_ONE_LEVEL)} not at low risk → −1.${critical}`,
      source,
    };
  }
  return {
    level: 0,
    assessed: true,
    reason: `${desc}: below ${pct(ROB_SEVERE_SHARE_ONE_LEVEL)} at high risk and below ${pct(ROB_NOT_LOW_SHARE_ONE_LEVEL)} not at low risk → 0.${critical}`,
    source,
  };
}

function inconsistency(input: SofInput): Suggestion {
  const source =
    "GRADE guidelines 7 (Guyatt et al. J Clin Epidemiol 2011;64:1294–1302); I² thresholds app convention";
  if (input.k < 2)
    return { level: 0, assessed: false, reason: "A single study: inconsistency cannot be assessed.", source };
  const I2 = input.I2;
  if (I2 === null || I2 === undefined)
    return { level: 0, assessed: false, reason: "No I² was given: reviewers' judgement.", source };
  const t = input.imprecisionThreshold ?? 0;
  const pi = input.predictionInterval ?? null;
  const crosses = pi ? includes(pi.lower, pi.upper, t) : null;
  const tau = input.tau2 !== null && input.tau2 !== undefined ? `, τ² = ${num(input.tau2)}` : "";
  const piText = pi
    ? `, and the 95% prediction interval ${onScale(input.effect, pi.lower)} to ${onScale(input.effect, pi.upper)} ${crosses ? "includes" : "lies on one side of"} ${thresholdText(input.effect, t)}`
    : ", and no prediction interval was given (I² alone decides)";
  const desc = `I² = ${num(I2)}%${tau}${piText}`;
  if (I2 > INCONSISTENCY_I2_ONE_LEVEL && crosses === false) {
    return {
      level: 0,
      assessed: true,
      reason: `${desc}: the studies' effects differ but all point the same way → 0.`,
      source,
    };
  }
  if (I2 > INCONSISTENCY_I2_TWO_LEVELS) {
    return {
      level: -2,
      assessed: true,
      reason: `${desc}: I² above ${INCONSISTENCY_I2_TWO_LEVELS}% → −2.`,
      source,
    };
  }
  if (I2 > INCONSISTENCY_I2_ONE_LEVEL) {
    return {
      level: -1,
      assessed: true,
      reason: `${desc}: I² above ${INCONSISTENCY_I2_ONE_LEVEL}% → −1.`,
      source,
    };
  }
  return {
    level: 0,
    assessed: true,
    reason: `${desc}: I² at most ${INCONSISTENCY_I2_ONE_LEVEL}% → 0.`,
    source,
  };
}

function imprecision(input: SofInput): Suggestion {
  const source = "GRADE guidelines 6 (Guyatt et al. J Clin Epidemiol 2011;64:1283–1293)";
  const e = input.effect;
  const t = input.imprecisionThreshold ?? 0;
  const crossesT = includes(e.ciLower, e.ciUpper, t);
  // With a threshold other than the null, appreciable benefit and harm lie beyond t and −t.
  const both = t !== 0 && e.ciLower <= Math.min(t, -t) && e.ciUpper >= Math.max(t, -t);
  const ois = input.optimalInformationSize ?? null;
  const count = ois ? (ois.unit === "participants" ? input.participants : (input.events ?? null)) : null;
  const met = ois && count !== null ? count >= ois.size : null;
  const oisText = !ois
    ? ""
    : met === null
      ? `; the optimal information size (${ois.size} ${ois.unit}) cannot be checked: the number of ${ois.unit} is unknown`
      : `; ${count} ${ois.unit} ${met ? "meet" : "fall short of"} the optimal information size of ${ois.size}`;
  const desc = `${effectText(e)} ${crossesT ? "includes" : "excludes"} ${thresholdText(e, t)}${both ? ` and ${e.ratio ? `ratio ${num(Math.exp(-t))}` : num(-t)}` : ""}${oisText}`;
  if (both)
    return {
      level: -2,
      assessed: true,
      reason: `${desc}: the CI includes both appreciable benefit and appreciable harm → −2.`,
      source,
    };
  if (crossesT && met === false) {
    return {
      level: -2,
      assessed: true,
      reason: `${desc}: the CI includes the threshold and the information size is not reached → −2.`,
      source,
    };
  }
  if (crossesT)
    return { level: -1, assessed: true, reason: `${desc}: the CI includes the threshold → −1.`, source };
  if (met === false)
    return {
      level: -1,
      assessed: true,
      reason: `${desc}: the information size is not reached → −1.`,
      source,
    };
  return { level: 0, assessed: true, reason: `${desc} → 0.`, source };
}

function publicationBias(input: SofInput): Suggestion {
  const source =
    "GRADE guidelines 5 (Guyatt et al. J Clin Epidemiol 2011;64:1277–1282); p threshold app convention";
  if (input.k < PUBLICATION_BIAS_MIN_K) {
    return {
      level: 0,
      assessed: false,
      reason: `k = ${input.k}: with fewer than ${PUBLICATION_BIAS_MIN_K} studies a funnel-plot test is not meaningful; reviewers' judgement (e.g. industry funding, unpublished registered trials).`,
      source,
    };
  }
  const p = input.eggerP;
  if (p === null || p === undefined)
    return {
      level: 0,
      assessed: false,
      reason: `k = ${input.k} but no Egger test was given: reviewers' judgement.`,
      source,
    };
  return p < PUBLICATION_BIAS_EGGER_P
    ? {
        level: -1,
        assessed: true,
        reason: `Egger's test p = ${num(p)} (k = ${input.k}) is below ${PUBLICATION_BIAS_EGGER_P}: funnel-plot asymmetry → −1.`,
        source,
      }
    : {
        level: 0,
        assessed: true,
        reason: `Egger's test p = ${num(p)} (k = ${input.k}) is not below ${PUBLICATION_BIAS_EGGER_P} → 0.`,
        source,
      };
}

function indirectness(): Suggestion {
  return {
    level: 0,
    assessed: false,
    reason:
      "Not assessed: reviewers' judgement (do the populations, interventions, comparators and outcomes match the review question?).",
    source: "GRADE guidelines 8 (Guyatt et al. J Clin Epidemiol 2011;64:1303–1310)",
  };
}

const UP_SOURCE = "GRADE guidelines 9 (Guyatt et al. J Clin Epidemiol 2011;64:1311–1316)";

function upgrades(
  input: SofInput,
  startsLow: boolean,
  down: Readonly<Record<DowngradeFactor, number>>,
): Record<UpgradeFactor, Suggestion> {
  const rated = DOWNGRADE_FACTORS.filter((f) => down[f] < 0).map(
    (f) => `${f.replace(/_/g, " ")} −${-down[f]}`,
  );
  const block = !startsLow
    ? "randomised evidence starts high and GRADE rates up only non-randomised evidence"
    : rated.length > 0
      ? `GRADE rates up only evidence not rated down (here: ${rated.join(", ")})`
      : null;
  const e = input.effect;
  const large = ((): Suggestion => {
    const source = `${UP_SOURCE}; ratio thresholds GRADE's own`;
    if (!e.ratio)
      return {
        level: 0,
        assessed: false,
        reason: "The large-effect rule needs a ratio measure: reviewers' judgement.",
        source,
      };
    const r = Math.exp(e.estimate);
    const size =
      r > VERY_LARGE_EFFECT_RATIO || r < 1 / VERY_LARGE_EFFECT_RATIO
        ? 2
        : r > LARGE_EFFECT_RATIO || r < 1 / LARGE_EFFECT_RATIO
          ? 1
          : 0;
    const text = `${e.measure ?? "ratio"} ${num(r)}`;
    if (size === 0) {
      return {
        level: 0,
        assessed: true,
        reason: `${text} is between ${1 / LARGE_EFFECT_RATIO} and ${LARGE_EFFECT_RATIO}: not a large effect → 0.`,
        source,
      };
    }
    const what =
      size === 2
        ? `outside ${1 / VERY_LARGE_EFFECT_RATIO} to ${VERY_LARGE_EFFECT_RATIO}, a very large effect`
        : `outside ${1 / LARGE_EFFECT_RATIO} to ${LARGE_EFFECT_RATIO}, a large effect`;
    if (input.k < LARGE_EFFECT_MIN_K)
      return { level: 0, assessed: true, reason: `${text} is ${what}, but from a single study → 0.`, source };
    if (block) return { level: 0, assessed: true, reason: `${text} is ${what}, but ${block} → 0.`, source };
    return { level: size, assessed: true, reason: `${text} is ${what} → +${size}.`, source };
  })();
  const dose = ((): Suggestion => {
    const source = `${UP_SOURCE}; p threshold app convention`;
    const d = input.doseResponse;
    if (!d) return { level: 0, assessed: false, reason: "No dose–response analysis was given.", source };
    const text = `the dose–response ${d.test === "slope" ? "slope" : "non-linearity"} test has p = ${num(d.p)}`;
    if (d.p >= DOSE_RESPONSE_P)
      return { level: 0, assessed: true, reason: `${text}, not below ${DOSE_RESPONSE_P} → 0.`, source };
    if (block) return { level: 0, assessed: true, reason: `${text}, a gradient, but ${block} → 0.`, source };
    return {
      level: 1,
      assessed: true,
      reason: `${text}, below ${DOSE_RESPONSE_P}: a dose–response gradient → +1.`,
      source,
    };
  })();
  return {
    large_effect: large,
    dose_response: dose,
    plausible_confounding: {
      level: 0,
      assessed: false,
      reason:
        "Not assessed: reviewers' judgement (would all plausible residual confounding reduce the effect shown?).",
      source: UP_SOURCE,
    },
  };
}

function certainty(start: Certainty, levels: readonly number[]): Certainty {
  const sum = levels.reduce((s, l) => s + l, LEVEL[start]);
  // GRADE has four levels: nothing goes below very low or above high.
  return BY_LEVEL[Math.min(4, Math.max(1, sum))]!;
}

export function gradeCertainty(input: SofInput, decisions: Decisions = {}): SofRow {
  const allRandomised = input.designs.length > 0 && input.designs.every((d) => d === "randomised");
  const start: Certainty = allRandomised ? "high" : "low";
  const notes: string[] = [];
  if (!allRandomised && input.designs.includes("randomised")) {
    notes.push(
      "The pool mixes randomised and non-randomised studies; GRADE suggests rating them separately and presenting the better evidence.",
    );
  }
  const startReason = allRandomised
    ? "All studies are randomised: start at high (GRADE guidelines 3)."
    : "Not all studies are randomised: start at low (GRADE guidelines 3).";

  const down: Record<DowngradeFactor, Suggestion> = {
    risk_of_bias: riskOfBias(input),
    inconsistency: inconsistency(input),
    indirectness: indirectness(),
    imprecision: imprecision(input),
    publication_bias: publicationBias(input),
  };
  const levels = (f: (x: DowngradeFactor) => number) =>
    Object.fromEntries(DOWNGRADE_FACTORS.map((x) => [x, f(x)])) as Record<DowngradeFactor, number>;
  const suggestedDown = levels((f) => down[f].level);
  const finalDown = levels((f) => {
    const d = decisions[f];
    return d?.action === "override" ? d.level : down[f].level;
  });
  const up = upgrades(input, !allRandomised, suggestedDown);
  const upAfter = upgrades(input, !allRandomised, finalDown);

  const rating = (
    factor: GradeFactor,
    kind: FactorRating["kind"],
    s: Suggestion,
    after: Suggestion,
  ): FactorRating => {
    const d = decisions[factor];
    const final = d?.action === "override" ? d.level : after.level;
    return {
      factor,
      kind,
      suggested: s.level,
      assessed: s.assessed,
      reason: s.reason,
      source: s.source,
      decision: d === undefined ? "pending" : d.action === "override" ? "overridden" : "accepted",
      final,
      finalReason: d?.action !== "override" && after.level !== s.level ? after.reason : null,
      footnote: d?.footnote ?? null,
    };
  };
  const factors = [
    ...DOWNGRADE_FACTORS.map((f) => rating(f, "downgrade", down[f], down[f])),
    ...UPGRADE_FACTORS.map((f) => rating(f, "upgrade", up[f], upAfter[f])),
  ];
  return {
    outcome: input.outcome,
    start,
    startReason,
    factors,
    suggestedCertainty: certainty(
      start,
      factors.map((f) => f.suggested),
    ),
    finalCertainty: certainty(
      start,
      factors.map((f) => f.final),
    ),
    allDecided: factors.every((f) => f.decision !== "pending"),
    notes,
  };
}
