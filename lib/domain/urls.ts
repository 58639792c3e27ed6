// Where a sign-in may send the user back to: only a path on this site, never another host.
const BASE = "http://this.invalid";

export function safeCallback(url: string | null | undefined): string {
  // Browsers drop tabs and newlines inside URLs ("/\t/evil" becomes "//evil"): refuse any.
  if (!url || !url.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(url)) return "/";
  let parsed: URL;
  try {
    parsed = new URL(url, BASE);
  } catch {
    return "/";
  }
  if (parsed.origin !== BASE) return "/";
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
