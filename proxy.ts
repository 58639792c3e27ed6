// Runs before every page and route: a fresh CSP nonce per request (Next.js reads the policy from
// the request and puts the nonce on its scripts), the policy on the response, and HSTS when the
// app is served over HTTPS (its NEXTAUTH_URL, or the protocol a trusted proxy forwards).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/domain/security-headers";

function servedOverHttps(request: NextRequest): boolean {
  if (process.env.NEXTAUTH_URL?.startsWith("https://")) return true;
  const trusted = Number(process.env.TRUSTED_PROXY_COUNT ?? 0) > 0;
  return trusted && request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = servedOverHttps(request);
  const policy = contentSecurityPolicy(nonce, https);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Not for Next.js's own static files.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
