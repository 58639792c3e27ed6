"use server";
import { defineAction } from "@/lib/server/platform/action";
import { createFirstAdmin } from "@/lib/server/users";
import { SetupSchema } from "@/lib/validation/user";

export const createFirstAdminAction = defineAction({
  access: { public: true },
  schema: SetupSchema,
  run: async (input) => {
    const user = await createFirstAdmin(input);
    return { email: user.email };
  },
  message: "Administrator created. Signing you in…",
});
