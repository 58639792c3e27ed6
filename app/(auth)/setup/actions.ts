"use server";
import { defineAction } from "@/lib/server/platform/action";
import { expectedSetupCode, requestClient } from "@/lib/server/platform/request-client";
import { createFirstAdmin } from "@/lib/server/users";
import { SetupSchema } from "@/lib/validation/user";

export const createFirstAdminAction = defineAction({
  access: { public: true },
  schema: SetupSchema,
  run: async (input) => {
    const user = await createFirstAdmin(input, {
      client: await requestClient(),
      expectedCode: expectedSetupCode(),
    });
    return { email: user.email };
  },
  message: "Administrator created. Signing you in…",
});
