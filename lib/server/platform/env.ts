// The server's configuration, read from the environment once and checked with zod,
// so that a missing or malformed setting stops the app with a message that names it.
import "server-only";
import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z
    .string({
      error: "DATABASE_URL is not set: point it at a PostgreSQL database (see README, Configuration)",
    })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z
    .string({
      error:
        "NEXTAUTH_SECRET is not set: generate one with `openssl rand -base64 32` (npm start makes one for the embedded database)",
    })
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** How many reverse proxies in front of the app append to X-Forwarded-For (0: none). */
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
  INVITE_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
});

export type ServerEnv = z.infer<typeof EnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
