// Risk-of-bias reads and writes that take a db: a study's assessments and consensus, the consensus
// of the filtered studies under one tool, submitted assessments for agreement, the consensus that
// follows the reviewers' agreement, and what an audit event records of each.
import { Prisma } from "../../generated/prisma/client.ts";
import type { CohortFilter } from "../../domain/filter/filter";
import {
  agreedJudgments,
  JudgmentMapSchema,
  sameJudgments,
  type JudgmentMap,
} from "../../domain/rob/consensus";
import { TOOL_FOR_DESIGN, type StudyDesign } from "../../domain/rob/design";
import type { LabelledStudy } from "../../domain/rob/labels";
import { TOOL_IDS, type Judgment, type ToolId } from "../../domain/rob/types";
import type { Queryable, Tx } from "./client";
import { cohortSql } from "./filter-sql";

export const toolOf = (value: string): ToolId => {
  const tool = TOOL_IDS.find((t) => t === value);
  if (!tool) throw new Error(`unknown risk-of-bias tool ${value}`);
  return tool;
};

/** A stored judgement map, read through its schema (a bad one reads as empty, never as a cast). */
export const readJudgments = (value: unknown): JudgmentMap => JudgmentMapSchema.safeParse(value).data ?? {};

/**
 * Whether the consensus row `c` may be shown to `reader`: reviewers assess blind, so a reviewer
 * (reader = their id) sees a study–outcome's consensus only once they have submitted their own
 * assessment of it; admins and viewers (reader null) see every one.
 */
export const consensusVisibleSql = (c: string, reader: string | null) =>
  reader === null
    ? Prisma.sql`TRUE`
    : Prisma.sql`EXISTS (SELECT 1 FROM rob_assessments ra WHERE ra.study_id = ${Prisma.raw(`${c}.study_id`)}
        AND ra.outcome = ${Prisma.raw(`${c}.outcome`)} AND ra.reviewer_id = ${reader}::uuid AND ra.submitted_at IS NOT NULL)`;

export interface ConsensusRow {
  studyId: string;
  outcome: string;
  tool: string;
  judgments: unknown;
  overall: Judgment;
  setById: string | null;
}

/** The consensus of the filtered studies made with `tool`, for one outcome (its own, else the
 * study's whole-study one) or, with outcome null, every outcome; as `reader` may see it. */
export function queryConsensus(
  db: Queryable,
  filter: CohortFilter,
  tool: ToolId,
  outcome: string | null,
  reader: string | null,
): Promise<(ConsensusRow & LabelledStudy)[]> {
  const which =
    outcome === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`c.outcome = ${outcome} OR (c.outcome = '' AND NOT EXISTS (
          SELECT 1 FROM rob_consensus o WHERE o.study_id = c.study_id AND o.outcome = ${outcome}
             AND ${consensusVisibleSql("o", reader)}))`;
  return db.$queryRaw<(ConsensusRow & LabelledStudy)[]>`
    SELECT c.study_id AS "studyId", c.outcome, c.tool, c.judgments, c.overall::text AS overall,
           c.set_by_id AS "setById", s.id, s.first_author AS "firstAuthor",
           s.publication_year AS "publicationYear", s.reference, s.disease_code AS "diseaseCode",
           s.source_line AS "sourceLine"
      FROM rob_consensus c JOIN studies s ON s.id = c.study_id
     WHERE c.tool = ${tool} AND (${which}) AND ${consensusVisibleSql("c", reader)} AND ${cohortSql(filter)}
     ORDER BY s.disease_code, s.source_line, s.id, c.outcome`;
}

/** Submitted assessments of the filtered studies with `tool` (for agreement). */
export function querySubmitted(
  db: Queryable,
  filter: CohortFilter,
  tool: ToolId,
  outcome: string | null,
): Promise<{ studyId: string; outcome: string; reviewerId: string; judgments: unknown }[]> {
  return db.$queryRaw`
    SELECT a.study_id AS "studyId", a.outcome, a.reviewer_id AS "reviewerId", a.judgments
      FROM rob_assessments a JOIN studies s ON s.id = a.study_id
     WHERE a.tool = ${tool} AND a.submitted_at IS NOT NULL
       AND (${outcome === null ? Prisma.sql`TRUE` : Prisma.sql`a.outcome IN (${outcome}, '')`})
       AND ${cohortSql(filter)}`;
}

/** Every study the tool applies to by its design (robvis labels are unique among these), and any
 * other study with a consensus made with the tool. */
export async function queryToolStudies(db: Queryable, tool: ToolId): Promise<LabelledStudy[]> {
  const designs = (Object.entries(TOOL_FOR_DESIGN) as [StudyDesign, ToolId][])
    .filter(([, t]) => t === tool)
    .map(([d]) => d);
  return db.$queryRaw<LabelledStudy[]>`
    SELECT s.id, s.first_author AS "firstAuthor", s.publication_year AS "publicationYear", s.reference,
           s.disease_code AS "diseaseCode", s.source_line AS "sourceLine"
      FROM studies s
     WHERE s.design::text = ANY(${designs}::text[])
        OR EXISTS (SELECT 1 FROM rob_consensus c WHERE c.study_id = s.id AND c.tool = ${tool})
     ORDER BY s.id`;
}

/** What an audit event keeps of a consensus. */
export const consensusRecord = (c: {
  tool: string;
  judgments: unknown;
  overall: string;
  note: string;
  setById: string | null;
}) => ({
  tool: c.tool,
  judgments: readJudgments(c.judgments),
  overall: c.overall,
  note: c.note,
  automatic: c.setById === null,
});

/**
 * Sets the consensus that follows from the submitted assessments of a study–outcome when they
 * agree (two or more, same tool, every judgement equal), and removes an automatic one they no
 * longer support; an admin's consensus is left alone. Returns it for the audit event.
 */
export async function followRobAgreement(tx: Tx, studyId: string, outcome: string) {
  const current = await tx.robConsensus.findUnique({ where: { studyId_outcome: { studyId, outcome } } });
  if (current?.setById) return consensusRecord(current);
  const submitted = await tx.robAssessment.findMany({
    where: { studyId, outcome, submittedAt: { not: null } },
    select: { tool: true, judgments: true },
  });
  const agreed = agreedJudgments(
    submitted.map((a) => ({ tool: toolOf(a.tool), judgments: readJudgments(a.judgments) })),
  );
  if (!agreed) {
    if (current) await tx.robConsensus.delete({ where: { studyId_outcome: { studyId, outcome } } });
    return null;
  }
  const data = {
    tool: agreed.tool,
    judgments: agreed.judgments,
    overall: agreed.overall,
    note: "",
    setById: null,
  };
  const same =
    current &&
    current.tool === agreed.tool &&
    sameJudgments(readJudgments(current.judgments), agreed.judgments);
  if (!same) {
    await tx.robConsensus.upsert({
      where: { studyId_outcome: { studyId, outcome } },
      create: { studyId, outcome, ...data },
      update: { ...data, version: { increment: 1 } },
    });
  }
  return consensusRecord(data);
}
