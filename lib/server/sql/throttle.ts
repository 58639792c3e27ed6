// Sign-in rate limiting with failure counters in PostgreSQL, shared by every app instance that
// uses the same database. Three limits:
// - per account and client: 5 failures in 15 minutes, then that client waits out the window
//   for that account (someone guessing elsewhere slows only themselves);
// - per client: 30 failures in 15 minutes over any accounts (spraying one password);
// - per account, from anywhere: after 10 failures in 15 minutes each further attempt waits twice
//   as long as the one before (1 s, 2 s, 4 s… up to a minute) — slowed, never locked, so the owner
//   still gets in while someone else hammers the account.
import type { Db } from "./client";

export const THROTTLE_RULES = {
  client: { maxFailures: 5, windowMinutes: 15 },
  ip: { maxFailures: 30, windowMinutes: 15 },
  account: { freeFailures: 10, windowMinutes: 15, maxDelaySeconds: 60 },
} as const;

export type ThrottleScope = "client" | "ip";

export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
}

const keyOf = (scope: ThrottleScope | "account", id: string) => `${scope}:${id.toLowerCase()}`;

/** The key of an account tried from one client ("unknown" when the client cannot be told). */
export const clientKey = (email: string, client: string | null) => `${email}|${client ?? "unknown"}`;

/** Whether this account-and-client or client has used up its failures in the current window. */
export async function checkThrottle(db: Db, scope: ThrottleScope, id: string): Promise<ThrottleState> {
  const rule = THROTTLE_RULES[scope];
  const rows = await db.$queryRaw<{ failures: number; retry: number }[]>`
    SELECT failures,
           CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(mins => ${rule.windowMinutes}) - now())))::int AS retry
      FROM sign_in_throttles
     WHERE key = ${keyOf(scope, id)}
       AND window_start > now() - make_interval(mins => ${rule.windowMinutes})`;
  const row = rows[0];
  if (!row || row.failures < rule.maxFailures) return { blocked: false, retryAfterSeconds: 0 };
  return { blocked: true, retryAfterSeconds: Math.max(1, row.retry) };
}

/** Counts one attempt (or failure) atomically and returns the count in the current window. */
export async function recordFailure(db: Db, scope: ThrottleScope, id: string): Promise<number> {
  const rule = THROTTLE_RULES[scope];
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO sign_in_throttles (key, window_start, failures, last_failure_at)
    VALUES (${keyOf(scope, id)}, now(), 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN sign_in_throttles.window_start <= now() - make_interval(mins => ${rule.windowMinutes})
                      THEN 1 ELSE sign_in_throttles.failures + 1 END,
      window_start = CASE WHEN sign_in_throttles.window_start <= now() - make_interval(mins => ${rule.windowMinutes})
                      THEN now() ELSE sign_in_throttles.window_start END,
      last_failure_at = now()
    RETURNING failures`;
  return rows[0]?.failures ?? 1;
}

/**
 * The account's ceiling, in one statement so that parallel attempts cannot all slip through: an
 * attempt is let through (and counted) when the account has had fewer than `freeFailures`
 * failures in the window, or the wait since its last failure is over; otherwise it is not
 * counted, and the answer says how long to wait.
 */
export async function attemptOnAccount(db: Db, email: string): Promise<ThrottleState> {
  const rule = THROTTLE_RULES.account;
  const rows = await db.$queryRaw<{ allowed: boolean; retry: number }[]>`
    INSERT INTO sign_in_throttles AS t (key, window_start, failures, last_failure_at)
    VALUES (${keyOf("account", email)}, now(), 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE
        WHEN t.window_start <= now() - make_interval(mins => ${rule.windowMinutes}) THEN 1
        WHEN t.failures < ${rule.freeFailures}
          OR t.last_failure_at + make_interval(secs => LEAST(${rule.maxDelaySeconds}, power(2, t.failures - ${rule.freeFailures}))) <= now()
          THEN t.failures + 1
        ELSE t.failures END,
      window_start = CASE WHEN t.window_start <= now() - make_interval(mins => ${rule.windowMinutes})
                          THEN now() ELSE t.window_start END,
      last_failure_at = CASE
        WHEN t.window_start <= now() - make_interval(mins => ${rule.windowMinutes})
          OR t.failures < ${rule.freeFailures}
          OR t.last_failure_at + make_interval(secs => LEAST(${rule.maxDelaySeconds}, power(2, t.failures - ${rule.freeFailures}))) <= now()
          THEN now()
        ELSE t.last_failure_at END
    RETURNING last_failure_at = now() AS allowed,
              CEIL(EXTRACT(EPOCH FROM (last_failure_at
                + make_interval(secs => LEAST(${rule.maxDelaySeconds}, power(2, GREATEST(failures - ${rule.freeFailures}, 0))))
                - now())))::int AS retry`;
  const row = rows[0];
  if (!row || row.allowed) return { blocked: false, retryAfterSeconds: 0 };
  return { blocked: true, retryAfterSeconds: Math.max(1, row.retry) };
}

export async function clearThrottle(db: Db, scope: ThrottleScope | "account", id: string): Promise<void> {
  await db.$executeRaw`DELETE FROM sign_in_throttles WHERE key = ${keyOf(scope, id)}`;
}

/** Drops expired windows; called now and then so the table stays small. */
export async function pruneThrottles(db: Db): Promise<number> {
  const longest = Math.max(...Object.values(THROTTLE_RULES).map((r) => r.windowMinutes));
  return db.$executeRaw`DELETE FROM sign_in_throttles WHERE window_start < now() - make_interval(mins => ${longest})`;
}

/** Takes back one counted attempt, e.g. one that succeeded. */
export async function forgiveAttempt(db: Db, scope: ThrottleScope, id: string): Promise<void> {
  await db.$executeRaw`UPDATE sign_in_throttles SET failures = GREATEST(failures - 1, 0) WHERE key = ${keyOf(scope, id)}`;
}
