// Where a sign-in may send the user back to: only paths on this site, never another host.
export function safeCallback(url: string | null | undefined): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/";
  return url;
}
