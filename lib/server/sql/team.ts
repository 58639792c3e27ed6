// The SQL of the team's inbox and assignments: writing notifications in the transaction of the
// change they report, and reading whether each assignment is done or in conflict from the work
// itself. Unchecked: lib/server/inbox.ts and lib/server/assignments.ts check who asks.
import { Prisma } from "../../generated/prisma/client.ts";
import { citationLabel } from "../../domain/import/citation";
import { mentionedIn } from "../../domain/team/mentions";
import type { AssignmentStatus, AssignmentTask, ProgressCounts } from "../../domain/team/assignments";
import type { Queryable, Tx } from "./client";

export type NotificationKind = "mention" | "reply" | "assignment" | "conflict";

export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  actorId: string | null;
  studyId: string | null;
  annotationId?: string | null;
  /** The study page's section the notice is about. */
  section?: "notes" | "tags" | "history" | "tag" | "outcomes" | "rob" | null;
  message: string;
}

export const MESSAGE_MAX = 500;

/** Writes notifications (the trigger tells the live channel). A recipient never hears of their own act. */
export async function insertNotifications(tx: Tx, rows: NewNotification[]): Promise<number> {
  const kept = rows.filter((r) => r.recipientId !== r.actorId);
  if (kept.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: kept.map((r) => ({
      recipientId: r.recipientId,
      kind: r.kind,
      actorId: r.actorId,
      studyId: r.studyId,
      annotationId: r.annotationId ?? null,
      section: r.section ?? null,
      message: r.message.slice(0, MESSAGE_MAX),
    })),
  });
  return count;
}

/** How a study is named in a notification: "Forbes 2014 [53] (Crohn's disease)". */
export async function studyLabel(q: Queryable, studyId: string): Promise<string> {
  const [row] = await q.$queryRaw<
    {
      first_author: string | null;
      publication_year: number | null;
      reference: string | null;
      disease: string;
    }[]
  >`SELECT first_author, publication_year, reference, disease FROM studies WHERE id = ${studyId}::uuid`;
  if (!row) return "a study";
  return `${citationLabel({ firstAuthor: row.first_author, year: row.publication_year }, row.reference)} (${row.disease})`;
}

/** The people who may be mentioned or notified: every account that is not disabled. */
export function activeMembers(q: Queryable) {
  return q.$queryRaw<{ id: string; name: string; email: string; role: string }[]>`
    SELECT id::text AS id, name, email, role::text AS role FROM users WHERE disabled_at IS NULL ORDER BY name`;
}

const tagSet = (assessment: Prisma.Sql) =>
  Prisma.sql`(SELECT array_agg(t.category_id ORDER BY t.category_id) FROM tags t WHERE t.assessment_id = ${assessment})`;

/**
 * The status of the assignment row aliased `a`, as SQL text:
 * - tag: done once the assignee has tagged the study; in conflict while another reviewer's tags
 *   differ and no consensus is recorded;
 * - outcomes: done once the study has outcome data (study-level or per arm), whoever entered it;
 * - rob: done once the assignee has submitted an assessment; in conflict while another submitted
 *   assessment of the same outcome differs in a domain and no consensus is recorded.
 */
export const assignmentStatusSql = Prisma.sql`
  CASE a.task
    WHEN 'tag' THEN (
      SELECT CASE
        WHEN mine.id IS NULL THEN 'to do'
        WHEN NOT EXISTS (SELECT 1 FROM consensus_tags c WHERE c.study_id = a.study_id)
         AND EXISTS (SELECT 1 FROM tag_assessments o JOIN users ou ON ou.id = o.reviewer_id
                      WHERE o.study_id = a.study_id AND o.reviewer_id <> a.assignee_id
                        AND ou.disabled_at IS NULL
                        AND ${tagSet(Prisma.sql`o.id`)} IS DISTINCT FROM ${tagSet(Prisma.sql`mine.id`)})
        THEN 'in conflict' ELSE 'done' END
      FROM (SELECT (SELECT ta.id FROM tag_assessments ta
                     WHERE ta.study_id = a.study_id AND ta.reviewer_id = a.assignee_id) AS id) mine)
    WHEN 'outcomes' THEN CASE
      WHEN EXISTS (SELECT 1 FROM outcome_data d WHERE d.study_id = a.study_id)
        OR EXISTS (SELECT 1 FROM arm_outcomes d WHERE d.study_id = a.study_id) THEN 'done'
      ELSE 'to do' END
    ELSE CASE
      WHEN NOT EXISTS (SELECT 1 FROM rob_assessments r WHERE r.study_id = a.study_id
                         AND r.reviewer_id = a.assignee_id AND r.submitted_at IS NOT NULL) THEN 'to do'
      WHEN EXISTS (SELECT 1 FROM rob_assessments r
                     JOIN rob_assessments o ON o.study_id = r.study_id AND o.outcome = r.outcome
                      AND o.reviewer_id <> r.reviewer_id AND o.submitted_at IS NOT NULL
                      AND o.judgments IS DISTINCT FROM r.judgments
                    WHERE r.study_id = a.study_id AND r.reviewer_id = a.assignee_id
                      AND r.submitted_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM rob_consensus c
                                       WHERE c.study_id = r.study_id AND c.outcome = r.outcome))
        THEN 'in conflict'
      ELSE 'done' END
  END`;

export interface QueueRow {
  assignmentId: string;
  task: AssignmentTask;
  studyId: string;
  label: string;
  status: AssignmentStatus;
  assignedAt: Date;
}

interface RawQueueRow {
  id: string;
  task: AssignmentTask;
  study_id: string;
  first_author: string | null;
  publication_year: number | null;
  reference: string | null;
  disease: string;
  status: AssignmentStatus;
  created_at: Date;
}

const queueRow = (r: RawQueueRow): QueueRow => ({
  assignmentId: r.id,
  task: r.task,
  studyId: r.study_id,
  label: `${citationLabel({ firstAuthor: r.first_author, year: r.publication_year }, r.reference)} (${r.disease})`,
  status: r.status,
  assignedAt: r.created_at,
});

/** A reviewer's assignments for a task, oldest first (the order "next study" follows). */
export async function queryQueue(
  q: Queryable,
  assigneeId: string,
  task: AssignmentTask,
  status: AssignmentStatus | null,
  limit: number,
): Promise<QueueRow[]> {
  const rows = await q.$queryRaw<RawQueueRow[]>`
    WITH mine AS (
      SELECT a.id, a.task::text AS task, a.study_id, a.created_at, ${assignmentStatusSql} AS status
        FROM assignments a
       WHERE a.assignee_id = ${assigneeId}::uuid AND a.task = ${task}::"AssignmentTask"
    )
    SELECT m.id::text AS id, m.task, m.study_id::text AS study_id, s.first_author, s.publication_year,
           s.reference, s.disease, m.status, m.created_at
      FROM mine m JOIN studies s ON s.id = m.study_id
     WHERE ${status}::text IS NULL OR m.status = ${status}::text
     ORDER BY m.created_at, s.source_line NULLS LAST, m.study_id
     LIMIT ${limit}`;
  return rows.map(queueRow);
}

/** A reviewer's counts per task (to do, done, in conflict), in one pass over their assignments. */
export async function queueCountsByTask(
  q: Queryable,
  assigneeId: string,
): Promise<Record<AssignmentTask, ProgressCounts>> {
  const rows = await q.$queryRaw<{ task: AssignmentTask; todo: bigint; done: bigint; conflict: bigint }[]>`
    SELECT task,
           count(*) FILTER (WHERE status = 'to do') AS todo,
           count(*) FILTER (WHERE status = 'done') AS done,
           count(*) FILTER (WHERE status = 'in conflict') AS conflict
      FROM (SELECT a.task::text AS task, ${assignmentStatusSql} AS status FROM assignments a
             WHERE a.assignee_id = ${assigneeId}::uuid) x
     GROUP BY task`;
  const none = (): ProgressCounts => ({ todo: 0, done: 0, conflict: 0 });
  const out: Record<AssignmentTask, ProgressCounts> = { tag: none(), outcomes: none(), rob: none() };
  for (const r of rows)
    out[r.task] = { todo: Number(r.todo), done: Number(r.done), conflict: Number(r.conflict) };
  return out;
}

/** The next study to do in a reviewer's queue for a task, skipping `exceptStudyId`. */
export async function queryNextStudy(
  q: Queryable,
  assigneeId: string,
  task: AssignmentTask,
  exceptStudyId: string | null,
): Promise<string | null> {
  const [row] = await q.$queryRaw<{ study_id: string }[]>`
    SELECT a.study_id::text AS study_id
      FROM assignments a JOIN studies s ON s.id = a.study_id
     WHERE a.assignee_id = ${assigneeId}::uuid AND a.task = ${task}::"AssignmentTask"
       AND (${exceptStudyId}::uuid IS NULL OR a.study_id <> ${exceptStudyId}::uuid)
       AND (${assignmentStatusSql}) = 'to do'
     ORDER BY a.created_at, s.source_line NULLS LAST, a.study_id
     LIMIT 1`;
  return row?.study_id ?? null;
}

/** The tasks a reviewer is assigned on one study. */
export async function queryTasksOnStudy(
  q: Queryable,
  assigneeId: string,
  studyId: string,
): Promise<AssignmentTask[]> {
  const rows = await q.$queryRaw<{ task: AssignmentTask }[]>`
    SELECT a.task::text AS task FROM assignments a
     WHERE a.assignee_id = ${assigneeId}::uuid AND a.study_id = ${studyId}::uuid ORDER BY a.task`;
  return rows.map((r) => r.task);
}

export interface ProgressRow extends ProgressCounts {
  task: AssignmentTask;
  assigneeId: string;
  assignee: string;
}

/** Progress per task and person: how many studies are to do, done, and in conflict. */
export async function queryProgress(q: Queryable): Promise<ProgressRow[]> {
  const rows = await q.$queryRaw<
    {
      task: AssignmentTask;
      assignee_id: string;
      assignee: string;
      todo: bigint;
      done: bigint;
      conflict: bigint;
    }[]
  >`
    SELECT x.task, x.assignee_id::text AS assignee_id, u.name AS assignee,
           count(*) FILTER (WHERE x.status = 'to do') AS todo,
           count(*) FILTER (WHERE x.status = 'done') AS done,
           count(*) FILTER (WHERE x.status = 'in conflict') AS conflict
      FROM (SELECT a.task::text AS task, a.assignee_id, ${assignmentStatusSql} AS status FROM assignments a) x
      JOIN users u ON u.id = x.assignee_id
     GROUP BY x.task, x.assignee_id, u.name
     ORDER BY x.task, u.name`;
  return rows.map((r) => ({
    task: r.task,
    assigneeId: r.assignee_id,
    assignee: r.assignee,
    todo: Number(r.todo),
    done: Number(r.done),
    conflict: Number(r.conflict),
  }));
}

const excerpt = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * The inbox entries an annotation writes: a mention for each person newly named in it (on an
 * edit, only those the earlier text did not name), and a reply notice for everyone else who wrote
 * in the thread. Nobody is told twice of one annotation, nor of their own.
 */
export async function notifyAnnotation(
  tx: Tx,
  input: {
    actor: { id: string; name: string };
    studyId: string;
    annotationId: string;
    /** The thread's first annotation when this is a reply. */
    threadId: string | null;
    body: string;
    previousBody: string | null;
  },
): Promise<number> {
  const members = await activeMembers(tx);
  const before = new Set(input.previousBody === null ? [] : mentionedIn(input.previousBody, members));
  const mentioned = mentionedIn(input.body, members).filter((id) => !before.has(id) && id !== input.actor.id);
  const label = await studyLabel(tx, input.studyId);
  const rows: NewNotification[] = mentioned.map((recipientId) => ({
    recipientId,
    kind: "mention",
    actorId: input.actor.id,
    studyId: input.studyId,
    annotationId: input.annotationId,
    section: "notes",
    message: `${input.actor.name} mentioned you on ${label}: “${excerpt(input.body)}”`,
  }));
  if (input.threadId && input.previousBody === null) {
    const writers = await tx.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT author_id::text AS id FROM annotations
       WHERE (id = ${input.threadId}::uuid OR parent_id = ${input.threadId}::uuid)
         AND author_id <> ${input.actor.id}::uuid`;
    const active = new Set(members.map((m) => m.id));
    for (const { id } of writers)
      if (active.has(id) && !mentioned.includes(id))
        rows.push({
          recipientId: id,
          kind: "reply",
          actorId: input.actor.id,
          studyId: input.studyId,
          annotationId: input.annotationId,
          section: "notes",
          message: `${input.actor.name} replied in a thread you wrote in on ${label}: “${excerpt(input.body)}”`,
        });
  }
  return insertNotifications(tx, rows);
}

/** After a reviewer saved tags: every other reviewer whose tags of the study now differ, while no
 * admin has settled the consensus, hears of the conflict once. */
export async function notifyTagConflicts(
  tx: Tx,
  input: { actor: { id: string; name: string }; studyId: string; categoryIds: string[] },
): Promise<number> {
  const settled = await tx.consensusTag.count({ where: { studyId: input.studyId, setById: { not: null } } });
  if (settled > 0) return 0;
  const mine = [...input.categoryIds].sort().join(",");
  const others = await tx.tagAssessment.findMany({
    where: { studyId: input.studyId, reviewerId: { not: input.actor.id }, reviewer: { disabledAt: null } },
    select: { reviewerId: true, tags: { select: { categoryId: true } } },
  });
  // Repeated saves of tags that still disagree are one conflict, not ten: whoever has an unread
  // notice of it from this reviewer is not told again.
  const unread = new Set(
    (
      await tx.notification.findMany({
        where: { kind: "conflict", studyId: input.studyId, actorId: input.actor.id, readAt: null },
        select: { recipientId: true },
      })
    ).map((n) => n.recipientId),
  );
  const label = await studyLabel(tx, input.studyId);
  const rows: NewNotification[] = [];
  for (const o of others) {
    const theirs = o.tags
      .map((t) => t.categoryId)
      .sort()
      .join(",");
    if (theirs === mine || unread.has(o.reviewerId)) continue;
    rows.push({
      recipientId: o.reviewerId,
      kind: "conflict",
      actorId: input.actor.id,
      studyId: input.studyId,
      section: "tags",
      message: `${input.actor.name}’s outcome categories on ${label} differ from yours: the consensus waits for you to agree or for an admin.`,
    });
  }
  return insertNotifications(tx, rows);
}

/** After a correction: the person who corrected the study before hears what changed of their work. */
export async function notifyCorrectionOverride(
  tx: Tx,
  input: {
    actor: { id: string; name: string };
    studyId: string;
    previousEditorId: string | null;
    changes: string[];
  },
): Promise<number> {
  if (!input.previousEditorId || input.previousEditorId === input.actor.id) return 0;
  const active = await tx.user.count({ where: { id: input.previousEditorId, disabledAt: null } });
  if (active === 0) return 0;
  const label = await studyLabel(tx, input.studyId);
  const what = input.changes.length ? `: ${excerpt(input.changes.join("; "), 300)}` : "";
  return insertNotifications(tx, [
    {
      recipientId: input.previousEditorId,
      kind: "conflict",
      actorId: input.actor.id,
      studyId: input.studyId,
      section: "history",
      message: `${input.actor.name} changed ${label} after your correction${what}.`,
    },
  ]);
}
