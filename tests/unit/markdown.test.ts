// The annotation Markdown subset: what it understands, and that nothing becomes HTML or a
// script link.
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../components/ui/markdown";
import { parseInline, parseMarkdown, plainText } from "../../lib/domain/markdown";

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("annotation markdown", () => {
  it("reads bold, italic, code, links, paragraphs and lists", () => {
    expect(parseInline("a **b** *c* _d_ `e` [f](https://example.org/x)")).toEqual([
      { type: "text", text: "a " },
      { type: "strong", text: "b" },
      { type: "text", text: " " },
      { type: "em", text: "c" },
      { type: "text", text: " " },
      { type: "em", text: "d" },
      { type: "text", text: " " },
      { type: "code", text: "e" },
      { type: "text", text: " " },
      { type: "link", text: "f", href: "https://example.org/x" },
    ]);
    expect(parseMarkdown("one\ntwo\n\n- x\n- y").map((b) => b.type)).toEqual(["p", "ul"]);
    expect(html("Dose is **per kg**\n\n- check Table 2")).toBe(
      '<div class="markdown"><p>Dose is <strong>per kg</strong></p><ul><li>check Table 2</li></ul></div>',
    );
  });

  it("never lets HTML or script links through", () => {
    const out = html("<img src=x onerror=alert(1)> [click](javascript:alert(1)) <script>alert(2)</script>");
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<script");
    expect(out).not.toContain('href="javascript');
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(out).toContain("[click](javascript:alert(1))");
    expect(html("[x](data:text/html,hi)")).not.toContain("<a");
    expect(html("[x](https://ok.example)")).toContain('rel="noopener noreferrer nofollow"');
  });

  it("gives the plain text for previews", () => {
    expect(plainText("**Dose** is `1e6`\n- per kg")).toBe("Dose is 1e6 per kg");
  });

  it("keeps 2 × 10^6 * 70 kg as text", () => {
    expect(plainText("2 × 10^6 * 70 kg and 3 * 4")).toBe("2 × 10^6 * 70 kg and 3 * 4");
  });
});
