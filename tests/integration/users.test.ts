// Accounts against real PostgreSQL: the first administrator, invitations, roles, disabling,
// password changes, and the role checks each function makes itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/server/platform/db";
import { hashToken } from "../../lib/server/platform/tokens";
import {
  acceptInvite,
  changePassword,
  changeRole,
  createFirstAdmin,
  createInvite,
  listUsers,
  lookupInvite,
  needsSetup,
  revokeInvite,
  setDisabled,
} from "../../lib/server/users";
import { verifyPassword } from "../../lib/server/platform/password";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";

const form = (email: string, name = "Someone") => ({
  name,
  email,
  password: "a fine passphrase",
  confirmPassword: "a fine passphrase",
  setupCode: "",
});

let admin: SessionUser;

beforeAll(async () => {
  await db().user.deleteMany();
});
afterAll(() => db().$disconnect());

const LOCAL = { client: "127.0.0.1", expectedCode: "c0de-printed-at-start" };

describe("first administrator", () => {
  it("from another machine, needs the setup code the server printed", async () => {
    const remote = (code: string) =>
      createFirstAdmin(
        { ...form("remote@example.test", "Remote"), setupCode: code },
        { client: "192.168.1.40", expectedCode: LOCAL.expectedCode },
      );
    await expect(remote("")).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("setup code"),
    });
    await expect(remote("guess")).rejects.toMatchObject({ code: "forbidden" });
    // No code printed (the app started without its server): not from elsewhere at all.
    await expect(
      createFirstAdmin(form("remote@example.test", "Remote"), { client: "192.168.1.40", expectedCode: null }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createFirstAdmin(form("remote@example.test", "Remote"), { client: null, expectedCode: null }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await needsSetup()).toBe(true);
  });

  it("is created once; concurrent attempts make exactly one", async () => {
    expect(await needsSetup()).toBe(true);
    const results = await Promise.allSettled([
      createFirstAdmin(form("one@example.test", "One"), LOCAL),
      createFirstAdmin(form("two@example.test", "Two"), LOCAL),
      createFirstAdmin(
        { ...form("three@example.test", "Three"), setupCode: LOCAL.expectedCode },
        {
          client: "10.0.0.9",
          expectedCode: LOCAL.expectedCode,
        },
      ),
    ]);
    const made = results.filter((r) => r.status === "fulfilled");
    expect(made).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ code: "setup_closed" });
    }
    expect(await db().user.count()).toBe(1);
    expect(await needsSetup()).toBe(false);
    const created = (made[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof createFirstAdmin>>>).value;
    expect(created.role).toBe("admin");
    admin = { ...created, sessionVersion: created.sessionVersion };
    const audit = await db().auditEvent.findMany({ where: { action: "user.setup" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.after)).not.toContain("passphrase");
  });

  it("stores a scrypt hash, never the password", async () => {
    const row = await db().user.findUniqueOrThrow({ where: { id: admin.id }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword("a fine passphrase", row.passwordHash)).toBe(true);
  });
});

describe("invitations", () => {
  it("only admins may invite", async () => {
    const reviewer = await makeUser(db(), "reviewer");
    await expect(createInvite(reviewer, { email: null, role: "viewer" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createInvite(null, { email: null, role: "viewer" })).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });

  it("store only the token's hash, work once, and give the invited role", async () => {
    const invite = await createInvite(admin, { email: "new@example.test", role: "reviewer" });
    const row = await db().invite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row.tokenHash).toBe(hashToken(invite.token));
    expect(JSON.stringify(row)).not.toContain(invite.token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);
    expect(await lookupInvite(invite.token)).toMatchObject({ status: "valid", role: "reviewer" });

    await expect(acceptInvite({ ...form("other@example.test"), token: invite.token })).rejects.toThrow(
      "This invitation is for new@example.test.",
    );
    const attempts = await Promise.allSettled([
      acceptInvite({ ...form("new@example.test", "First"), token: invite.token }),
      acceptInvite({ ...form("new@example.test", "Second"), token: invite.token }),
    ]);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const user = await db().user.findUniqueOrThrow({ where: { email: "new@example.test" } });
    expect(user.role).toBe("reviewer");
    expect(await lookupInvite(invite.token)).toEqual({ status: "used" });
    await expect(acceptInvite({ ...form("x@example.test"), token: invite.token })).rejects.toMatchObject({
      code: "invalid",
    });
  });

  it("refuse expired, revoked and unknown links", async () => {
    const expired = await createInvite(admin, { email: null, role: "viewer" });
    await db().invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await lookupInvite(expired.token)).toEqual({ status: "expired" });
    await expect(acceptInvite({ ...form("late@example.test"), token: expired.token })).rejects.toMatchObject({
      code: "invalid",
    });

    const revoked = await createInvite(admin, { email: null, role: "viewer" });
    await revokeInvite(admin, { inviteId: revoked.id });
    expect(await lookupInvite(revoked.token)).toEqual({ status: "revoked" });
    await expect(revokeInvite(admin, { inviteId: revoked.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await lookupInvite("x".repeat(43))).toEqual({ status: "unknown" });
    expect(await db().user.count({ where: { email: { in: ["late@example.test"] } } })).toBe(0);
  });

  it("refuse an address that already has an account", async () => {
    await expect(createInvite(admin, { email: admin.email, role: "viewer" })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("roles and disabling", () => {
  it("the team always keeps one active administrator", async () => {
    await expect(changeRole(admin, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(setDisabled(admin, { userId: admin.id, disabled: "true" })).rejects.toMatchObject({
      code: "invalid",
    });
    const second = await makeUser(db(), "admin");
    await changeRole(admin, { userId: second.id, role: "reviewer" });
    expect((await db().user.findUniqueOrThrow({ where: { id: second.id } })).role).toBe("reviewer");
  });

  it("disabling moves the session version on and is audited with before and after", async () => {
    const target = await makeUser(db(), "reviewer");
    const updated = await setDisabled(admin, { userId: target.id, disabled: "true" });
    expect(updated.disabledAt).not.toBeNull();
    expect(updated.sessionVersion).toBe(target.sessionVersion + 1);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { entityId: target.id, action: "user.disable" },
    });
    expect(event).toMatchObject({
      actorId: admin.id,
      before: { disabled: false },
      after: { disabled: true },
    });
    const enabled = await setDisabled(admin, { userId: target.id, disabled: "false" });
    expect(enabled.disabledAt).toBeNull();
  });

  it("reviewers and viewers cannot manage people", async () => {
    const reviewer = await makeUser(db(), "reviewer");
    const viewer = await makeUser(db(), "viewer");
    for (const actor of [reviewer, viewer]) {
      await expect(listUsers(actor)).rejects.toMatchObject({ code: "forbidden" });
      await expect(changeRole(actor, { userId: actor.id, role: "admin" })).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(setDisabled(actor, { userId: admin.id, disabled: "true" })).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: reviewer.id } })).role).toBe("reviewer");
  });
});

describe("changing a password", () => {
  it("needs the current password and ends other sessions", async () => {
    const me = await makeUser(db(), "viewer");
    await expect(
      changePassword(me, {
        currentPassword: "wrong",
        newPassword: "new passphrase",
        confirmPassword: "new passphrase",
      }),
    ).rejects.toMatchObject({ code: "invalid" });
    const version = await changePassword(me, {
      currentPassword: FACTORY_PASSWORD,
      newPassword: "new passphrase",
      confirmPassword: "new passphrase",
    });
    expect(version).toBe(me.sessionVersion + 1);
    const row = await db().user.findUniqueOrThrow({ where: { id: me.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("new passphrase", row.passwordHash)).toBe(true);
    expect(await verifyPassword(FACTORY_PASSWORD, row.passwordHash)).toBe(false);
    await expect(
      changePassword(null, {
        currentPassword: "x",
        newPassword: "y".repeat(8),
        confirmPassword: "y".repeat(8),
      }),
    ).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
