// Signed-in sessions kept in PostgreSQL (user_sessions). The session cookie is an encrypted
// token naming its session; a session that has ended — signed out, ended from the account page,
// "sign out everywhere", or past its expiry — is nobody, whatever a copy of the cookie says.
import "server-only";
import { randomUUID } from "node:crypto";
import type { SessionUser } from "./session-user";
import { db } from "./db";

/** How often a session's "last seen" is written (not on every request). */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionMeta {
  userAgent: string | null;
  client: string | null;
}

/** Begins a session for a user who has just signed in; returns its id for the token. */
export async function startSession(
  userId: string,
  meta: SessionMeta,
  maxAgeSeconds: number,
): Promise<string> {
  const id = randomUUID();
  await db().userSession.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + maxAgeSeconds * 1000),
      userAgent: meta.userAgent?.slice(0, 200) ?? null,
      client: meta.client?.slice(0, 64) ?? null,
    },
  });
  return id;
}

/** The user of a token, or null when its session has ended, expired, or its account was
 * disabled or its sessions ended by a password change (the session version). */
export async function userOfSession(token: {
  uid?: unknown;
  sv?: unknown;
  sid?: unknown;
}): Promise<SessionUser | null> {
  if (typeof token.uid !== "string" || typeof token.sv !== "number" || typeof token.sid !== "string")
    return null;
  const session = await db().userSession.findUnique({
    where: { id: token.sid },
    select: {
      userId: true,
      endedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      user: {
        select: { id: true, email: true, name: true, role: true, sessionVersion: true, disabledAt: true },
      },
    },
  });
  if (
    !session ||
    session.userId !== token.uid ||
    session.endedAt ||
    session.expiresAt.getTime() <= Date.now()
  )
    return null;
  const { user } = session;
  if (user.disabledAt || user.sessionVersion !== token.sv) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db()
      .userSession.update({ where: { id: token.sid }, data: { lastSeenAt: new Date() } })
      .catch(() => {});
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

/** Ends one session (signing out). */
export async function endSession(sid: unknown): Promise<void> {
  if (typeof sid !== "string") return;
  await db().userSession.updateMany({ where: { id: sid, endedAt: null }, data: { endedAt: new Date() } });
}

/** Ends every open session of a user, or every one but `except`; returns how many. */
export async function endSessions(userId: string, except?: string): Promise<number> {
  const { count } = await db().userSession.updateMany({
    where: { userId, endedAt: null, ...(except ? { id: { not: except } } : {}) },
    data: { endedAt: new Date() },
  });
  return count;
}

export interface OpenSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  client: string | null;
}

/** A user's sessions that have not ended or expired, newest first. */
export async function openSessions(userId: string): Promise<OpenSession[]> {
  return db().userSession.findMany({
    where: { userId, endedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, client: true },
    take: 50,
  });
}

/** Drops sessions that ended or expired more than a day ago. */
export async function pruneSessions(): Promise<number> {
  const dayAgo = new Date(Date.now() - 86_400_000);
  const { count } = await db().userSession.deleteMany({
    where: { OR: [{ endedAt: { lt: dayAgo } }, { expiresAt: { lt: dayAgo } }] },
  });
  return count;
}
