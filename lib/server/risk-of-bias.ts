// Risk of bias of one study: each reviewer assesses it per outcome with the tool its design takes,
// blind to the others until they have submitted; the consensus follows when every reviewer who
// submitted agrees, or an admin sets it. Versioned and audited like every edit.
import "server-only";
import { z } from "zod";
import type {
  MyRobAssessment,
  OtherRobAssessment,
  RobOverrideView,
  RobUnitView,
  StudyRobView,
} from "../contracts/risk-of-bias";
import { assess } from "../domain/rob/assess";
import { isComplete, judgmentKeys, judgmentsOf, OVERALL } from "../domain/rob/consensus";
import { isStudyDesign, readStudyDesign, STUDY_DESIGN_LABELS, TOOL_FOR_DESIGN } from "../domain/rob/design";
import { getTool } from "../domain/rob/tools";
import { isAnswer, JUDGMENTS, VARIANTS, type Answer, type Answers, type ToolId } from "../domain/rob/types";
import type { RobConsensusInput, SaveRobAssessmentInput } from "../validation/rob";
import { db } from "./platform/db";
import { versionedCache } from "./sql/data-version";
import { AppError } from "./platform/errors";
import { assertRole, type SessionUser } from "./platform/session-user";
import { audit } from "./sql/audit";
import type { Tx } from "./sql/client";
import { consensusRecord, followRobAgreement, readJudgments, toolOf } from "./sql/rob";

/** Whose blind view of the team's risk-of-bias consensus a reader gets: a reviewer's own (they see
 * a consensus once they have submitted theirs), or everyone's (null) for admins and viewers. */
export const robReader = (user: SessionUser): string | null => (user.role === "reviewer" ? user.id : null);

const AnswersSchema = z.record(z.string().max(10), z.string().max(10));
const OverridesSchema = z.record(
  z.string().max(10),
  z.object({ judgment: z.enum(JUDGMENTS), justification: z.string() }),
);
function readAnswers(v: unknown): Answers {
  const out: Record<string, Answer> = {};
  for (const [id, a] of Object.entries(AnswersSchema.safeParse(v).data ?? {})) if (isAnswer(a)) out[id] = a;
  return out;
}
const readOverrides = (v: unknown): Record<string, RobOverrideView> =>
  OverridesSchema.safeParse(v).data ?? {};
const readVariant = (v: string | null) => VARIANTS.find((x) => x === v) ?? null;

interface AssessmentRow {
  id: string;
  outcome: string;
  reviewerId: string;
  tool: string;
  variant: string | null;
  answers: unknown;
  overrides: unknown;
  judgments: unknown;
  submittedAt: Date | null;
  version: number;
  updatedAt: Date;
}

/** What an audit event keeps of an assessment: everything the reviewer entered and its result. */
const assessmentRecord = (a: Omit<AssessmentRow, "id" | "reviewerId" | "version" | "updatedAt">) => ({
  outcome: a.outcome,
  tool: a.tool,
  variant: a.variant,
  answers: readAnswers(a.answers),
  overrides: readOverrides(a.overrides),
  judgments: readJudgments(a.judgments),
  submitted: a.submittedAt !== null,
});

function mineOf(a: AssessmentRow): MyRobAssessment {
  const overrides = readOverrides(a.overrides);
  const { [OVERALL]: overallOverride, ...domains } = overrides;
  return {
    version: a.version,
    tool: toolOf(a.tool),
    variant: readVariant(a.variant),
    answers: readAnswers(a.answers),
    overrides: domains,
    overallOverride: overallOverride ?? null,
    judgments: readJudgments(a.judgments),
    submitted: a.submittedAt !== null,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** A study's design, assessments, consensus and outcomes as stored (who may see which is decided
 * per reader), cached while the data stay the same. */
function readRob(studyId: string) {
  return Promise.all([
    db().study.findUnique({
      where: { id: studyId },
      select: { design: true, designText: true, phase: true },
    }),
    db().robAssessment.findMany({
      where: { studyId },
      orderBy: { createdAt: "asc" },
      include: { reviewer: { select: { name: true } } },
    }),
    db().robConsensus.findMany({ where: { studyId }, include: { setBy: { select: { name: true } } } }),
    db().outcomeData.findMany({ where: { studyId }, select: { outcome: true }, orderBy: { outcome: "asc" } }),
    db().outcomeData.groupBy({ by: ["outcome"], orderBy: { outcome: "asc" }, take: 200 }),
  ]);
}
const robReads = versionedCache<Awaited<ReturnType<typeof readRob>>>();

export async function studyRiskOfBias(actor: SessionUser | null, studyId: string): Promise<StudyRobView> {
  const user = assertRole(actor, "viewer");
  const [study, assessments, consensus, outcomes, suggestions] = await robReads(db(), studyId, () =>
    readRob(studyId),
  );
  if (!study) throw new AppError("not_found", "This study no longer exists.");
  const design = study.design;
  const names = new Set<string>([
    ...outcomes.map((o) => o.outcome),
    ...assessments.map((a) => a.outcome),
    ...consensus.map((c) => c.outcome),
  ]);
  if (names.size === 0) names.add("");
  const sees = user.role === "admin" || user.role === "viewer";
  const units = [...names].sort().map((outcome): RobUnitView => {
    const here = assessments.filter((a) => a.outcome === outcome);
    const mine = here.find((a) => a.reviewerId === user.id) ?? null;
    const others = here.filter((a) => a.reviewerId !== user.id);
    const open = sees || mine?.submittedAt != null;
    const c = consensus.find((x) => x.outcome === outcome) ?? null;
    return {
      outcome,
      mine: mine && mineOf(mine),
      others: open
        ? others.map((a): OtherRobAssessment => ({
            reviewer: a.reviewer.name,
            tool: toolOf(a.tool),
            judgments: readJudgments(a.judgments),
            justifications: Object.fromEntries(
              Object.entries(readOverrides(a.overrides)).map(([k, o]) => [k, o.justification]),
            ),
            submitted: a.submittedAt !== null,
          }))
        : null,
      hiddenOthers: open ? 0 : others.filter((a) => a.submittedAt !== null).length,
      consensus:
        open && c
          ? {
              tool: toolOf(c.tool),
              judgments: readJudgments(c.judgments),
              overall: c.overall,
              setBy: c.setBy?.name ?? (c.setById ? "an admin" : null),
              note: c.note,
              version: c.version,
            }
          : null,
      consensusHidden: !open && c !== null,
    };
  });
  return {
    design,
    designRead: readStudyDesign(study.designText, study.phase),
    tool: design ? TOOL_FOR_DESIGN[design] : null,
    units,
    outcomeSuggestions: suggestions.map((s) => s.outcome),
  };
}

/** Locks the study (one risk-of-bias write per study at a time, so that the consensus sees every
 * save) and checks that `tool` is the one its design takes. */
async function lockStudy(tx: Tx, studyId: string, tool: ToolId) {
  const rows = await tx.$queryRaw<{ design: string | null }[]>`
    SELECT design::text AS design FROM studies WHERE id = ${studyId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("not_found", "This study no longer exists.");
  const design = row.design !== null && isStudyDesign(row.design) ? row.design : null;
  if (!design) {
    throw new AppError(
      "invalid",
      "This study's design is not known yet: set it in the study's correction form first; it picks the tool.",
    );
  }
  if (TOOL_FOR_DESIGN[design] !== tool) {
    throw new AppError(
      "conflict",
      `This study's design was changed to ${STUDY_DESIGN_LABELS[design].toLowerCase()} meanwhile, which takes ${
        getTool(TOOL_FOR_DESIGN[design]).name
      }. Nothing was saved: reload and assess it again.`,
    );
  }
}

export async function saveRobAssessment(actor: SessionUser | null, input: SaveRobAssessmentInput) {
  const user = assertRole(actor, "reviewer", "assess risk of bias");
  const { studyId, outcome } = input;
  const result = assess(input.input);
  return db().$transaction(async (tx) => {
    await lockStudy(tx, studyId, input.input.tool);
    const existing = await tx.robAssessment.findUnique({
      where: { studyId_outcome_reviewerId: { studyId, outcome, reviewerId: user.id } },
    });
    if ((existing?.version ?? 0) !== input.version) {
      throw new AppError(
        "conflict",
        `Your assessment of this outcome was saved from another window after you opened this one (now version ${
          existing?.version ?? 0
        }). Nothing was saved: your answers are still in the form; reload to see the saved ones.`,
      );
    }
    // Once submitted, an assessment stays submitted: a change must keep it complete.
    const submit = input.submit || existing?.submittedAt != null;
    if (submit && !isComplete(result)) {
      const missing = [
        ...result.domains.filter((d) => d.final === null).map((d) => d.domainId),
        ...(result.overall.final === null ? ["the overall judgement"] : []),
      ];
      throw new AppError(
        "invalid",
        `Not submitted: ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no judgement yet. Answer the questions the tool needs, or give a judgement with a justification${
          existing?.submittedAt ? "" : "; or save it as a draft"
        }.`,
      );
    }
    const overrides: Record<string, RobOverrideView> = {};
    for (const [id, o] of Object.entries(input.input.overrides ?? {}))
      if (o) overrides[id] = { judgment: o.judgment, justification: o.justification };
    const oo = input.input.overallOverride;
    if (oo) overrides[OVERALL] = { judgment: oo.judgment, justification: oo.justification };
    const data = {
      tool: input.input.tool,
      variant: input.input.variant,
      answers: Object.fromEntries(
        Object.entries(input.input.answers).filter((e): e is [string, Answer] => e[1] !== undefined),
      ),
      overrides,
      judgments: judgmentsOf(result),
      overall: result.overall.final,
      submittedAt: submit ? (existing?.submittedAt ?? new Date()) : null,
    };
    let id: string;
    if (existing) {
      const { count } = await tx.robAssessment.updateMany({
        where: { id: existing.id, version: existing.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError(
          "conflict",
          "Your assessment was saved at the same moment elsewhere. Reload and try again.",
        );
      id = existing.id;
    } else {
      id = (await tx.robAssessment.create({ data: { studyId, outcome, reviewerId: user.id, ...data } })).id;
    }
    const consensus = await followRobAgreement(tx, studyId, outcome);
    await audit(tx, {
      actorId: user.id,
      action: "rob.assess",
      entityType: "rob_assessment",
      entityId: id,
      studyId,
      before: existing ? assessmentRecord(existing) : null,
      after: { ...assessmentRecord({ outcome, ...data }), consensus },
    });
    return { version: (existing?.version ?? 0) + 1, submitted: submit, consensus: consensus !== null };
  });
}

/** An admin sets the consensus of a study–outcome; `automatic` hands it back to the reviewers. */
export async function setRobConsensus(actor: SessionUser | null, input: RobConsensusInput) {
  const user = assertRole(actor, "admin", "set the risk-of-bias consensus");
  const { studyId, outcome } = input;
  return db().$transaction(async (tx) => {
    await lockStudy(tx, studyId, input.tool);
    const before = await tx.robConsensus.findUnique({ where: { studyId_outcome: { studyId, outcome } } });
    if ((before?.version ?? 0) !== input.version) {
      throw new AppError(
        "conflict",
        `The consensus was changed after you opened this page${
          before ? ` (it is now ${before.overall.replace("_", " ")} overall)` : ""
        }. Nothing was saved: reload and decide again.`,
      );
    }
    let after: ReturnType<typeof consensusRecord> | null;
    if (input.automatic) {
      if (before) await tx.robConsensus.delete({ where: { studyId_outcome: { studyId, outcome } } });
      after = await followRobAgreement(tx, studyId, outcome);
    } else {
      const judgments = Object.fromEntries(
        judgmentKeys(input.tool).map((k) => [k, input.judgments[k] ?? null]),
      );
      const data = {
        tool: input.tool,
        judgments,
        overall: input.judgments[OVERALL]!,
        note: input.note,
        setById: user.id,
      };
      await tx.robConsensus.upsert({
        where: { studyId_outcome: { studyId, outcome } },
        create: { studyId, outcome, ...data },
        update: { ...data, version: { increment: 1 } },
      });
      after = consensusRecord(data);
    }
    await audit(tx, {
      actorId: user.id,
      action: "rob.consensus",
      entityType: "rob_consensus",
      entityId: `${studyId}:${outcome}`,
      studyId,
      before: before ? { outcome, ...consensusRecord(before) } : null,
      after: after ? { outcome, ...after } : { outcome, consensus: null },
    });
    return { automatic: input.automatic, consensus: after !== null };
  });
}
