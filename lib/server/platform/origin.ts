// Refuses state-changing requests to route handlers that do not come from the app's own pages
// (server actions get the same check from Next.js). The app's origins: the one its requests are
// addressed to (the Host header; behind trusted proxies, the forwarded host and protocol) and
// NEXTAUTH_URL's.
import "server-only";
import { originVerdict } from "../../domain/request-origin";
import { serverEnv } from "./env";

function ownOrigins(request: Request): string[] {
  const origins = new Set<string>();
  const url = new URL(request.url);
  const host = request.headers.get("host");
  const proto = url.protocol.replace(":", "");
  if (host) origins.add(`${proto}://${host}`);
  if (serverEnv().TRUSTED_PROXY_COUNT > 0) {
    const forwardedHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? proto;
    if (forwardedHost) origins.add(`${forwardedProto}://${forwardedHost}`);
  }
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      origins.add(new URL(configured).origin);
    } catch {
      // A malformed NEXTAUTH_URL adds nothing.
    }
  }
  return [...origins];
}

/** A 403 response for a cross-site or origin-less state-changing request, or null to go on. */
export function refuseCrossSite(request: Request): Response | null {
  const verdict = originVerdict(
    request.method,
    { origin: request.headers.get("origin"), secFetchSite: request.headers.get("sec-fetch-site") },
    ownOrigins(request),
  );
  if (verdict.ok) return null;
  console.warn(`refused ${request.method} ${new URL(request.url).pathname}: ${verdict.reason}`);
  return Response.json(
    {
      ok: false,
      code: "forbidden",
      error: "This request did not come from the app's own pages, so it was refused.",
    },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * For reads that stream what a page must not share (the live channel): a 403 when the request says
 * it comes from another origin (an Origin header, or Sec-Fetch-Site other than same-origin), else
 * null. A same-origin EventSource sends neither an Origin nor another site.
 */
export function refuseCrossSiteRead(request: Request): Response | null {
  const site = request.headers.get("sec-fetch-site");
  if (!request.headers.get("origin") && (!site || site === "same-origin")) return null;
  const verdict = originVerdict(
    "POST",
    { origin: request.headers.get("origin"), secFetchSite: site },
    ownOrigins(request),
  );
  if (verdict.ok) return null;
  console.warn(`refused ${request.method} ${new URL(request.url).pathname}: ${verdict.reason}`);
  return Response.json(
    {
      ok: false,
      code: "forbidden",
      error: "This request did not come from the app's own pages, so it was refused.",
    },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
