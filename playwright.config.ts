import { defineConfig } from "@playwright/test";
import { freePort } from "./e2e/support/port";

// A free port for the app under test, chosen once here (the workers inherit it): another program
// on this machine may hold any fixed one.
process.env.E2E_PORT ??= String(await freePort());
const { E2E_BASE_URL, E2E_DATABASE_URL, E2E_PORT, E2E_SECRET } = await import("./e2e/support/env");

// Debian's Chromium: Playwright cannot download its own browser here.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Specs seed data through the server layer's helpers; outside Next, "server-only" is empty.
  tsconfig: "./tsconfig.e2e.json",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // The app's own server (scripts/serve.ts), as `npm start` runs it.
    command: `node node_modules/tsx/dist/cli.mjs e2e/support/prepare-db.ts && node node_modules/tsx/dist/cli.mjs scripts/serve.ts`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      NEXTAUTH_SECRET: E2E_SECRET,
      NEXTAUTH_URL: E2E_BASE_URL,
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
