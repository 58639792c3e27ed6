// Sessions against real PostgreSQL: a token names its session, and a session that was signed out,
// ended from the account page, ended everywhere, expired, or belongs to a disabled account or an
// old password is nobody — whatever a copy of the cookie says.
import { afterAll, describe, expect, it } from "vitest";
import { endMySession, signOutEverywhere } from "../../lib/server/account-sessions";
import { db } from "../../lib/server/platform/db";
import { endSession, openSessions, startSession, userOfSession } from "../../lib/server/platform/sessions";
import { makeUser } from "../support/factories";

afterAll(() => db().$disconnect());

const meta = { userAgent: "Test browser", client: "192.0.2.10" };
const tokenOf = (uid: string, sid: string, sv = 0) => ({ uid, sv, sid });

describe("sessions", () => {
  it("a token of an open session is its user; signed out, the same token is nobody", async () => {
    const user = await makeUser(db(), "reviewer");
    const sid = await startSession(user.id, meta, 3600);
    expect(await userOfSession(tokenOf(user.id, sid))).toMatchObject({ id: user.id, role: "reviewer" });
    await endSession(sid);
    expect(await userOfSession(tokenOf(user.id, sid))).toBeNull();
  });

  it("refuses a token without a session, one naming another user's session, and an expired one", async () => {
    const [a, b] = [await makeUser(db(), "viewer"), await makeUser(db(), "viewer")];
    const sid = await startSession(a.id, meta, 3600);
    expect(await userOfSession({ uid: a.id, sv: 0 })).toBeNull();
    expect(await userOfSession(tokenOf(b.id, sid))).toBeNull();
    const short = await startSession(a.id, meta, 3600);
    await db().userSession.update({ where: { id: short }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userOfSession(tokenOf(a.id, short))).toBeNull();
  });

  it("ends every session of an account when it signs out everywhere, and only its own one by one", async () => {
    const user = await makeUser(db(), "viewer");
    const other = await makeUser(db(), "viewer");
    const [s1, s2] = [await startSession(user.id, meta, 3600), await startSession(user.id, meta, 3600)];
    const theirs = await startSession(other.id, meta, 3600);
    expect((await openSessions(user.id)).map((s) => s.id).sort()).toEqual([s1, s2].sort());
    // Another person's session cannot be ended, nor learned about.
    await expect(endMySession(user, { id: theirs })).rejects.toMatchObject({ code: "not_found" });
    expect(await userOfSession(tokenOf(other.id, theirs))).not.toBeNull();
    await endMySession(user, { id: s1 });
    expect(await userOfSession(tokenOf(user.id, s1))).toBeNull();
    expect(await userOfSession(tokenOf(user.id, s2))).not.toBeNull();
    expect(await signOutEverywhere(user)).toEqual({ ended: 1 });
    expect(await userOfSession(tokenOf(user.id, s2))).toBeNull();
    expect(await openSessions(user.id)).toEqual([]);
    const events = await db().auditEvent.findMany({
      where: { entityId: user.id, action: { startsWith: "session." } },
    });
    expect(events.map((e) => e.action).sort()).toEqual(["session.end", "session.end_all"]);
  });

  it("a disabled account or a changed password ends its sessions", async () => {
    const user = await makeUser(db(), "viewer");
    const sid = await startSession(user.id, meta, 3600);
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await userOfSession(tokenOf(user.id, sid, 0))).toBeNull();
    expect(await userOfSession(tokenOf(user.id, sid, 1))).not.toBeNull();
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await userOfSession(tokenOf(user.id, sid, 1))).toBeNull();
  });
});
