// GRADE summary of findings over the analysis page's studies: one row per outcome with data,
// pooled with the page's choices, its certainty suggested from the data and decided by the team
// (accept or override each rating with a footnote), versioned and audited per outcome.
import "server-only";
import type { SofRowView, SofTableView } from "../contracts/risk-of-bias";
import type { AnalysisOptions, AnalysisResult, AnalysisRow } from "../domain/analysis";
import type { CohortFilter } from "../domain/filter/filter";
import type { SofInput } from "../domain/grade/certainty";
import { summaryOfFindingsRow, type GradeSettings } from "../domain/grade/sof";
import { doseResponseGradient } from "../domain/stats/dose-response";
import { MEASURES } from "../domain/stats/meta";
import { readDecisions, type GradeRatingInput } from "../validation/grade";
import { GRADIENT_ARM_SELECT, gradientArms, gradientSettings } from "./dose-response";
import { outcomeNames } from "./outcome-data";
import { db } from "./platform/db";
import { AppError } from "./platform/errors";
import { assertRole, type SessionUser } from "./platform/session-user";
import { audit } from "./sql/audit";

/** Evidence of a dose–response gradient for an outcome, as GRADE's rating up takes it. */
export type DoseResponseEvidence = NonNullable<SofInput["doseResponse"]>;

/**
 * Where the dose–response analysis plugs in: given an outcome and its pooled studies, the p-value
 * of its slope test over the per-arm data entered for that outcome (lib/domain/stats/dose-response
 * gradient.ts). Without per-arm data there is none, and reviewers rate up for a gradient by hand:
 * an override of "dose_response" to +1 with a footnote.
 */
export type DoseResponseHook = (context: {
  outcome: string;
  filter: CohortFilter;
  rows: readonly Pick<AnalysisRow, "studyId">[];
}) => Promise<DoseResponseEvidence | null>;

export const doseResponseEvidence: DoseResponseHook = async ({ outcome, filter, rows }) => {
  const studyIds = [...new Set(rows.map((r) => r.studyId))];
  if (studyIds.length === 0) return null;
  const data = await db().armOutcome.findMany({
    where: { outcome, studyId: { in: studyIds } },
    select: GRADIENT_ARM_SELECT,
  });
  const gradient = doseResponseGradient(gradientArms(data), gradientSettings(filter));
  return gradient ? { p: gradient.p, test: gradient.test } : null;
};

/** At most this many outcomes are pooled for the table (each is one query and one model). */
const MAX_OUTCOMES = 40;

const measureOf = (v: string | null) => MEASURES.find((m) => m === v) ?? null;
const unitOf = (v: string | null) => (v === "events" ? "events" : "participants");

/** Pools one outcome over the page's studies (the analysis page's own `analyse`). */
export type Pool = (options: AnalysisOptions) => Promise<{ rows: AnalysisRow[]; result: AnalysisResult }>;

export async function summaryOfFindings(
  actor: SessionUser | null,
  filter: CohortFilter,
  chosen: AnalysisOptions,
  pool: Pool,
  hook: DoseResponseHook = doseResponseEvidence,
): Promise<SofTableView> {
  const user = assertRole(actor, "viewer");
  const [outcomes, ratings] = await Promise.all([
    outcomeNames(user),
    db().gradeRating.findMany({ include: { updatedBy: { select: { name: true } } } }),
  ]);
  const byOutcome = new Map(ratings.map((r) => [r.outcome, r]));
  const picked = outcomes.slice(0, MAX_OUTCOMES);
  const results = await Promise.all(
    picked.map(async ({ outcome }) => {
      // The chosen outcome with every choice of the page; the others with its model and trials.
      const options: AnalysisOptions =
        outcome === chosen.outcome
          ? { ...chosen, subgroup: "none", mods: "none" }
          : { ...chosen, outcome, measure: undefined, subgroup: "none", mods: "none" };
      const { rows, result } = await pool(options);
      return { outcome, rows, result };
    }),
  );
  const rows: SofRowView[] = [];
  const skipped: SofTableView["skipped"] = [];
  for (const { outcome, rows: data, result } of results) {
    const r = byOutcome.get(outcome);
    const settings: GradeSettings = {
      threshold: r?.threshold ?? null,
      thresholdMeasure: measureOf(r?.thresholdMeasure ?? null),
      ois: r?.oisSize ? { size: r.oisSize, unit: unitOf(r.oisUnit) } : null,
      decisions: readDecisions(r?.decisions),
    };
    const doseResponse = result.model ? await hook({ outcome, filter, rows: data }) : null;
    const row = summaryOfFindingsRow(outcome, result, settings, doseResponse);
    if (!row) {
      if (data.length > 0) skipped.push({ outcome, reason: result.error ?? "no pooled estimate" });
      continue;
    }
    rows.push({
      ...row,
      rating: {
        version: r?.version ?? 0,
        threshold: settings.threshold,
        thresholdMeasure: settings.thresholdMeasure,
        ois: settings.ois,
        updatedBy: r?.updatedBy?.name ?? null,
      },
    });
  }
  if (outcomes.length > MAX_OUTCOMES)
    skipped.push({ outcome: `${outcomes.length - MAX_OUTCOMES} more outcomes`, reason: "not shown" });
  return { rows, skipped };
}

const ratingRecord = (r: {
  threshold: number | null;
  thresholdMeasure: string | null;
  oisSize: number | null;
  oisUnit: string | null;
  decisions: unknown;
}) => ({
  threshold: r.threshold,
  thresholdMeasure: r.thresholdMeasure,
  ois: r.oisSize === null ? null : { size: r.oisSize, unit: r.oisUnit },
  decisions: readDecisions(r.decisions),
});

export async function saveGradeRating(actor: SessionUser | null, input: GradeRatingInput) {
  const user = assertRole(actor, "reviewer", "rate the certainty of evidence");
  return db().$transaction(async (tx) => {
    const known = await tx.outcomeData.count({ where: { outcome: input.outcome } });
    if (known === 0) throw new AppError("not_found", "No study has data on this outcome any more.");
    const before = await tx.gradeRating.findUnique({ where: { outcome: input.outcome } });
    if ((before?.version ?? 0) !== input.version) {
      throw new AppError(
        "conflict",
        "Someone rated this outcome after you opened the page. Nothing was saved: your choices are still in the form; reload to see theirs, then save yours again.",
      );
    }
    const data = {
      threshold: input.threshold,
      thresholdMeasure: input.thresholdMeasure,
      oisSize: input.ois?.size ?? null,
      oisUnit: input.ois?.unit ?? null,
      decisions: input.decisions,
      updatedById: user.id,
    };
    if (before) {
      const { count } = await tx.gradeRating.updateMany({
        where: { outcome: input.outcome, version: before.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError("conflict", "This outcome was rated at the same moment. Reload and try again.");
    } else {
      await tx.gradeRating.create({ data: { outcome: input.outcome, ...data } });
    }
    await audit(tx, {
      actorId: user.id,
      action: "grade.rate",
      entityType: "grade_rating",
      entityId: input.outcome,
      before: before ? ratingRecord(before) : null,
      after: ratingRecord(data),
    });
    return { version: (before?.version ?? 0) + 1 };
  });
}
