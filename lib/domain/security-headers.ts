// The security headers of every page: a Content-Security-Policy whose scripts need the request's
// nonce (Next.js puts it on its own scripts), and HSTS when the app is served over HTTPS.

/** The policy for a page rendered with `nonce`. Styles may be inline (the charts set style
 * attributes); scripts, frames, forms and connections are the app's own only. */
export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

/** A nonce from 16 random bytes (128 bits), base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
