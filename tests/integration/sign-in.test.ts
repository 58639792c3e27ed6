// Sign-in checks against real PostgreSQL: wrong passwords, disabled accounts, and rate limits
// per account and per address that every app instance shares through the database.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../lib/server/platform/db";
import { createPrismaClient } from "../../lib/server/sql/client";
import { authenticate, describeSignInFailure } from "../../lib/server/platform/sign-in";
import { checkThrottle, pruneThrottles, recordFailure, THROTTLE_RULES } from "../../lib/server/sql/throttle";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";

// A second client stands for a second app instance behind the load balancer.
const otherInstance = createPrismaClient(process.env.DATABASE_URL!, 2);
afterAll(async () => {
  await otherInstance.$disconnect();
  await db().$disconnect();
});

describe("authenticate", () => {
  it("accepts the right password (any case of e-mail) and records the sign-in", async () => {
    const user = await makeUser(db(), "reviewer");
    const result = await authenticate(user.email.toUpperCase(), FACTORY_PASSWORD, "192.0.2.1");
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "reviewer" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const user = await makeUser(db(), "viewer");
    const wrong = await authenticate(user.email, "not it", "192.0.2.2");
    const unknown = await authenticate("nobody@example.test", "not it", "192.0.2.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await makeUser(db(), "viewer");
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const result = await authenticate(user.email, FACTORY_PASSWORD, "192.0.2.3");
    expect(result).toEqual({ ok: false, reason: "disabled" });
    expect(describeSignInFailure(result as never)).toContain("disabled");
  });

  it("locks an account after 5 failures, across instances, and says for how long", async () => {
    const user = await makeUser(db(), "viewer");
    for (let i = 0; i < THROTTLE_RULES.account.maxFailures; i++) {
      // Failures spread over different addresses still count against the account.
      expect(await authenticate(user.email, `wrong ${i}`, `198.51.100.${i}`)).toMatchObject({
        reason: "invalid",
      });
    }
    const result = await authenticate(user.email, FACTORY_PASSWORD, "198.51.100.200");
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    if (result.ok || result.reason !== "throttled") throw new Error("expected throttled");
    expect(result.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(describeSignInFailure(result)).toBe("Too many failed sign-in attempts. Try again in 15 minutes.");
    expect(await checkThrottle(otherInstance, "account", user.email)).toMatchObject({ blocked: true });
  });

  it("limits one address trying many accounts", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < THROTTLE_RULES.ip.maxFailures; i++) await recordFailure(otherInstance, "ip", ip);
    const user = await makeUser(db(), "viewer");
    expect(await authenticate(user.email, FACTORY_PASSWORD, ip)).toMatchObject({ reason: "throttled" });
    expect(await authenticate(user.email, FACTORY_PASSWORD, "203.0.113.78")).toMatchObject({ ok: true });
  });

  it("lets no more than 5 of 20 parallel guesses through to the password check", async () => {
    const user = await makeUser(db(), "viewer");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticate(user.email, `guess ${i}`, null)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(
      THROTTLE_RULES.account.maxFailures,
    );
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(
      20 - THROTTLE_RULES.account.maxFailures,
    );
  });

  it("counts concurrent failures exactly once each", async () => {
    const key = `race-${Date.now()}@example.test`;
    await Promise.all(Array.from({ length: 20 }, () => recordFailure(db(), "account", key)));
    const [row] = await db().$queryRaw<
      { failures: number }[]
    >`SELECT failures FROM sign_in_throttles WHERE key = ${"account:" + key}`;
    expect(row?.failures).toBe(20);
  });

  it("starts a new window once the old one has passed, and prunes old windows", async () => {
    const key = `old-${Date.now()}@example.test`;
    await db().$executeRaw`INSERT INTO sign_in_throttles (key, window_start, failures)
                           VALUES (${"account:" + key}, now() - interval '1 hour', 50)`;
    expect(await checkThrottle(db(), "account", key)).toEqual({ blocked: false, retryAfterSeconds: 0 });
    expect(await recordFailure(db(), "account", key)).toBe(1);
    await db()
      .$executeRaw`UPDATE sign_in_throttles SET window_start = now() - interval '1 hour' WHERE key = ${"account:" + key}`;
    expect(await pruneThrottles(db())).toBeGreaterThanOrEqual(1);
  });
});
