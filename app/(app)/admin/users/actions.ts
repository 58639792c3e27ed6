"use server";
import { defineAction } from "@/lib/server/platform/action";
import { changeRole, createInvite, revokeInvite, setDisabled } from "@/lib/server/users";
import { ChangeRoleSchema, InviteSchema, RevokeInviteSchema, SetDisabledSchema } from "@/lib/validation/user";

export const createInviteAction = defineAction({
  access: { role: "admin" },
  schema: InviteSchema,
  run: async (input, user) => {
    const invite = await createInvite(user, input);
    return {
      path: `/invite/${invite.token}`,
      role: invite.role,
      email: invite.email,
      expiresAt: invite.expiresAt.toISOString(),
    };
  },
  revalidate: ["/admin/users"],
  message: "Invitation created. Copy the link and send it; it is shown only once.",
});

export const revokeInviteAction = defineAction({
  access: { role: "admin" },
  schema: RevokeInviteSchema,
  run: (input, user) => revokeInvite(user, input),
  revalidate: ["/admin/users"],
  message: "Invitation revoked.",
});

export const changeRoleAction = defineAction({
  access: { role: "admin" },
  schema: ChangeRoleSchema,
  run: async (input, user) => {
    const updated = await changeRole(user, input);
    return { role: updated.role };
  },
  revalidate: ["/admin/users"],
  message: "Role changed.",
});

export const setDisabledAction = defineAction({
  access: { role: "admin" },
  schema: SetDisabledSchema,
  run: async (input, user) => {
    const updated = await setDisabled(user, input);
    return { disabled: updated.disabledAt !== null };
  },
  revalidate: ["/admin/users"],
  message: (d) => (d.disabled ? "Account disabled; its sessions have ended." : "Account enabled."),
});
