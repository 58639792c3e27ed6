"use server";
import { defineAction } from "@/lib/server/platform/action";
import { acceptInvite } from "@/lib/server/users";
import { AcceptInviteSchema } from "@/lib/validation/user";

export const acceptInviteAction = defineAction({
  access: { public: true },
  schema: AcceptInviteSchema,
  run: async (input) => {
    const user = await acceptInvite(input);
    return { email: user.email };
  },
  message: "Account created. Signing you in…",
});
