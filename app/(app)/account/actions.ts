"use server";
import { defineAction } from "@/lib/server/platform/action";
import { reissueSession } from "@/lib/server/platform/session";
import { endMySession, signOutEverywhere } from "@/lib/server/account-sessions";
import { changePassword } from "@/lib/server/users";
import { ChangePasswordSchema, EndSessionSchema, SignOutEverywhereSchema } from "@/lib/validation/user";

export const changePasswordAction = defineAction({
  access: { role: "viewer" },
  schema: ChangePasswordSchema,
  run: async (input, user) => {
    const sessionVersion = await changePassword(user, input);
    // This browser stays signed in; every other session of the account has ended.
    if (user) await reissueSession(user, sessionVersion);
  },
  message: "Password changed. You were signed out everywhere else.",
});

export const endSessionAction = defineAction({
  access: { role: "viewer" },
  schema: EndSessionSchema,
  run: (input, user) => endMySession(user, input),
  revalidate: ["/account"],
  message: "That session has ended: its browser is signed out.",
});

export const signOutEverywhereAction = defineAction({
  access: { role: "viewer" },
  schema: SignOutEverywhereSchema,
  run: (_input, user) => signOutEverywhere(user),
  message: "You were signed out everywhere, here too.",
});
