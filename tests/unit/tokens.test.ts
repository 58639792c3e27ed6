import { describe, expect, it } from "vitest";
import { hashToken, newToken, TOKEN_BYTES } from "../../lib/server/platform/tokens";

describe("one-time tokens", () => {
  it("carry at least 128 bits from the CSPRNG, URL-safe", () => {
    expect(TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(TOKEN_BYTES);
  });

  it("do not repeat and look uniformly random (bit balance over 20,000 tokens)", () => {
    const tokens = Array.from({ length: 20_000 }, newToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    let ones = 0;
    for (const t of tokens)
      for (const byte of Buffer.from(t, "base64url")) ones += byte.toString(2).split("1").length - 1;
    const bits = tokens.length * TOKEN_BYTES * 8;
    // Binomial(bits, 0.5): 6 standard deviations either side.
    expect(Math.abs(ones - bits / 2)).toBeLessThan(6 * Math.sqrt(bits / 4));
  });

  it("are stored as a SHA-256 hex digest, never as themselves", () => {
    const token = newToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(newToken()));
  });
});
