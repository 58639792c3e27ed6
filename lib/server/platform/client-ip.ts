// The client address for rate limiting. Behind N trusted proxies the client is the
// N-th address from the right of X-Forwarded-For; with none, Next.js puts the socket
// address there unless the client already sent the header (see README, Scaling).
import "server-only";
export function clientIp(forwardedFor: string | null | undefined, trustedProxies: number): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  const index = Math.max(0, hops.length - Math.max(1, trustedProxies));
  return hops[index] ?? null;
}
