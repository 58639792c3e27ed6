// HTML written as text for long, non-interactive lists (table rows by the hundred), where React's
// element tree would cost more to serialise and render than the markup itself. Every value put
// into a template is escaped unless it is itself HTML made here, so text from the data can never
// become markup.
const SAFE: unique symbol = Symbol("safe html");

/** Markup made by `markup`: escaped values inside literal template text. */
export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

export type HtmlValue = string | number | null | undefined | false | SafeHtml | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text as HTML text or as a quoted attribute's value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function isSafe(v: unknown): v is SafeHtml {
  return typeof v === "object" && v !== null && SAFE in v;
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "string") return escapeHtml(v);
  if (isSafe(v)) return v.value;
  return v.map(render).join("");
}

const make = (value: string): SafeHtml => ({ [SAFE]: true, value });

/** A template of markup: `markup\`<td class="num">${n}</td>\``. Attribute values in the template must
 * be in double quotes; every interpolated value is escaped. */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return make(out);
}

/** Parts joined by a separator (escaped as text when it is a string). */
export function joinMarkup(parts: readonly HtmlValue[], separator: HtmlValue = ""): SafeHtml {
  const sep = render(separator);
  return make(parts.map(render).join(sep));
}
