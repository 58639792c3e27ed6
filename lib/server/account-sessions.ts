// The signed-in person's own sessions: which are open, ending one, and signing out everywhere.
import "server-only";
import type { OpenSessionView } from "../contracts/collaboration";
import { AppError } from "./platform/errors";
import { db } from "./platform/db";
import { currentSessionId } from "./platform/session";
import { assertRole, type SessionUser } from "./platform/session-user";
import { openSessions } from "./platform/sessions";
import { audit } from "./sql/audit";

export async function mySessions(actor: SessionUser | null): Promise<OpenSessionView[]> {
  const user = assertRole(actor, "viewer");
  const current = await currentSessionId();
  return (await openSessions(user.id)).map((s) => ({ ...s, current: s.id === current }));
}

/** Ends one of the person's own sessions (another device, say). */
export async function endMySession(actor: SessionUser | null, input: { id: string }) {
  const user = assertRole(actor, "viewer");
  return db().$transaction(async (tx) => {
    const session = await tx.userSession.findUnique({ where: { id: input.id } });
    // Someone else's session is no business of theirs: the same answer as one that is gone.
    if (!session || session.userId !== user.id || session.endedAt)
      throw new AppError("not_found", "This session has already ended.");
    await tx.userSession.update({ where: { id: input.id }, data: { endedAt: new Date() } });
    await audit(tx, {
      actorId: user.id,
      action: "session.end",
      entityType: "User",
      entityId: user.id,
      before: { session: input.id, endedAt: null },
      after: { session: input.id, endedAt: new Date().toISOString() },
    });
    return { ended: 1 };
  });
}

/** Ends every session of the person, this one included. */
export async function signOutEverywhere(actor: SessionUser | null) {
  const user = assertRole(actor, "viewer");
  return db().$transaction(async (tx) => {
    const { count: ended } = await tx.userSession.updateMany({
      where: { userId: user.id, endedAt: null },
      data: { endedAt: new Date() },
    });
    await audit(tx, {
      actorId: user.id,
      action: "session.end_all",
      entityType: "User",
      entityId: user.id,
      after: { ended },
    });
    return { ended };
  });
}
