// One-time tokens (invites, share links): 256 bits from the CSPRNG, only their hash stored.
import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_BYTES = 32;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
