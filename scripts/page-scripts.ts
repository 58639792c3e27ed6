// The JavaScript a page's HTML makes a browser fetch on first load: its <script src> tags and the
// chunks it preloads (<link rel="preload" as="script">, which Next uses for a component loaded on
// demand that the page renders at once). A script marked nomodule is the legacy browsers'
// polyfills: a browser that runs modules never fetches it, so it is listed apart.
export interface PageScripts {
  /** What a current browser fetches, in order, without repeats. */
  loaded: string[];
  /** nomodule scripts, fetched only by browsers without ES modules. */
  legacy: string[];
}

const attr = (tag: string, name: string): string | null => {
  // The whole name: "as" is not the start of "async", nor "nomodule" of "nomodulex".
  const m = new RegExp(`\\s${name}(?=[\\s=/>])(?:=("([^"]*)"|'([^']*)'|([^\\s>]+)))?`, "i").exec(tag);
  if (!m) return null;
  return m[2] ?? m[3] ?? m[4] ?? "";
};

export function pageScripts(html: string): PageScripts {
  const loaded: string[] = [];
  const legacy: string[] = [];
  // Tags only: what an inline script's text holds is not a tag.
  const tags = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, "$1</script>");
  for (const [tag] of tags.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const src = isScript ? attr(tag, "src") : attr(tag, "href");
    if (!src) continue;
    if (!isScript) {
      const rel = (attr(tag, "rel") ?? "").toLowerCase().split(/\s+/);
      const preload =
        rel.includes("modulepreload") || (rel.includes("preload") && attr(tag, "as") === "script");
      if (!preload) continue;
    }
    const list = isScript && attr(tag, "nomodule") !== null ? legacy : loaded;
    if (!list.includes(src)) list.push(src);
  }
  return { loaded: loaded.filter((s) => !legacy.includes(s)), legacy };
}
