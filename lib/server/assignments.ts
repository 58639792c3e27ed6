// Assignments: an admin hands the studies of a filter or a cohort to reviewers for a task; each
// reviewer works through "my queue"; the team page shows progress per task and person. Assigning
// is one transaction with its audit event and one inbox notification per reviewer.
import "server-only";
import type { AssignSource, QueueView, TeamProgressRow } from "../contracts/team";
import { describeFilter, filterToParams, parseFilter, type CohortFilter } from "../domain/filter";
import { roleAtLeast } from "../domain/roles";
import {
  MAX_ASSIGNED_STUDIES,
  distribute,
  TASK_LABELS,
  type AssignmentMode,
  type AssignmentStatus,
  type AssignmentTask,
} from "../domain/team/assignments";
import { Prisma } from "../generated/prisma/client.ts";
import { findCohort } from "./cohorts";
import { listCategories, teamSettings } from "./categories";
import { AppError } from "./platform/errors";
import { db } from "./platform/db";
import { assertRole, type SessionUser } from "./platform/session-user";
import { audit } from "./sql/audit";
import { cohortSql } from "./sql/filter-sql";
import {
  assignmentStatusSql,
  insertNotifications,
  queryNextStudy,
  queryProgress,
  queryQueue,
  queryTasksOnStudy,
  queueCountsByTask,
} from "./sql/team";

export const QUEUE_PAGE_SIZE = 200;

/** Which studies a source names: a filter's WHERE, or a frozen cohort's members. */
interface Selection {
  where: Prisma.Sql;
  source: AssignSource;
}

async function selection(
  user: SessionUser,
  input: { source: "filter" | "cohort"; value: string },
): Promise<Selection> {
  let where: Prisma.Sql;
  let description: string;
  let value: string;
  if (input.source === "cohort") {
    const cohort = await findCohort(user, input.value);
    if (!cohort) throw new AppError("not_found", "This cohort no longer exists.");
    where = cohort.frozen
      ? Prisma.sql`s.id IN (SELECT m.study_id FROM cohort_studies m WHERE m.cohort_id = ${cohort.id}::uuid)`
      : cohortSql(cohort.filter);
    description = `the ${cohort.frozen ? "frozen" : "live"} cohort “${cohort.name}”`;
    value = cohort.id;
  } else {
    const filter: CohortFilter = parseFilter(new URLSearchParams(input.value)).filter;
    where = cohortSql(filter);
    const names = Object.fromEntries((await listCategories(user)).map((c) => [c.id, c.name]));
    const chips = describeFilter(filter, names);
    description = chips.length ? chips.join("; ") : "every study";
    value = filterToParams(filter).toString();
  }
  const [row] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM studies s WHERE ${where}`;
  return { where, source: { kind: input.source, description, count: Number(row?.n ?? 0), value } };
}

/** What an assignment from this filter or cohort would hand out (the form's preview). */
export async function assignSource(
  actor: SessionUser | null,
  input: { source: "filter" | "cohort"; value: string },
): Promise<AssignSource> {
  const user = assertRole(actor, "admin", "assign studies");
  return (await selection(user, input)).source;
}

/** Reviewers and admins who may be given work. */
export async function assignableMembers(actor: SessionUser | null) {
  assertRole(actor, "admin", "assign studies");
  const rows = await db().user.findMany({
    where: { disabledAt: null, role: { in: ["reviewer", "admin"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true },
  });
  return rows;
}

export async function assignStudies(
  actor: SessionUser | null,
  input: {
    task: AssignmentTask;
    mode: AssignmentMode;
    reviewerIds: string[];
    source: "filter" | "cohort";
    value: string;
  },
): Promise<{ created: number; studies: number; skipped: number }> {
  const user = assertRole(actor, "admin", "assign studies");
  const reviewerIds = [...new Set(input.reviewerIds)];
  const people = await db().user.findMany({
    where: { id: { in: reviewerIds }, disabledAt: null },
    select: { id: true, name: true, role: true },
  });
  if (people.length < reviewerIds.length)
    throw new AppError(
      "invalid",
      "Someone you chose was disabled or removed meanwhile: only active accounts can be given work. Reload and choose again.",
    );
  const viewers = people.filter((p) => !roleAtLeast(p.role, "reviewer"));
  if (viewers.length > 0)
    throw new AppError(
      "invalid",
      `${viewers.map((p) => p.name).join(", ")} ${viewers.length === 1 ? "is a viewer" : "are viewers"}: only reviewers and admins can be given work.`,
    );
  const { where, source } = await selection(user, input);
  if (source.count === 0)
    throw new AppError("invalid", `No study matches ${source.description}: nothing to assign.`);
  if (source.count > MAX_ASSIGNED_STUDIES)
    throw new AppError(
      "invalid",
      `${source.description} selects ${source.count.toLocaleString("en")} studies; one assignment hands out at most ${MAX_ASSIGNED_STUDIES.toLocaleString("en")}. Narrow the filter.`,
    );
  const ids = reviewerIds;
  return db().$transaction(async (tx) => {
    // In the table's order; when sharing out, a study one of them already has for this task is left to them.
    const studies = await tx.$queryRaw<{ id: string }[]>`
      SELECT s.id::text AS id FROM studies s
       WHERE ${where}
         AND (${input.mode} = 'each' OR NOT EXISTS (
               SELECT 1 FROM assignments b WHERE b.study_id = s.id AND b.task = ${input.task}::"AssignmentTask"
                  AND b.assignee_id = ANY(${ids}::uuid[])))
       ORDER BY s.source_line, s.id`;
    // A new deal starts where the last one among these reviewers stopped, so shares stay even.
    const [dealt] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM assignments
       WHERE task = ${input.task}::"AssignmentTask" AND assignee_id = ANY(${ids}::uuid[])`;
    const pairs = distribute(
      studies.map((r) => r.id),
      ids,
      input.mode,
      input.mode === "share" ? Number(dealt?.n ?? 0) : 0,
    );
    const inserted = await tx.$queryRaw<{ assignee_id: string }[]>`
      INSERT INTO assignments (id, task, study_id, assignee_id, assigned_by_id)
      SELECT gen_random_uuid(), ${input.task}::"AssignmentTask", p.study_id, p.assignee_id, ${user.id}::uuid
        FROM unnest(${pairs.map((p) => p.studyId)}::uuid[], ${pairs.map((p) => p.reviewerId)}::uuid[])
             AS p(study_id, assignee_id)
      ON CONFLICT (task, study_id, assignee_id) DO NOTHING
      RETURNING assignee_id::text AS assignee_id`;
    const perPerson = new Map<string, number>();
    for (const r of inserted) perPerson.set(r.assignee_id, (perPerson.get(r.assignee_id) ?? 0) + 1);
    const task = TASK_LABELS[input.task].toLowerCase();
    await insertNotifications(
      tx,
      [...perPerson].map(([recipientId, n]) => ({
        recipientId,
        kind: "assignment" as const,
        actorId: user.id,
        studyId: null,
        section: input.task,
        message: `${user.name} assigned you ${n.toLocaleString("en")} ${n === 1 ? "study" : "studies"} to ${task}: ${source.description}.`,
      })),
    );
    await audit(tx, {
      actorId: user.id,
      action: "assignments.create",
      entityType: "assignment",
      entityId: input.task,
      after: {
        task: input.task,
        mode: input.mode,
        source: source.description,
        studies: source.count,
        assigned: Object.fromEntries(
          [...perPerson].map(([id, n]) => [people.find((p) => p.id === id)?.name ?? id, n]),
        ),
      },
    });
    const expected = input.mode === "each" ? source.count * ids.length : source.count;
    return { created: inserted.length, studies: source.count, skipped: expected - inserted.length };
  });
}

/** Takes back a person's assignments for a task that are still to do (done work stays assigned). */
export async function unassignOpen(
  actor: SessionUser | null,
  input: { task: AssignmentTask; assigneeId: string },
): Promise<{ removed: number }> {
  const user = assertRole(actor, "admin", "take back assignments");
  return db().$transaction(async (tx) => {
    const removed = await tx.$executeRaw`
      DELETE FROM assignments a
       WHERE a.assignee_id = ${input.assigneeId}::uuid AND a.task = ${input.task}::"AssignmentTask"
         AND (${assignmentStatusSql}) = 'to do'`;
    await audit(tx, {
      actorId: user.id,
      action: "assignments.remove",
      entityType: "assignment",
      entityId: input.task,
      after: { task: input.task, assigneeId: input.assigneeId, removed },
    });
    return { removed };
  });
}

/** The signed-in reviewer's queue for a task. */
export async function myQueue(
  actor: SessionUser | null,
  input: { task: AssignmentTask; status: AssignmentStatus | null },
): Promise<QueueView> {
  const user = assertRole(actor, "reviewer", "have a queue of work");
  const q = db();
  const [rows, nextStudyId, tasks] = await Promise.all([
    queryQueue(q, user.id, input.task, input.status, QUEUE_PAGE_SIZE),
    queryNextStudy(q, user.id, input.task, null),
    queueCountsByTask(q, user.id),
  ]);
  return {
    task: input.task,
    status: input.status,
    counts: tasks[input.task],
    tasks,
    nextStudyId,
    items: rows.map((r) => ({ ...r, assignedAt: r.assignedAt.toISOString() })),
  };
}

/** On a study page: the signed-in reviewer's tasks on this study and the next study of each. */
export async function queueOnStudy(
  actor: SessionUser | null,
  studyId: string,
): Promise<{ task: AssignmentTask; nextStudyId: string | null }[]> {
  if (!actor || !roleAtLeast(actor.role, "reviewer")) return [];
  const q = db();
  const tasks = await queryTasksOnStudy(q, actor.id, studyId);
  return Promise.all(
    tasks.map(async (task) => ({ task, nextStudyId: await queryNextStudy(q, actor.id, task, studyId) })),
  );
}

/**
 * Progress per task and person. Reviewers see the counts; only admins assign. Who disagrees with
 * whom is not a reviewer's to learn while the team tags blind (nor ever for risk of bias, always
 * assessed blind): in other people's rows their conflicts count as done.
 */
export async function teamProgress(actor: SessionUser | null): Promise<TeamProgressRow[]> {
  const user = assertRole(actor, "reviewer", "see the team's progress");
  const rows = await queryProgress(db());
  if (user.role === "admin") return rows;
  const blind = (await teamSettings()).blindTagging;
  return rows.map((r) =>
    r.assigneeId !== user.id && (r.task === "rob" || (r.task === "tag" && blind))
      ? { ...r, done: r.done + r.conflict, conflict: 0 }
      : r,
  );
}
