// Sign-in rate limiting with fixed-window failure counters in PostgreSQL, shared by every
// app instance that uses the same database.
import type { Db } from "./client";

export const THROTTLE_RULES = {
  account: { maxFailures: 5, windowMinutes: 15 },
  ip: { maxFailures: 30, windowMinutes: 15 },
} as const;

export type ThrottleScope = keyof typeof THROTTLE_RULES;

export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
}

const keyOf = (scope: ThrottleScope, id: string) => `${scope}:${id.toLowerCase()}`;

/** Whether this account or address has used up its failures in the current window. */
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
    INSERT INTO sign_in_throttles (key, window_start, failures)
    VALUES (${keyOf(scope, id)}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN sign_in_throttles.window_start <= now() - make_interval(mins => ${rule.windowMinutes})
                      THEN 1 ELSE sign_in_throttles.failures + 1 END,
      window_start = CASE WHEN sign_in_throttles.window_start <= now() - make_interval(mins => ${rule.windowMinutes})
                      THEN now() ELSE sign_in_throttles.window_start END
    RETURNING failures`;
  return rows[0]?.failures ?? 1;
}

export async function clearThrottle(db: Db, scope: ThrottleScope, id: string): Promise<void> {
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
