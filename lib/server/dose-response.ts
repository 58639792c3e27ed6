// The dose–response view of the analysis page: the per-arm data entered for an outcome on the
// filtered studies, fitted with the chosen dose shape (lib/domain/stats/dose-response).
import "server-only";
import type { DoseReading, DoseResponseChoices, DoseResponseView } from "../contracts/dose-response";
import type { CohortFilter } from "../domain/filter/filter";
import { citationLabel } from "../domain/import/citation";
import {
  DoseResponseCsvProblem,
  doseResponseInput,
  ModelProblem,
  runDoseResponse,
  ShapeProblem,
  type GradientArm,
} from "../domain/stats/dose-response";
import type { DoseEstimate } from "../domain/stats/dose-response/results";
import type { Prisma } from "../generated/prisma/client.ts";
import { db } from "./platform/db";
import { assertRole, type SessionUser } from "./platform/session-user";
import { cohortWhere } from "./sql/filter-sql";
import { scoped } from "./visibility";

/** What the dose–response models need of an arm's outcome row (with its arm's dose). */
export const GRADIENT_ARM_SELECT = {
  studyId: true,
  kind: true,
  cases: true,
  n: true,
  mean: true,
  sd: true,
  arm: { select: { basis: true, doseMid: true, administrations: true } },
} as const;

type GradientArmRow = Prisma.ArmOutcomeGetPayload<{ select: typeof GRADIENT_ARM_SELECT }>;

/** Rows read with GRADIENT_ARM_SELECT as the models' arms (a row without an arm is the control, dose 0). */
export function gradientArms(rows: readonly GradientArmRow[]): GradientArm[] {
  return rows.map((d) => ({
    studyId: d.studyId,
    dose: d.arm ? { basis: d.arm.basis, mid: d.arm.doseMid, administrations: d.arm.administrations } : null,
    kind: d.kind,
    cases: d.cases,
    n: d.n,
    mean: d.mean,
    sd: d.sd,
  }));
}

/** The dose axis the filter asks for: its reference weight, per administration or cumulative. */
export const gradientSettings = (filter: CohortFilter) => ({
  referenceWeightKg: filter.referenceWeightKg,
  cumulative: filter.doseScale === "cumulative",
});

/** Simulated curves behind the intervals of the doses read off the curve. */
const DRAWS = 500;

/** At most this many arms are fitted (the models are dense; 4,000 arms take about a second). */
const MAX_ARMS = 4000;

export async function doseResponseView(
  actor: SessionUser | null,
  filter: CohortFilter,
  choices: DoseResponseChoices,
  /** a frozen cohort's id: its members as frozen, not the filter's studies now */
  memberOf: string | null = null,
): Promise<DoseResponseView | { problem: string } | null> {
  const user = assertRole(actor, "viewer");
  const { outcome, shape } = choices;
  if (!outcome) return null;
  const members = memberOf
    ? (await db().cohortStudy.findMany({ where: { cohortId: memberOf }, select: { studyId: true } })).map(
        (m) => m.studyId,
      )
    : null;
  const fetched = await db().armOutcome.findMany({
    where: {
      outcome,
      study: cohortWhere(await scoped(user, filter)),
      ...(members ? { studyId: { in: members } } : {}),
    },
    select: {
      ...GRADIENT_ARM_SELECT,
      study: { select: { reference: true, firstAuthor: true, publicationYear: true } },
    },
    orderBy: [{ studyId: "asc" }],
    take: MAX_ARMS + 1,
  });
  // Over the cap, the last study read is left out whole: half a study's arms (its control arm
  // perhaps among the missing) would distort its contrasts.
  const truncated = fetched.length > MAX_ARMS;
  const last = fetched[fetched.length - 1]?.studyId;
  const rows = truncated ? fetched.filter((r) => r.studyId !== last) : fetched;
  const settings = gradientSettings(filter);
  const arms = gradientArms(rows);
  const input = doseResponseInput(arms, settings, choices.model);
  if (!input) {
    if (choices.model === "within" && doseResponseInput(arms, settings, "across"))
      return {
        problem:
          "No study has both a reference arm (dose 0) and a dosed arm with data for this outcome: a curve within studies needs them. Fit it across arms instead.",
      };
    return null;
  }
  const shapeOptions = {
    shape,
    ...(shape === "rcs"
      ? choices.knotValues
        ? { knotValues: choices.knotValues }
        : { knotCount: choices.knotCount }
      : {}),
    ...(choices.reference !== null ? { reference: choices.reference } : {}),
  };
  let report;
  try {
    report = runDoseResponse(input.csv, { ...input.options, ...shapeOptions, draws: DRAWS, seed: 1 });
  } catch (error) {
    // Too few arms or doses for this shape, or no convergence: say so in the model's words.
    const known =
      error instanceof ModelProblem ||
      error instanceof ShapeProblem ||
      error instanceof DoseResponseCsvProblem;
    return {
      problem: `These ${input.arms} arms cannot be fitted with this shape${known ? `: ${error.message}` : ""}. Try a simpler shape.`,
    };
  }
  const labels = new Map(
    rows.map((r) => [
      r.studyId,
      citationLabel({ firstAuthor: r.study.firstAuthor, year: r.study.publicationYear }, r.study.reference),
    ]),
  );
  // The observed values on the curve's scale, read back from the CSV the model was given.
  const [header, ...lines] = input.csv.split("\n");
  const cols = header!.split(",");
  const at = (cells: string[], name: string) => Number(cells[cols.indexOf(name)]);
  const parsed = lines.map((l) => l.split(","));
  const refMean = new Map<string, number>();
  if (input.model === "two-stage" && input.measure === "mean difference")
    for (const c of parsed) if (at(c, "dose") === 0) refMean.set(c[0]!, at(c, "y"));
  const points = parsed.map((c) => {
    const dose = at(c, "dose");
    const n = at(c, "n");
    const value =
      input.measure === "logit proportion"
        ? Math.log((at(c, "cases") + 0.5) / (n - at(c, "cases") + 0.5))
        : input.measure === "mean difference"
          ? at(c, "y") - (refMean.get(c[0]!) ?? 0)
          : input.measure === "log relative risk"
            ? at(c, "logrr")
            : at(c, "y");
    return { studyId: c[0]!, label: labels.get(c[0]!) ?? "Study", dose, value, n };
  });
  const [lo, hi] = report.range;
  const grid = Array.from({ length: 41 }, (_, i) => lo + ((hi - lo) * i) / 40);
  // Across arms the curve is drawn at the arm level (intercept included); within studies, as the
  // difference from the reference dose.
  const curve =
    input.model === "across-arms" && report.levels
      ? report.levels
      : runDoseResponse(input.csv, { ...input.options, ...shapeOptions, predict: grid, draws: 0, seed: 1 })
          .predictions;
  const sim = report.summary.simulation;
  const reading = (name: DoseReading["name"], d: DoseEstimate): DoseReading => ({
    name,
    dose: d.dose,
    lower: d.lower,
    upper: d.upper,
    notReachedShare: sim.draws > 0 ? d.notReached / sim.draws : 0,
  });
  return {
    outcome,
    shape,
    model: input.model,
    measure: input.measure,
    cumulative: settings.cumulative,
    studies: report.studies,
    arms: input.arms,
    overall: report.overall,
    nonlinearity: report.nonlinearity,
    AIC: report.AIC,
    reference: report.reference,
    knots: report.knots,
    knotsChosen: shape === "rcs" && choices.knotValues !== null,
    maximumEffect: report.summary.maximum.effect,
    maximumInterior: report.summary.maximum.interior,
    doses: [
      reading("maximum", report.summary.maximum),
      reading("ed50", report.summary.ed50),
      reading("ed80", report.summary.ed80),
      reading("minimum effective", report.summary.minimumEffective),
    ],
    simulation: `${Math.round(sim.level * 100)}% intervals from ${sim.draws} draws of the coefficients from their estimated distribution (seed ${sim.seed}), percentiles of the doses each simulated curve gives`,
    curve: curve.map((p) => ({
      dose: p.dose,
      estimate: p.estimate,
      ciLower: p.ciLower,
      ciUpper: p.ciUpper,
      piLower: p.piLower,
      piUpper: p.piUpper,
    })),
    points,
    dataCsv: input.csv + "\n",
    truncated,
  };
}

/** The outcomes that have per-arm data, most arms first (the dose–response view's choices). */
export async function armOutcomeNames(actor: SessionUser | null): Promise<string[]> {
  assertRole(actor, "viewer");
  const rows = await db().armOutcome.groupBy({ by: ["outcome"], _count: { _all: true } });
  return rows
    .sort((a, b) => b._count._all - a._count._all || a.outcome.localeCompare(b.outcome))
    .slice(0, 200)
    .map((r) => r.outcome);
}
