// Checks a sign-in attempt: rate limits per account and client, per client and (slowing, never
// locking) per account, all in PostgreSQL (lib/server/sql/throttle.ts); the password; and
// whether the account is enabled.
import "server-only";
import type { Role } from "../../domain/roles";
import { db } from "./db";
import { verifyAgainstDummy, verifyPassword } from "./password";
import {
  attemptOnAccount,
  checkThrottle,
  clearThrottle,
  clientKey,
  forgiveAttempt,
  pruneThrottles,
  recordFailure,
  THROTTLE_RULES,
} from "../sql/throttle";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "slowed"; retryAfterSeconds: number };

export function describeSignInFailure(result: Exclude<SignInResult, { ok: true }>): string {
  switch (result.reason) {
    case "invalid":
      return "That e-mail and password do not match an account.";
    case "disabled":
      return "This account has been disabled. Ask an administrator.";
    case "throttled": {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return `Too many failed sign-in attempts from here. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    }
    case "slowed": {
      const seconds = result.retryAfterSeconds;
      return `This account has had many failed sign-in attempts. Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`;
    }
  }
}

/**
 * Every attempt is counted before the password is checked, so that parallel guesses cannot
 * slip past the limit between the check and the count; a successful attempt is taken back.
 */
export async function authenticate(
  email: string,
  password: string,
  ip: string | null,
): Promise<SignInResult> {
  const client = db();
  const normalised = email.trim().toLowerCase();
  const pair = clientKey(normalised, ip);
  const scopes = [["client", pair], ...(ip ? [["ip", ip] as const] : [])] as const;
  for (const [scope, id] of scopes) {
    const count = await recordFailure(client, scope, id);
    if (count > THROTTLE_RULES[scope].maxFailures) {
      const state = await checkThrottle(client, scope, id);
      return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(state.retryAfterSeconds, 1) };
    }
  }
  const ceiling = await attemptOnAccount(client, normalised);
  if (ceiling.blocked) return { ok: false, reason: "slowed", retryAfterSeconds: ceiling.retryAfterSeconds };
  const user = await client.user.findUnique({
    where: { email: normalised },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      sessionVersion: true,
      disabledAt: true,
      passwordHash: true,
    },
  });
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  await clearThrottle(client, "client", pair);
  await clearThrottle(client, "account", normalised);
  if (ip) await forgiveAttempt(client, "ip", ip);
  await pruneThrottles(client);
  await client.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      sessionVersion: user.sessionVersion,
    },
  };
}
