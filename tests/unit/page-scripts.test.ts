// The scripts a page makes a browser fetch, as read from its HTML for the first-load benchmarks.
import { describe, expect, it } from "vitest";
import { pageScripts } from "../../scripts/page-scripts";

describe("page scripts", () => {
  it("counts script tags and preloaded chunks, once each, and sets nomodule polyfills apart", () => {
    const html = [
      '<link rel="stylesheet" href="/a.css"/>',
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/runtime.js"/>',
      '<script src="/_next/static/chunks/runtime.js" async=""></script>',
      '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>',
      '<link rel="preload" href="/_next/static/chunks/robins-i.js" as="script" nonce="x"/>',
      '<link rel="preload" href="/font.woff2" as="font"/>',
      "<script>self.__next_f.push([1,'<script src=\"/not-a-tag.js\">'])</script>",
      "<script src='/single-quoted.js'></script>",
      '<link rel="modulepreload" href="/module.js"/>',
      // Names are whole: async is not "as", data-nomodule-x is not nomodule.
      '<link rel="preload" async as="script" href="/after-async.js"/>',
      '<script src="/modern.js" nomodulex></script>',
    ].join("");
    expect(pageScripts(html)).toEqual({
      loaded: [
        "/_next/static/chunks/runtime.js",
        "/_next/static/chunks/robins-i.js",
        "/single-quoted.js",
        "/module.js",
        "/after-async.js",
        "/modern.js",
      ],
      legacy: ["/_next/static/chunks/0cz1d0mv5g_q7.js"],
    });
  });
});
