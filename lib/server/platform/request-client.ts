// The client of the current request (for pages and server actions), from the header the app's
// server sets (scripts/serve.ts): see lib/domain/client-address.ts.
import "server-only";
import { headers } from "next/headers";
import { clientAddress, PEER_HEADER } from "../../domain/client-address";
import { serverEnv } from "./env";

export async function requestClient(): Promise<string | null> {
  const h = await headers();
  return clientAddress(h.get(PEER_HEADER), h.get("x-forwarded-for"), serverEnv().TRUSTED_PROXY_COUNT);
}

/** The setup code the server printed at start (EVIDENCE_SETUP_CODE), or null. */
export function expectedSetupCode(): string | null {
  return process.env.EVIDENCE_SETUP_CODE || null;
}
