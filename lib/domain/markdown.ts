// A small, safe Markdown subset for annotations: paragraphs, "- " lists, **bold**, *italic*,
// `code` and [links](https://…). It parses to a tree of plain values that components render as
// React elements, so no text is ever treated as HTML; only http(s) links become links.
export type Inline =
  | { type: "text"; text: string }
  | { type: "strong"; text: string }
  | { type: "em"; text: string }
  | { type: "code"; text: string }
  | { type: "link"; text: string; href: string };

export type Block = { type: "p"; lines: Inline[][] } | { type: "ul"; items: Inline[][] };

// Emphasis must hug its text ("*a*", not "2 * 3 * 4"), as in CommonMark.
const TOKEN =
  /`([^`\n]+)`|\*\*(?!\s)([^*\n]+?)(?<!\s)\*\*|(?<![\w*])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![\w*])|(?<!\w)_(?!\s)([^_\n]+?)(?<!\s)_(?!\w)|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push({ type: "text", text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ type: "code", text: m[1] });
    else if (m[2] !== undefined) out.push({ type: "strong", text: m[2] });
    else if (m[3] !== undefined) out.push({ type: "em", text: m[3] });
    else if (m[4] !== undefined) out.push({ type: "em", text: m[4] });
    else {
      const href = safeHref(m[6]!);
      out.push(href ? { type: "link", text: m[5]!, href } : { type: "text", text: m[0] });
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  // Merge neighbouring text pieces.
  return out.reduce<Inline[]>((acc, piece) => {
    const prev = acc[acc.length - 1];
    if (prev?.type === "text" && piece.type === "text") prev.text += piece.text;
    else acc.push({ ...piece });
    return acc;
  }, []);
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (line.trim() === "") {
      current = null;
    } else if (item) {
      if (current?.type !== "ul") blocks.push((current = { type: "ul", items: [] }));
      current.items.push(parseInline(item[1]!));
    } else {
      if (current?.type !== "p") blocks.push((current = { type: "p", lines: [] }));
      current.lines.push(parseInline(line.trim()));
    }
  }
  return blocks;
}

/** The text without markup, for previews and audit records. */
export function plainText(source: string): string {
  return parseMarkdown(source)
    .flatMap((b) => (b.type === "p" ? b.lines : b.items))
    .map((line) => line.map((i) => i.text).join(""))
    .join(" ");
}
