// zod schemas for everything a person types about accounts, shared by forms and actions.
import { z } from "zod";
import { ROLES } from "../domain/roles";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export const email = z
  .string({ error: "Enter an e-mail address" })
  .trim()
  .toLowerCase()
  .max(254, "That e-mail address is too long")
  .pipe(z.email({ error: "Enter a valid e-mail address" }));

export const password = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const displayName = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");

export const role = z.enum(ROLES, { error: "Choose admin, reviewer or viewer" });

const samePasswords = (v: { password: string; confirmPassword: string }) => v.password === v.confirmPassword;
const differ = { path: ["confirmPassword"], message: "The two passwords differ" };

export const SetupSchema = z
  .object({
    name: displayName,
    email,
    password,
    confirmPassword: z.string(),
    /** The one-time code the server printed, asked for when the page is opened from elsewhere. */
    setupCode: z.string().trim().max(100).default(""),
  })
  .refine(samePasswords, differ);

export const SignInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX),
});

export const InviteSchema = z.object({
  email: z.union([z.literal(""), email]).transform((v) => (v === "" ? null : v)),
  role,
});

export const AcceptInviteSchema = z
  .object({
    token: z.string().min(20).max(100),
    name: displayName,
    email,
    password,
    confirmPassword: z.string(),
  })
  .refine(samePasswords, differ);

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(PASSWORD_MAX),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ",
  });

export const ChangeRoleSchema = z.object({ userId: z.uuid(), role });
export const SetDisabledSchema = z.object({ userId: z.uuid(), disabled: z.enum(["true", "false"]) });
export const RevokeInviteSchema = z.object({ inviteId: z.uuid() });

export const EndSessionSchema = z.object({ id: z.uuid({ error: "Unknown session" }) });
/** "Sign out everywhere" asks to be meant: the button sends confirm=yes. */
export const SignOutEverywhereSchema = z.object({
  confirm: z.literal("yes", { error: "Confirm to sign out everywhere" }),
});
