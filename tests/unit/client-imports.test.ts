// What the browser's modules bring with them: from every "use client" file, the static imports
// (not `import type`, not a lazy `import()`, which is a chunk of its own) must not reach zod or the
// registry of risk-of-bias tools (every tool's questions at once). Either would put tens of kB
// back into every page's first load without a test failing anywhere else.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const FORBIDDEN: { target: string; why: string }[] = [
  { target: "zod", why: "zod (about 31 kB gzipped): keep schemas on the server" },
  {
    target: "lib/domain/rob/tools.ts",
    why: "every risk-of-bias tool: load one through components/rob/tool-forms",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The specifiers a module imports at load time: `import type` and `export type` do not count. */
export function staticImports(source: string): string[] {
  const out: string[] = [];
  const re =
    /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gms;
  for (const m of source.matchAll(re)) {
    if (m[5]) out.push(m[5]);
    else if (!m[2] && !/^\{\s*\}$/.test(m[3] ?? "")) {
      // `import { type A, type B } from` brings nothing either.
      const names = /^\{([^}]*)\}$/.exec((m[3] ?? "").trim());
      if (names && names[1]!.split(",").every((n) => /^\s*(type\s+\w+.*)?\s*$/.test(n))) continue;
      out.push(m[4]!);
    }
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (base === null) return null;
  for (const c of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

/** The path of imports from `file` to a forbidden target, or null. */
function reach(file: string, target: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const spec of staticImports(readFileSync(file, "utf8"))) {
    // A package and its entry points ("zod", "zod/v4", "zod/mini").
    if (spec === target || spec.startsWith(`${target}/`)) return [file, spec];
    const next = resolve(file, spec);
    if (next === null) continue;
    if (path.relative(ROOT, next) === target) return [file, next];
    const rest = reach(next, target, seen);
    if (rest) return [file, ...rest];
  }
  return null;
}

const clientFiles = ["components", "app", "lib"]
  .flatMap((d) => sourceFiles(path.join(ROOT, d)))
  .filter((f) => /^\s*["']use client["']/.test(readFileSync(f, "utf8")));

describe("modules that run in the browser", () => {
  it("finds the client components", () => {
    expect(clientFiles.length).toBeGreaterThan(20);
    expect(clientFiles.some((f) => f.endsWith("components/rob/assessment-form.tsx"))).toBe(true);
  });

  it("reads imports as the bundler does: types and lazy imports bring nothing", () => {
    const src = [
      'import type { A } from "./types-only";',
      'import { type B, type C } from "./also-types";',
      'import { d, type E } from "./mixed";',
      'export { f } from "./re-export";',
      'export type { G } from "./type-re-export";',
      'import "./side-effect";',
      'const lazy = () => import("./lazy");',
    ].join("\n");
    expect(staticImports(src)).toEqual(["./mixed", "./re-export", "./side-effect"]);
  });

  for (const { target, why } of FORBIDDEN) {
    it(`none reaches ${target} (${why})`, () => {
      const paths = clientFiles
        .map((f) => reach(f, target))
        .filter((p): p is string[] => p !== null)
        .map((p) => p.map((f) => path.relative(ROOT, f) || f).join(" → "));
      expect(paths).toEqual([]);
    });
  }
});
