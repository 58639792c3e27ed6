// People: the first administrator, invitations, roles, disabling, passwords.
// Every exported function checks the caller's role itself.
import "server-only";
import { z } from "zod";
import type { Role } from "../domain/roles";
import {
  AcceptInviteSchema,
  ChangePasswordSchema,
  ChangeRoleSchema,
  InviteSchema,
  RevokeInviteSchema,
  SetDisabledSchema,
  SetupSchema,
} from "../validation/user";
import { audit } from "./sql/audit";
import { db } from "./platform/db";
import { serverEnv } from "./platform/env";
import { setupVerdict } from "../domain/client-address";
import { AppError } from "./platform/errors";
import { hashPassword, verifyPassword } from "./platform/password";
import { assertRole, type SessionUser } from "./platform/session-user";
import { hashToken, newToken } from "./platform/tokens";
import type { Tx } from "./sql/client";

export const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
  sessionVersion: true,
} as const;

export async function needsSetup(): Promise<boolean> {
  return (await db().user.count()) === 0;
}

/** Creates the instance's first administrator; refused once any account exists, and from another
 * machine than the server's without the setup code it printed. */
export async function createFirstAdmin(
  input: z.infer<typeof SetupSchema>,
  from: { client: string | null; expectedCode: string | null },
) {
  const verdict = setupVerdict(from.client, input.setupCode || null, from.expectedCode);
  if (!verdict.ok) throw new AppError("forbidden", verdict.reason);
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    // Two people submitting the form at once must not both become the first admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('evidence:first-admin'))`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("setup_closed", "This instance already has an administrator. Sign in instead.");
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "admin" },
      select: USER_SELECT,
    });
    await audit(tx, {
      actorId: user.id,
      action: "user.setup",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return user;
  });
}

export async function listUsers(actor: SessionUser | null) {
  assertRole(actor, "admin", "manage people");
  return db().user.findMany({ select: USER_SELECT, orderBy: [{ disabledAt: "asc" }, { name: "asc" }] });
}

export async function listInvites(actor: SessionUser | null) {
  assertRole(actor, "admin", "manage people");
  return db().invite.findMany({
    where: { acceptedAt: null, revokedAt: null },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      createdAt: true,
      createdBy: { select: { name: true } },
    },
    orderBy: { createdAt: "desc" },
  });
}

export async function createInvite(actor: SessionUser | null, input: z.infer<typeof InviteSchema>) {
  const admin = assertRole(actor, "admin", "invite people");
  const token = newToken();
  const expiresAt = new Date(Date.now() + serverEnv().INVITE_TTL_HOURS * 3600_000);
  const invite = await db().$transaction(async (tx) => {
    if (input.email && (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))) {
      throw new AppError("conflict", `${input.email} already has an account.`);
    }
    const created = await tx.invite.create({
      data: {
        tokenHash: hashToken(token),
        email: input.email,
        role: input.role,
        expiresAt,
        createdById: admin.id,
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await audit(tx, {
      actorId: admin.id,
      action: "invite.create",
      entityType: "Invite",
      entityId: created.id,
      after: { email: created.email, role: created.role, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { ...invite, token };
}

export async function revokeInvite(actor: SessionUser | null, input: z.infer<typeof RevokeInviteSchema>) {
  const admin = assertRole(actor, "admin", "revoke invitations");
  await db().$transaction(async (tx) => {
    const res = await tx.invite.updateMany({
      where: { id: input.inviteId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (res.count === 0) throw new AppError("not_found", "That invitation was already used or revoked.");
    await audit(tx, {
      actorId: admin.id,
      action: "invite.revoke",
      entityType: "Invite",
      entityId: input.inviteId,
    });
  });
}

export type InviteLookup =
  | { status: "valid"; email: string | null; role: Role; expiresAt: Date }
  | { status: "expired" | "used" | "revoked" | "unknown" };

/** What an invite link leads to; anyone holding the link may ask. */
export async function lookupInvite(token: string): Promise<InviteLookup> {
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!invite) return { status: "unknown" };
  if (invite.acceptedAt) return { status: "used" };
  if (invite.revokedAt) return { status: "revoked" };
  if (invite.expiresAt <= new Date()) return { status: "expired" };
  return { status: "valid", email: invite.email, role: invite.role, expiresAt: invite.expiresAt };
}

/** Turns a valid invite into an account; the invite can be used once only. */
export async function acceptInvite(input: z.infer<typeof AcceptInviteSchema>) {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { tokenHash: hashToken(input.token) } });
    const now = new Date();
    if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt <= now) {
      throw new AppError(
        "invalid",
        "This invitation link is no longer valid. Ask an administrator for a new one.",
      );
    }
    if (invite.email && invite.email !== input.email) {
      throw new AppError("invalid", `This invitation is for ${invite.email}.`);
    }
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("conflict", `${input.email} already has an account. Sign in instead.`);
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: invite.role },
      select: USER_SELECT,
    });
    // The conditional update makes the invite single-use even under concurrent requests.
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: now, acceptedById: user.id },
    });
    if (claimed.count !== 1) throw new AppError("conflict", "This invitation was just used.");
    await audit(tx, {
      actorId: user.id,
      action: "invite.accept",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, inviteId: invite.id },
    });
    return user;
  });
}

/** Refuses a change that would leave the team without an active administrator. */
async function assertAnotherAdmin(tx: Tx, userId: string) {
  const others = await tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
  if (others === 0) throw new AppError("conflict", "The team needs at least one active administrator.");
}

export async function changeRole(actor: SessionUser | null, input: z.infer<typeof ChangeRoleSchema>) {
  const admin = assertRole(actor, "admin", "change roles");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('evidence:admins'))`;
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: USER_SELECT });
    if (!user) throw new AppError("not_found", "No such account.");
    if (user.role === input.role) return user;
    if (user.role === "admin") await assertAnotherAdmin(tx, user.id);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role: input.role, version: { increment: 1 } },
      select: USER_SELECT,
    });
    await audit(tx, {
      actorId: admin.id,
      action: "user.role",
      entityType: "User",
      entityId: user.id,
      before: { role: user.role },
      after: { role: updated.role },
    });
    return updated;
  });
}

/** Disabling ends the account's sessions at once (its session version moves on). */
export async function setDisabled(actor: SessionUser | null, input: z.infer<typeof SetDisabledSchema>) {
  const admin = assertRole(actor, "admin", "disable accounts");
  const disable = input.disabled === "true";
  if (disable && input.userId === admin.id)
    throw new AppError("invalid", "You cannot disable your own account.");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('evidence:admins'))`;
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: USER_SELECT });
    if (!user) throw new AppError("not_found", "No such account.");
    if (disable && user.role === "admin") await assertAnotherAdmin(tx, user.id);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: {
        disabledAt: disable ? (user.disabledAt ?? new Date()) : null,
        sessionVersion: disable ? { increment: 1 } : undefined,
        version: { increment: 1 },
      },
      select: USER_SELECT,
    });
    await audit(tx, {
      actorId: admin.id,
      action: disable ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: user.id,
      before: { disabled: user.disabledAt !== null },
      after: { disabled: updated.disabledAt !== null },
    });
    return updated;
  });
}

/** Changes the caller's own password and ends their other sessions; returns the new session version. */
export async function changePassword(actor: SessionUser | null, input: z.infer<typeof ChangePasswordSchema>) {
  const me = assertRole(actor, "viewer", "change your password");
  const row = await db().user.findUnique({ where: { id: me.id }, select: { passwordHash: true } });
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new AppError("invalid", "Your current password is not right.");
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: me.id },
      data: { passwordHash, sessionVersion: { increment: 1 }, version: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await audit(tx, { actorId: me.id, action: "user.password", entityType: "User", entityId: me.id });
    return updated.sessionVersion;
  });
}
