// A person's inbox: mentions of them in annotations, replies in threads they wrote in, studies
// assigned to them and conflicts on their edits. Everyone reads and marks only their own; the
// notifications themselves are written by the changes they report (annotations.ts, tags.ts,
// study-edits.ts, assignments.ts), in the same transaction.
import "server-only";
import type { InboxItem, InboxPage } from "../contracts/team";
import { AppError } from "./platform/errors";
import { handleOf } from "../domain/team/mentions";
import { db } from "./platform/db";
import { assertRole, type SessionUser } from "./platform/session-user";

export const INBOX_PAGE_SIZE = 50;

/** Unread notifications of the signed-in person (the header's count); 0 for nobody. */
export async function unreadCount(actor: SessionUser | null): Promise<number> {
  if (!actor) return 0;
  return db().notification.count({ where: { recipientId: actor.id, readAt: null } });
}

export async function listInbox(
  actor: SessionUser | null,
  options: { unreadOnly: boolean; before?: string | null },
): Promise<InboxPage> {
  const user = assertRole(actor, "viewer");
  const before = options.before && /^\d{1,18}$/.test(options.before) ? BigInt(options.before) : null;
  const rows = await db().notification.findMany({
    where: {
      recipientId: user.id,
      ...(options.unreadOnly ? { readAt: null } : {}),
      ...(before !== null ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take: INBOX_PAGE_SIZE + 1,
    select: {
      id: true,
      kind: true,
      message: true,
      studyId: true,
      annotationId: true,
      section: true,
      readAt: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
  });
  const items: InboxItem[] = rows.slice(0, INBOX_PAGE_SIZE).map((r) => ({
    id: r.id.toString(),
    kind: r.kind,
    message: r.message,
    actor: r.actor?.name ?? null,
    studyId: r.studyId,
    annotationId: r.annotationId,
    href:
      r.kind === "assignment"
        ? `/queue${r.section ? `?task=${encodeURIComponent(r.section)}` : ""}`
        : r.studyId
          ? `/studies/${r.studyId}${r.section ? `#${r.section}` : ""}`
          : "/inbox",
    read: r.readAt !== null,
    createdAt: r.createdAt.toISOString(),
  }));
  const unread = await unreadCount(user);
  return {
    items,
    unread,
    nextBefore: rows.length > INBOX_PAGE_SIZE ? items[items.length - 1]!.id : null,
  };
}

/** Marks one notification read (or unread again), or all of them read. */
export async function markRead(
  actor: SessionUser | null,
  input: { id: string | null; read: boolean },
): Promise<{ changed: number }> {
  const user = assertRole(actor, "viewer");
  if (input.id === null) {
    const { count } = await db().notification.updateMany({
      where: { recipientId: user.id, readAt: null },
      data: { readAt: new Date() },
    });
    return { changed: count };
  }
  // Someone else's notification is answered as if it did not exist.
  const { count } = await db().notification.updateMany({
    where: { id: BigInt(input.id), recipientId: user.id },
    data: { readAt: input.read ? new Date() : null },
  });
  if (count === 0) throw new AppError("not_found", "This notification no longer exists.");
  return { changed: count };
}

/** How many handles the annotation form's hint names. */
export const HINT_HANDLES = 6;

/** The @handles of the signed-in person's teammates (active accounts other than theirs), the most
 * recently signed in first (the hint shows a few). */
export async function teammateHandles(actor: SessionUser | null): Promise<string[]> {
  const user = assertRole(actor, "viewer");
  const rows = await db().user.findMany({
    where: { disabledAt: null, id: { not: user.id } },
    orderBy: [{ lastSignInAt: { sort: "desc", nulls: "last" } }, { name: "asc" }],
    select: { name: true, email: true },
    take: HINT_HANDLES,
  });
  return rows.map(handleOf);
}
