import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("server configuration", () => {
  it("names a missing secret and how to make one", async () => {
    vi.stubEnv("DATABASE_URL", "postgresql://localhost/x");
    vi.stubEnv("NEXTAUTH_SECRET", undefined);
    const { serverEnv } = await import("../../lib/server/platform/env");
    expect(() => serverEnv()).toThrow(
      /NEXTAUTH_SECRET is not set: generate one with `openssl rand -base64 32`/,
    );
  });

  it("rejects a DATABASE_URL that is not PostgreSQL and a short secret", async () => {
    vi.stubEnv("DATABASE_URL", "mysql://localhost/x");
    vi.stubEnv("NEXTAUTH_SECRET", "short");
    const { serverEnv } = await import("../../lib/server/platform/env");
    expect(() => serverEnv()).toThrow(
      /DATABASE_URL must be a postgresql:\/\/ URL[\s\S]*at least 32 characters/,
    );
  });

  it("fills in defaults", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://localhost/x");
    vi.stubEnv("NEXTAUTH_SECRET", "x".repeat(32));
    const { serverEnv } = await import("../../lib/server/platform/env");
    expect(serverEnv()).toMatchObject({
      DATABASE_POOL_MAX: 10,
      TRUSTED_PROXY_COUNT: 0,
      INVITE_TTL_HOURS: 72,
    });
  });
});
