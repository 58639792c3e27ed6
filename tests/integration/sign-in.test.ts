// Sign-in checks against real PostgreSQL: wrong passwords, disabled accounts, and rate limits per
// account and client, per client, and per account (slowing, never locking) that every app
// instance shares through the database.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../lib/server/platform/db";
import { createPrismaClient } from "../../lib/server/sql/client";
import { authenticate, describeSignInFailure } from "../../lib/server/platform/sign-in";
import {
  checkThrottle,
  clientKey,
  pruneThrottles,
  recordFailure,
  THROTTLE_RULES,
} from "../../lib/server/sql/throttle";
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

  it("after 5 failures from one client, that client waits; the owner elsewhere signs in", async () => {
    const user = await makeUser(db(), "viewer");
    const attacker = "198.51.100.66";
    for (let i = 0; i < THROTTLE_RULES.client.maxFailures; i++)
      expect(await authenticate(user.email, `wrong ${i}`, attacker)).toMatchObject({ reason: "invalid" });
    // Even the right password waits, from that client.
    const result = await authenticate(user.email, FACTORY_PASSWORD, attacker);
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    if (result.ok || result.reason !== "throttled") throw new Error("expected throttled");
    expect(result.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(describeSignInFailure(result)).toBe(
      "Too many failed sign-in attempts from here. Try again in 15 minutes.",
    );
    expect(await checkThrottle(otherInstance, "client", clientKey(user.email, attacker))).toMatchObject({
      blocked: true,
    });
    // The owner, from their own machine, is not locked out.
    expect(await authenticate(user.email, FACTORY_PASSWORD, "192.0.2.50")).toMatchObject({ ok: true });
  });

  it("slows an account tried from many clients, with growing waits, and never locks it", async () => {
    const user = await makeUser(db(), "viewer");
    const rule = THROTTLE_RULES.account;
    // Failures spread over many clients (each below its own limit) reach the account's ceiling…
    for (let i = 0; i < rule.freeFailures; i++)
      expect(await authenticate(user.email, `wrong ${i}`, `203.0.113.${i}`)).toMatchObject({
        reason: "invalid",
      });
    // …from which each attempt waits: twice as long after each failure, starting at 1 s.
    const slowed = await authenticate(user.email, FACTORY_PASSWORD, "192.0.2.51");
    expect(slowed).toMatchObject({ ok: false, reason: "slowed" });
    if (slowed.ok || slowed.reason !== "slowed") throw new Error("expected slowed");
    expect(slowed.retryAfterSeconds).toBe(1);
    expect(describeSignInFailure(slowed)).toMatch(
      /^This account has had many failed sign-in attempts\. Wait \d+ seconds?/,
    );
    await db().$executeRaw`UPDATE sign_in_throttles SET last_failure_at = now() - interval '2 seconds'
                            WHERE key = ${"account:" + user.email}`;
    expect(await authenticate(user.email, "wrong again", "203.0.113.100")).toMatchObject({
      reason: "invalid",
    });
    expect(await authenticate(user.email, FACTORY_PASSWORD, "192.0.2.51")).toMatchObject({
      reason: "slowed",
      retryAfterSeconds: 2,
    });
    // Waits grow, but never past a minute: once it is over, the owner gets in.
    await db()
      .$executeRaw`UPDATE sign_in_throttles SET failures = 40, last_failure_at = now() - interval '59 seconds'
                            WHERE key = ${"account:" + user.email}`;
    const long = await authenticate(user.email, FACTORY_PASSWORD, "192.0.2.51");
    expect(long).toMatchObject({ reason: "slowed", retryAfterSeconds: 1 });
    await db().$executeRaw`UPDATE sign_in_throttles SET last_failure_at = now() - interval '61 seconds'
                            WHERE key = ${"account:" + user.email}`;
    expect(await authenticate(user.email, FACTORY_PASSWORD, "192.0.2.51")).toMatchObject({ ok: true });
  });

  it("limits one client trying many accounts", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < THROTTLE_RULES.ip.maxFailures; i++) await recordFailure(otherInstance, "ip", ip);
    const user = await makeUser(db(), "viewer");
    expect(await authenticate(user.email, FACTORY_PASSWORD, ip)).toMatchObject({ reason: "throttled" });
    expect(await authenticate(user.email, FACTORY_PASSWORD, "203.0.113.78")).toMatchObject({ ok: true });
  });

  it("lets no more than 5 of 20 parallel guesses from one client through to the password check", async () => {
    const user = await makeUser(db(), "viewer");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticate(user.email, `guess ${i}`, null)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(
      THROTTLE_RULES.client.maxFailures,
    );
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(
      20 - THROTTLE_RULES.client.maxFailures,
    );
  });

  it("lets no more than the account's free failures through, however many clients guess at once", async () => {
    const user = await makeUser(db(), "viewer");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => authenticate(user.email, `guess ${i}`, `198.18.0.${i}`)),
    );
    // The ceiling lets freeFailures + 1 through (the last one starts the first wait).
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(
      THROTTLE_RULES.account.freeFailures + 1,
    );
    expect(results.filter((r) => !r.ok && r.reason === "slowed").length).toBeGreaterThanOrEqual(
      30 - THROTTLE_RULES.account.freeFailures - 1,
    );
  });

  it("counts concurrent failures exactly once each", async () => {
    const key = `race-${Date.now()}@example.test`;
    await Promise.all(Array.from({ length: 20 }, () => recordFailure(db(), "client", key)));
    const [row] = await db().$queryRaw<
      { failures: number }[]
    >`SELECT failures FROM sign_in_throttles WHERE key = ${"client:" + key}`;
    expect(row?.failures).toBe(20);
  });

  it("starts a new window once the old one has passed, and prunes old windows", async () => {
    const key = `old-${Date.now()}@example.test`;
    await db().$executeRaw`INSERT INTO sign_in_throttles (key, window_start, failures)
                           VALUES (${"client:" + key}, now() - interval '1 hour', 50)`;
    expect(await checkThrottle(db(), "client", key)).toEqual({ blocked: false, retryAfterSeconds: 0 });
    expect(await recordFailure(db(), "client", key)).toBe(1);
    await db()
      .$executeRaw`UPDATE sign_in_throttles SET window_start = now() - interval '1 hour' WHERE key = ${"client:" + key}`;
    expect(await pruneThrottles(db())).toBeGreaterThanOrEqual(1);
  });
});
