// `npm start` without DATABASE_URL: the app runs on the embedded PostgreSQL in a data folder,
// and stopping and starting it again keeps accounts, sessions and data.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "./support/port";

// A free port, chosen when the spec starts: whatever else runs on this machine keeps its own.
let PORT = 0;
let BASE = "";
test.beforeAll(async () => {
  PORT = await freePort();
  BASE = `http://localhost:${PORT}`;
});

function startApp(dataDir: string): { child: ChildProcess; output: () => string; exited: () => boolean } {
  const env: NodeJS.ProcessEnv = { ...process.env, EVIDENCE_DATA_DIR: dataDir, PORT: String(PORT) };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  delete env.NEXTAUTH_URL;
  // Its own process group, so that a hard kill takes the Next.js server with it.
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    env,
    detached: true,
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));
  return { child, output: () => out, exited: () => exited };
}

async function waitHealthy({ output, exited }: { output: () => string; exited: () => boolean }) {
  const deadline = Date.now() + 90_000;
  // Only our app says it is listening on our port: nothing else that answers there is taken for it.
  const ours = () => output().includes(`listening on http://127.0.0.1:${PORT}`);
  while (Date.now() < deadline && !exited()) {
    if (!ours()) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy:\n${output()}`);
}

/** Kills the app and its server at once, as a crash or a power cut would. */
function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-child.pid!, "SIGKILL");
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

test.describe.configure({ timeout: 240_000 });

test("embedded mode keeps users and sessions across a restart", async ({ browser }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "evidence-embedded-"));
  try {
    let app = startApp(dataDir);
    await waitHealthy(app);
    expect(app.output()).toContain("embedded PostgreSQL (PGlite)");
    expect(app.output()).toContain("generated a local session secret");
    expect(app.output()).toContain("imported the seed table: 57 studies");

    const context = await browser.newContext({ baseURL: BASE });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/setup$/);
    await page.getByLabel("Your name").fill("Emma Embedded");
    await page.getByLabel("E-mail").fill("emma@example.test");
    await page.getByLabel("Password", { exact: true }).fill("embedded passphrase");
    await page.getByLabel("Repeat the password").fill("embedded passphrase");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
    await page.getByRole("button", { name: "Create invitation link" }).click();
    await expect(page.getByLabel("Invitation link")).toHaveValue(/\/invite\//);

    expect(await stop(app.child)).toBe(0);
    await expect(fetch(`${BASE}/api/health`)).rejects.toThrow();

    app = startApp(dataDir);
    await waitHealthy(app);
    expect(app.output()).not.toContain("generated a local session secret");
    expect(app.output()).toContain("database schema is up to date");
    expect(app.output()).not.toContain("imported the seed table");

    // The session survives (same secret, same account) and so does the invitation.
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
    await expect(page.locator('tr[data-email="emma@example.test"]')).toBeVisible();
    await expect(page.getByRole("button", { name: /Revoke/ })).toHaveCount(1);

    // The set-up page stays gone, and a fresh sign-in works.
    expect((await page.request.get("/setup")).status()).toBe(404);
    const other = await browser.newContext({ baseURL: BASE });
    const otherPage = await other.newPage();
    await otherPage.goto("/sign-in");
    await otherPage.getByLabel("E-mail").fill("emma@example.test");
    await otherPage.getByLabel("Password").fill("embedded passphrase");
    await otherPage.getByRole("button", { name: "Sign in" }).click();
    await expect(otherPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    // The seed table was imported once, on the first start.
    const studies = otherPage.locator(".stat").filter({ hasText: "Studies" }).first();
    await expect(studies.locator(".value")).toHaveText("57");
    await expect(
      otherPage.locator(".stat").filter({ hasText: "Patients (deduplicated)" }).locator(".value"),
    ).toHaveText("1,584");

    // A hard kill right after a write loses nothing either.
    await otherPage.goto("/admin/users");
    await otherPage.getByLabel("E-mail (optional)").fill("kept@example.test");
    await otherPage.getByRole("button", { name: "Create invitation link" }).click();
    await expect(otherPage.getByLabel("Invitation link")).toHaveValue(/\/invite\//);
    await kill(app.child);
    app = startApp(dataDir);
    await waitHealthy(app);
    await otherPage.goto("/admin/users");
    await expect(otherPage.getByRole("cell", { name: "kept@example.test", exact: true })).toBeVisible();

    await context.close();
    await other.close();
    expect(await stop(app.child)).toBe(0);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
