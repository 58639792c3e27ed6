// Signed-in sessions kept in PostgreSQL (user_sessions). The session cookie is an encrypted
// token naming its session; a session that has ended — signed out, ended from the account page,
// "sign out everywhere", or past its expiry — is nobody, whatever a copy of the cookie says.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Role } from "../../domain/roles";
import type { SessionUser } from "./session-user";
import { db } from "./db";

/** How often a session's "last seen" is written (not on every request). */
const TOUCH_EVERY_MS = 5 * 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  if (!UUID.test(token.sid) || !UUID.test(token.uid)) return null;
  // One statement: the session open and unexpired, its account enabled and at the token's version.
  const [row] = await db().$queryRaw<
    { id: string; email: string; name: string; role: Role; session_version: number; stale: boolean }[]
  >`SELECT u.id::text AS id, u.email, u.name, u.role::text AS role, u.session_version,
           s.last_seen_at < now() - make_interval(secs => ${TOUCH_EVERY_MS / 1000}) AS stale
      FROM user_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = ${token.sid}::uuid AND s.user_id = ${token.uid}::uuid AND s.ended_at IS NULL
       AND s.expires_at > now() AND u.disabled_at IS NULL AND u.session_version = ${token.sv}`;
  if (!row) return null;
  if (row.stale)
    await db()
      .userSession.update({ where: { id: token.sid }, data: { lastSeenAt: new Date() } })
      .catch(() => {});
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    sessionVersion: row.session_version,
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
