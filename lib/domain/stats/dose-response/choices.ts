// The dose–response view's choices as URL parameters, so that a link (and a cohort's saved
// analysis) opens the same fit: the outcome (dro), the model (drm: auto, within, across), the
// shape (dr), for a spline the number of
// knots at Harrell's percentiles (drk) or knots at chosen doses (drv, 10⁶ cells/kg), and the
// reference dose (drref). A value that cannot be used is dropped and named, never guessed.

export type DoseResponseShapeChoice = "linear" | "quadratic" | "rcs";
export type DoseResponseModelChoice = "auto" | "within" | "across";

export interface DoseResponseChoices {
  outcome: string;
  /** within studies (contrasts against each study's reference arm), across arms, or as the data allow */
  model: DoseResponseModelChoice;
  shape: DoseResponseShapeChoice;
  knotCount: 3 | 4 | 5;
  /** knots at these doses (10⁶ cells/kg), sorted; null for Harrell's percentiles */
  knotValues: number[] | null;
  /** the dose the curve is relative to (10⁶ cells/kg); null for the model's default */
  reference: number | null;
}

export const DOSE_RESPONSE_PARAMS = ["dro", "drm", "dr", "drk", "drv", "drref"] as const;

export const DEFAULT_DOSE_RESPONSE: DoseResponseChoices = {
  outcome: "",
  model: "auto",
  shape: "linear",
  knotCount: 3,
  knotValues: null,
  reference: null,
};

const MAX_DOSE = 1e6; // 10¹² cells/kg: far above any dose given

/** Reads the choices; `problems` names each parameter that was given but could not be used. */
export function parseDoseResponseChoices(params: URLSearchParams): {
  choices: DoseResponseChoices;
  problems: string[];
  /** the free-text fields as given, for the form to show again (a refused value included) */
  typed: { knotValues: string; reference: string };
} {
  const problems: string[] = [];
  const get = (k: string) => {
    const v = params.get(k);
    return v === null ? null : v.trim();
  };
  const choices: DoseResponseChoices = { ...DEFAULT_DOSE_RESPONSE };
  choices.outcome = (get("dro") ?? "").slice(0, 200);
  const model = get("drm");
  if (model === "auto" || model === "within" || model === "across") choices.model = model;
  else if (model) problems.push(`Model “${model.slice(0, 40)}”: use auto, within or across.`);
  const shape = get("dr");
  if (shape === "linear" || shape === "quadratic" || shape === "rcs") choices.shape = shape;
  else if (shape) problems.push(`Dose shape “${shape.slice(0, 40)}”: use linear, quadratic or rcs.`);
  const k = get("drk");
  if (k === "3" || k === "4" || k === "5") choices.knotCount = Number(k) as 3 | 4 | 5;
  else if (k) problems.push(`Knots “${k.slice(0, 40)}”: use 3, 4 or 5.`);
  const values = get("drv");
  if (values) {
    const parts = values.split(/[,;\s]+/).filter(Boolean);
    const nums = parts.map(Number);
    const ok =
      parts.length >= 3 &&
      parts.length <= 5 &&
      nums.every((n) => Number.isFinite(n) && n >= 0 && n <= MAX_DOSE) &&
      new Set(nums).size === nums.length;
    if (ok) choices.knotValues = [...nums].sort((a, b) => a - b);
    else
      problems.push(
        `Knots at doses “${values.slice(0, 60)}”: give 3 to 5 different doses in 10⁶ cells/kg, separated by commas.`,
      );
  }
  const ref = get("drref");
  if (ref) {
    const n = Number(ref);
    if (Number.isFinite(n) && n >= 0 && n <= MAX_DOSE) choices.reference = n;
    else problems.push(`Reference dose “${ref.slice(0, 40)}”: give a dose of 0 or more in 10⁶ cells/kg.`);
  }
  return {
    choices,
    problems,
    typed: { knotValues: (values ?? "").slice(0, 200), reference: (ref ?? "").slice(0, 40) },
  };
}

/** The choices as URL parameters (defaults left out). */
export function doseResponseChoicesToParams(c: DoseResponseChoices): URLSearchParams {
  const p = new URLSearchParams();
  if (c.outcome) p.set("dro", c.outcome);
  if (c.model !== "auto") p.set("drm", c.model);
  if (c.shape !== "linear") p.set("dr", c.shape);
  if (c.shape === "rcs") {
    if (c.knotValues) p.set("drv", c.knotValues.join(","));
    else if (c.knotCount !== 3) p.set("drk", String(c.knotCount));
  }
  if (c.reference !== null) p.set("drref", String(c.reference));
  return p;
}

/** Whether the address gives any dose–response choice (a cohort's saved ones apply otherwise). */
export function hasDoseResponseChoices(params: URLSearchParams): boolean {
  return DOSE_RESPONSE_PARAMS.some((k) => params.has(k));
}
