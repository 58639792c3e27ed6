// `npm run bench:first-load`: signs in to a running app and measures the JavaScript of each page,
// gzipped:
// - first load: the scripts the page's HTML names, its tags and preloaded chunks
//   (scripts/page-scripts.ts): what the browser fetches to make the page work. The targets are for
//   this figure. The nomodule polyfills are apart: only a browser without ES modules fetches them
//   (this benchmark counted them in its totals before 2026-12-04, 38.7 kB on every page);
// - whole visit: what Chromium fetched (a fresh profile per page, nothing cached) until no script
//   had arrived for a second, with chunks a page loads once it is up (the chart library on
//   /charts) and the pages its links prefetch. It is never below the first figure (the benchmark
//   warns if it is: the page did not finish loading).
// BASE_URL (default http://localhost:3000), EMAIL and PASSWORD of an account; PAGES, a comma list
// (default below; "study" stands for the first study the table links to); CHROMIUM_PATH.
import { gzipSync } from "node:zlib";
import { chromium, type Cookie } from "@playwright/test";
import { pageScripts } from "./page-scripts.ts";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const wanted = (
  process.env.PAGES ??
  "/sign-in,/,/studies,study,/charts,/analysis,/risk-of-bias,/cohorts,/admin/users,/admin/import"
).split(",");
const QUIET_MS = 1_000;
const MAX_MS = 15_000;

async function signIn(): Promise<string> {
  const email = process.env.EMAIL;
  const password = process.env.PASSWORD;
  if (!email || !password) return "";
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    // Sign-in refuses a request without the app's own Origin (a cross-site form).
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: jar,
      Origin: new URL(base).origin,
    },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const session = (res.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(";")[0])
    .find((c) => c?.includes("session-token"));
  if (!session) throw new Error("sign-in failed: check EMAIL and PASSWORD");
  return `${jar}; ${session}`;
}

const cookie = await signIn();
const html = async (page: string) =>
  (await fetch(`${base}${page}`, { headers: { Cookie: cookie }, redirect: "manual" })).text();

const pages: string[] = [];
for (const p of wanted) {
  if (p !== "study") pages.push(p);
  else {
    const id = /href="\/studies\/([0-9a-f-]{36})/.exec(await html("/studies"))?.[1];
    if (id) pages.push(`/studies/${id}`);
    else console.warn("no study page: the table links to none (signed in?)");
  }
}

const gz = new Map<string, number>();
async function gzipped(src: string): Promise<number> {
  const url = new URL(src, base).toString();
  if (!gz.has(url)) gz.set(url, gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length);
  return gz.get(url)!;
}

const cookies: Cookie[] = cookie
  .split("; ")
  .filter(Boolean)
  .map((c) => {
    const i = c.indexOf("=");
    return {
      name: c.slice(0, i),
      value: c.slice(i + 1),
      domain: new URL(base).hostname,
      path: "/",
      expires: -1,
      httpOnly: true,
      secure: false,
      sameSite: "Lax",
    };
  });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const kB = (n: number) => (n / 1024).toFixed(1);
console.info(`${"page".padEnd(52)} first load             nomodule    whole visit (Chromium)`);
try {
  for (const page of pages) {
    const context = await browser.newContext();
    await context.addCookies(cookies);
    const tab = await context.newPage();
    const fetched = new Map<string, Promise<number>>();
    let last = Date.now();
    tab.on("response", (r) => {
      if (r.request().resourceType() !== "script" || fetched.has(r.url())) return;
      last = Date.now();
      fetched.set(
        r.url(),
        r.body().then(
          (b) => gzipSync(b).length,
          () => 0,
        ),
      );
    });
    const started = Date.now();
    await tab.goto(`${base}${page}`, { waitUntil: "load" });
    while (Date.now() - last < QUIET_MS && Date.now() - started < MAX_MS) await tab.waitForTimeout(200);
    const inBrowser = (await Promise.all(fetched.values())).reduce((a, b) => a + b, 0);
    await context.close();

    const named = pageScripts(await html(page));
    const inHtml = (await Promise.all(named.loaded.map(gzipped))).reduce((a, b) => a + b, 0);
    const legacy = (await Promise.all(named.legacy.map(gzipped))).reduce((a, b) => a + b, 0);
    // Chromium fetches at least what the HTML names; less means the page did not finish loading.
    if (inBrowser < inHtml)
      console.warn(`${page}: Chromium fetched less than the HTML names: the page did not load in full`);
    console.info(
      `${page.padEnd(52)} ${`${kB(inHtml)} kB, ${named.loaded.length} files`.padEnd(22)} ${`${kB(legacy)} kB`.padEnd(11)} ${kB(inBrowser)} kB, ${fetched.size} files`,
    );
  }
} finally {
  await browser.close();
}
