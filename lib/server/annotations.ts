// Annotations on studies: reviewers write them (optionally on one field), reply one level deep,
// edit and delete their own (admins may delete any), and mark threads resolved. Every change
// checks session, role and ownership here, is refused against a stale version, and writes its
// audit event in the same transaction.
import "server-only";
import type { ThreadView } from "../contracts/collaboration";
import { AppError, forbidden } from "./platform/errors";
import { audit } from "./sql/audit";
import { notifyAnnotation } from "./sql/team";
import { db } from "./platform/db";
import { versionedCache } from "./sql/data-version";
import type { Tx } from "./sql/client";
import { assertRole, type SessionUser } from "./platform/session-user";

const gone = () => new AppError("not_found", "This annotation no longer exists: someone deleted it.");

function staleAnnotation(
  current: { body: string; status: string; updatedAt: Date; version: number },
  editor: string,
) {
  return new AppError(
    "conflict",
    `${editor} changed this annotation after you opened it (version ${current.version}, ${current.updatedAt
      .toISOString()
      .replace("T", " ")
      .slice(
        0,
        16,
      )} UTC, ${current.status}). It now reads: “${current.body}”. Your text is still in the form: reload to see theirs, then save yours again if it still applies.`,
  );
}

const view = (a: {
  body: string;
  field: string | null;
  status: string;
  version: number;
  parentId: string | null;
}) => ({
  body: a.body,
  field: a.field,
  status: a.status,
  version: a.version,
  parentId: a.parentId,
});

/** A study's threads with their replies, cached while the data stay the same (notes and their
 * authors' names move the version on); what a reader may do with them is decided per reader. */
const threadLists = versionedCache<ThreadView[]>();

export async function listAnnotations(actor: SessionUser | null, studyId: string): Promise<ThreadView[]> {
  assertRole(actor, "viewer");
  return threadLists(db(), studyId, async () => {
    const threads = await db().annotation.findMany({
      where: { studyId, parentId: null },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        field: true,
        body: true,
        status: true,
        version: true,
        authorId: true,
        createdAt: true,
        updatedAt: true,
        resolvedAt: true,
        author: { select: { name: true } },
        replies: {
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            body: true,
            version: true,
            authorId: true,
            createdAt: true,
            updatedAt: true,
            author: { select: { name: true } },
          },
        },
      },
    });
    return threads.map((t) => ({
      id: t.id,
      body: t.body,
      version: t.version,
      authorId: t.authorId,
      author: t.author.name,
      createdAt: t.createdAt.toISOString(),
      edited: t.version > 1 && t.updatedAt.getTime() !== t.createdAt.getTime(),
      field: t.field,
      status: t.status,
      replies: t.replies.map((r) => ({
        id: r.id,
        body: r.body,
        version: r.version,
        authorId: r.authorId,
        author: r.author.name,
        createdAt: r.createdAt.toISOString(),
        edited: r.version > 1,
      })),
    }));
  });
}

export async function createAnnotation(
  actor: SessionUser | null,
  input: { studyId: string; parentId: string | null; field: string | null; body: string },
) {
  const user = assertRole(actor, "reviewer", "annotate studies");
  return db().$transaction(async (tx) => {
    const study = await tx.study.findUnique({ where: { id: input.studyId }, select: { id: true } });
    if (!study) throw new AppError("not_found", "This study no longer exists.");
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await tx.annotation.findUnique({ where: { id: input.parentId } });
      if (!parent || parent.studyId !== input.studyId) throw gone();
      // Replies are one level deep: a reply to a reply joins the same thread.
      parentId = parent.parentId ?? parent.id;
    }
    const created = await tx.annotation.create({
      data: {
        studyId: input.studyId,
        authorId: user.id,
        parentId,
        field: parentId ? null : input.field,
        body: input.body,
      },
    });
    await audit(tx, {
      actorId: user.id,
      action: parentId ? "annotation.reply" : "annotation.create",
      entityType: "annotation",
      entityId: created.id,
      studyId: input.studyId,
      after: view(created),
    });
    await notifyAnnotation(tx, {
      actor: user,
      studyId: input.studyId,
      annotationId: created.id,
      threadId: parentId,
      body: input.body,
      previousBody: null,
    });
    return { id: created.id };
  });
}

async function loadOwn(
  tx: Tx,
  user: SessionUser,
  id: string,
  version: number,
  what: "edit" | "delete" | "status",
) {
  const current = await tx.annotation.findUnique({
    where: { id },
    include: { author: { select: { name: true } } },
  });
  if (!current) throw gone();
  const mayDelete = what === "delete" && user.role === "admin";
  const mayChangeStatus = what === "status"; // any reviewer may resolve or reopen a thread
  if (current.authorId !== user.id && !mayDelete && !mayChangeStatus) {
    throw forbidden(
      what === "edit" ? "edit another person's annotation" : "delete another person's annotation",
    );
  }
  if (current.version !== version) {
    const last = await tx.auditEvent.findFirst({
      where: { entityType: "annotation", entityId: id },
      orderBy: { id: "desc" },
      select: { actor: { select: { name: true } } },
    });
    throw staleAnnotation(current, last?.actor?.name ?? current.author.name);
  }
  return current;
}

/** Compare-and-set on the version: the write happens only if nobody wrote in between. */
async function writeVersion(
  tx: Tx,
  id: string,
  version: number,
  data: { body?: string; status?: "open" | "resolved"; resolvedAt?: Date | null },
) {
  const { count } = await tx.annotation.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const current = await tx.annotation.findUnique({ where: { id } });
    if (!current) throw gone();
    throw staleAnnotation(current, "Someone");
  }
  return tx.annotation.findUniqueOrThrow({ where: { id } });
}

export async function editAnnotation(
  actor: SessionUser | null,
  input: { id: string; version: number; body: string },
) {
  const user = assertRole(actor, "reviewer", "edit annotations");
  return db().$transaction(async (tx) => {
    const before = await loadOwn(tx, user, input.id, input.version, "edit");
    const after = await writeVersion(tx, input.id, input.version, { body: input.body });
    await audit(tx, {
      actorId: user.id,
      action: "annotation.update",
      entityType: "annotation",
      entityId: input.id,
      studyId: before.studyId,
      before: view(before),
      after: view(after),
    });
    await notifyAnnotation(tx, {
      actor: user,
      studyId: before.studyId,
      annotationId: input.id,
      threadId: before.parentId,
      body: input.body,
      previousBody: before.body,
    });
    return { version: after.version };
  });
}

export async function setAnnotationStatus(
  actor: SessionUser | null,
  input: { id: string; version: number; status: "open" | "resolved" },
) {
  const user = assertRole(actor, "reviewer", "resolve annotations");
  return db().$transaction(async (tx) => {
    const before = await loadOwn(tx, user, input.id, input.version, "status");
    if (before.parentId) throw new AppError("invalid", "Resolve the thread, not a reply.");
    const after = await writeVersion(tx, input.id, input.version, {
      status: input.status,
      resolvedAt: input.status === "resolved" ? new Date() : null,
    });
    await audit(tx, {
      actorId: user.id,
      action: input.status === "resolved" ? "annotation.resolve" : "annotation.reopen",
      entityType: "annotation",
      entityId: input.id,
      studyId: before.studyId,
      before: view(before),
      after: view(after),
    });
    return { status: after.status };
  });
}

export async function deleteAnnotation(actor: SessionUser | null, input: { id: string; version: number }) {
  const user = assertRole(actor, "reviewer", "delete annotations");
  return db().$transaction(async (tx) => {
    const before = await loadOwn(tx, user, input.id, input.version, "delete");
    const replies = await tx.annotation.findMany({ where: { parentId: input.id } });
    const { count } = await tx.annotation.deleteMany({ where: { id: input.id, version: input.version } });
    if (count !== 1) throw staleAnnotation(before, "Someone");
    // The inbox keeps no excerpt of what was deleted.
    await tx.notification.deleteMany({
      where: { annotationId: { in: [input.id, ...replies.map((r) => r.id)] } },
    });
    await audit(tx, {
      actorId: user.id,
      action: "annotation.delete",
      entityType: "annotation",
      entityId: input.id,
      studyId: before.studyId,
      // Replies go with their thread; the record keeps them.
      before: {
        ...view(before),
        replies: replies.map((r) => ({
          id: r.id,
          authorId: r.authorId,
          createdAt: r.createdAt.toISOString(),
          ...view(r),
        })),
      },
    });
    return { deleted: true };
  });
}
