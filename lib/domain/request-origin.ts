// Whether a state-changing request comes from the app's own pages. Browsers name the page that
// sent a request in Origin (and, for fetches and forms, how it relates to the target in
// Sec-Fetch-Site); a page of another site — or of another port of the same host, which is
// "same-site" but not "same-origin" — is refused, and so is a request that names no origin at all
// (what a script outside a browser sends), since the app's own pages always do.

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function originVerdict(
  method: string,
  headers: { origin: string | null; secFetchSite: string | null },
  allowedOrigins: readonly string[],
): OriginVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const site = headers.secFetchSite?.toLowerCase() ?? null;
  if (site !== null && site !== "same-origin")
    return { ok: false, reason: `a ${site} request (Sec-Fetch-Site)` };
  if (!headers.origin || headers.origin === "null") return { ok: false, reason: "no Origin header" };
  let origin: string;
  try {
    origin = new URL(headers.origin).origin;
  } catch {
    return { ok: false, reason: "an unreadable Origin header" };
  }
  return allowedOrigins.includes(origin) ? { ok: true } : { ok: false, reason: `the origin ${origin}` };
}
