"use server";
import { defineAction } from "@/lib/server/platform/action";
import { reissueSession } from "@/lib/server/platform/session";
import { changePassword } from "@/lib/server/users";
import { ChangePasswordSchema } from "@/lib/validation/user";

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
