// Whether an outcome's per-arm data show a dose–response gradient, as GRADE's rating up asks:
// the arms of the pooled studies on a cells/kg axis (in millions, for the models' conditioning),
// fitted by the linear dose–response model — within studies (mean differences against each
// study's reference arm at dose 0) when at least two studies have a reference arm and a dosed
// arm, else across arms with arms nested in studies (logit proportions for events, means for
// continuous data). The answer is the p-value of the slope, or null when the data cannot say.
import { toCellsPerKg, type DoseBasis } from "../../dose/dose";
import { runDoseResponse, type DoseResponseOptions } from "./run";

export interface GradientArm {
  studyId: string;
  /** null: the study's reference arm, at dose 0 */
  dose: { basis: DoseBasis; mid: number | null; administrations: number | null } | null;
  kind: "events" | "means" | "rate";
  cases: number | null;
  n: number | null;
  mean: number | null;
  sd: number | null;
}

export interface GradientSettings {
  referenceWeightKg: number;
  cumulative: boolean;
}

/** The dose on the model's axis (10⁶ cells/kg), or null when the arm has none there. */
function doseOf(arm: GradientArm, settings: GradientSettings): number | null {
  if (!arm.dose) return 0;
  const perKg = toCellsPerKg(arm.dose.basis, arm.dose.mid, settings.referenceWeightKg);
  if (perKg === null) return null;
  if (!settings.cumulative) return perKg / 1e6;
  return arm.dose.administrations === null ? null : (perKg * arm.dose.administrations) / 1e6;
}

const line = (cells: (string | number)[]) => cells.join(",");

/** The per-arm data as the dose–response models read them, with the model that fits them, or
 * null when they are too few (fewer than 3 usable arms, or a single dose). */
export interface DoseResponseInput {
  csv: string;
  options: Pick<DoseResponseOptions, "type" | "arms">;
  model: "two-stage" | "across-arms";
  measure: "mean difference" | "log relative risk" | "mean" | "logit proportion";
  arms: number;
}

/** Which model to fit: within studies where the data allow it (continuous outcomes with two or
 * more studies with a reference arm), within studies only, or across arms only. */
export type ModelPreference = "auto" | "within" | "across";

/** Studies with exactly one reference arm (dose 0) and at least one dosed arm. */
function contrastStudies<A extends { studyId: string; x: number }>(arms: A[]): [string, A[]][] {
  const byStudy = new Map<string, A[]>();
  for (const a of arms) byStudy.set(a.studyId, [...(byStudy.get(a.studyId) ?? []), a]);
  return [...byStudy].filter(([, a]) => a.filter((x) => x.x === 0).length === 1 && a.some((x) => x.x > 0));
}

/**
 * Events within studies: the log relative risk (cumulative incidence) of each dosed arm against
 * the study's reference arm, with its standard error; the Greenland–Longnecker covariance is
 * built from the cases and totals. A study with an arm of no events (or all events) gets 1/2
 * added to each cell of every arm, as escalc does by default for a study with a zero cell.
 */
function logRelativeRisks(contrasts: [string, { x: number; cases: number | null; n: number | null }[]][]) {
  return contrasts.flatMap(([id, arms]) => {
    const zero = arms.some((a) => a.cases! === 0 || a.cases! === a.n!);
    const cell = (a: { cases: number | null; n: number | null }) =>
      zero ? { c: a.cases! + 0.5, n: a.n! + 1 } : { c: a.cases!, n: a.n! };
    const ref = cell(arms.find((a) => a.x === 0)!);
    return [...arms]
      .sort((p, q) => p.x - q.x)
      .map((a) => {
        const { c, n } = cell(a);
        if (a.x === 0) return line([id, "ci", 0, c, n, 0, ""]);
        const logrr = Math.log(c / n / (ref.c / ref.n));
        const se = Math.sqrt(1 / c - 1 / n + 1 / ref.c - 1 / ref.n);
        return line([id, "ci", a.x, c, n, logrr, se]);
      });
  });
}

export function doseResponseInput(
  arms: readonly GradientArm[],
  settings: GradientSettings,
  prefer: ModelPreference = "auto",
): DoseResponseInput | null {
  const placed = arms
    .map((a) => ({ ...a, x: doseOf(a, settings) }))
    .filter((a): a is GradientArm & { x: number } => a.x !== null && Number.isFinite(a.x));
  const events = placed.filter((a) => a.kind === "events" && a.cases !== null && a.n !== null && a.n > 0);
  const means = placed.filter(
    (a) => a.kind === "means" && a.mean !== null && a.sd !== null && a.sd > 0 && a.n !== null && a.n > 1,
  );
  const distinct = (list: { x: number }[]) => new Set(list.map((a) => a.x)).size;
  if (means.length >= events.length && means.length >= 3) {
    // Within studies: those with one reference arm (dose 0) and at least one dosed arm.
    const contrasts = contrastStudies(means);
    if (prefer === "within" && contrasts.length === 0) return null;
    if (prefer === "within" || (prefer === "auto" && contrasts.length >= 2)) {
      const rows = contrasts.flatMap(([id, a]) =>
        [...a].sort((p, q) => p.x - q.x).map((x) => line([id, x.x, x.mean!, x.sd!, x.n!])),
      );
      return {
        csv: ["id,dose,y,sd,n", ...rows].join("\n"),
        options: { type: "md" },
        model: "two-stage",
        measure: "mean difference",
        arms: rows.length,
      };
    }
    if (distinct(means) < 2) return null;
    return {
      csv: ["id,dose,y,sd,n", ...means.map((x) => line([x.studyId, x.x, x.mean!, x.sd!, x.n!]))].join("\n"),
      options: { arms: "MN" },
      model: "across-arms",
      measure: "mean",
      arms: means.length,
    };
  }
  if (events.length < 3 || distinct(events) < 2) return null;
  if (prefer === "within") {
    const contrasts = contrastStudies(events);
    if (contrasts.length === 0) return null;
    const rows = logRelativeRisks(contrasts);
    return {
      csv: ["id,type,dose,cases,n,logrr,se", ...rows].join("\n"),
      options: {},
      model: "two-stage",
      measure: "log relative risk",
      arms: rows.length,
    };
  }
  return {
    csv: ["id,dose,cases,n", ...events.map((x) => line([x.studyId, x.x, x.cases!, x.n!]))].join("\n"),
    options: { arms: "PLO" },
    model: "across-arms",
    measure: "logit proportion",
    arms: events.length,
  };
}

export function doseResponseGradient(
  arms: readonly GradientArm[],
  settings: GradientSettings,
): { p: number; test: "slope"; model: "two-stage" | "across-arms"; studies: number } | null {
  const input = doseResponseInput(arms, settings);
  if (!input) return null;
  try {
    const r = runDoseResponse(input.csv, { ...input.options, shape: "linear", draws: 100, seed: 1 });
    return Number.isFinite(r.overall.p)
      ? { p: r.overall.p, test: "slope", model: input.model, studies: r.studies }
      : null;
  } catch {
    return null; // a singular design, no convergence: no evidence either way
  }
}
