// Who is on the other end of a request, for limits per client. The app's server (scripts/serve.ts)
// writes the socket's address into PEER_HEADER, overwriting anything a client sent, and appends
// it to X-Forwarded-For as a proxy would. Behind `trustedProxies` proxies that each append the
// address they received from, the client is that many hops to the left of the socket's address.

export const PEER_HEADER = "x-evidence-peer";

/**
 * The client's address: the socket's, or (behind trusted proxies) the hop they vouch for; null
 * when the app runs without its server and so cannot tell (then X-Forwarded-For is whatever the
 * client wrote, and is not trusted).
 */
export function clientAddress(
  peer: string | null | undefined,
  forwardedFor: string | null | undefined,
  trustedProxies: number,
): string | null {
  if (!peer) return null;
  if (trustedProxies <= 0) return normalise(peer);
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  // The last hop is the socket (our server appended it); each trusted proxy appended one more.
  const index = hops.length - 1 - trustedProxies;
  return normalise(index >= 0 ? hops[index]! : (hops[0] ?? peer));
}

/** "::ffff:127.0.0.1" is 127.0.0.1. */
function normalise(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
}

/** Whether an address is this machine. */
export function isLoopback(address: string | null): boolean {
  return address !== null && (/^127\./.test(address) || address === "::1");
}

/**
 * Whether the first administrator may be created: from this machine always; from another only
 * with the one-time code the server printed when it started (none printed: not from elsewhere).
 */
export function setupVerdict(
  client: string | null,
  given: string | null,
  expected: string | null,
): { ok: true } | { ok: false; reason: string } {
  if (isLoopback(client)) return { ok: true };
  if (!expected)
    return {
      ok: false,
      reason:
        "Create the first administrator on the server's own machine, or start the app with npm start, which prints a setup code for this page.",
    };
  if (!given) return { ok: false, reason: "Enter the setup code that the server printed when it started." };
  return constantTimeEqual(given.trim(), expected)
    ? { ok: true }
    : { ok: false, reason: "That is not the setup code the server printed." };
}

function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
