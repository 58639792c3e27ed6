// `npm run bench:first-load`: signs in to a running app and measures the JavaScript each page
// loads on first visit (the <script> files in its HTML), raw and gzipped.
// BASE_URL (default http://localhost:3000), EMAIL and PASSWORD of an account.
import { gzipSync } from "node:zlib";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const pages = (process.env.PAGES ?? "/sign-in,/,/studies,/charts,/cohorts,/admin/users,/admin/import").split(
  ",",
);

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
const sizes = new Map<string, { raw: number; gzip: number }>();
for (const page of pages) {
  const html = await (
    await fetch(`${base}${page}`, { headers: { Cookie: cookie }, redirect: "manual" })
  ).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    if (!sizes.has(src)) {
      const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      sizes.set(src, { raw: body.length, gzip: gzipSync(body).length });
    }
    raw += sizes.get(src)!.raw;
    gzip += sizes.get(src)!.gzip;
  }
  console.info(
    `${page.padEnd(16)} ${scripts.length} scripts, ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzipped`,
  );
}
