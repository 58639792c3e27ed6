// `npm test`: every check in one run — typecheck, lint, format, unit and integration tests
// (real PostgreSQL), a production build, and Playwright end-to-end tests in Chromium.
// Ends with one line "N passed, N failed" over all suites.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import {
  playwrightFailures,
  vitestFailures,
  type PlaywrightReport,
  type VitestReport,
} from "./test-report.ts";

interface Outcome {
  suite: string;
  passed: number;
  failed: number;
  seconds: number;
  /** The failing tests' names, so that the summary at the end of a long log says which. */
  failures?: string[];
}

interface Counts {
  passed: number;
  failed: number;
  failures?: string[];
}

const outcomes: Outcome[] = [];
const bin = (name: string) => `node_modules/.bin/${name}`;

function run(suite: string, cmd: string, args: string[], count?: () => Counts) {
  console.info(`\n=== ${suite}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } });
  const seconds = (Date.now() - started) / 1000;
  let counts: Counts = res.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  if (count) {
    try {
      counts = count();
      // A crashed runner with no failing test is still a failure.
      if (res.status !== 0 && counts.failed === 0) counts.failed = 1;
    } catch {
      counts = { passed: 0, failed: 1 };
    }
  }
  outcomes.push({ suite, ...counts, seconds });
  return res.status === 0;
}

function json<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

rmSync("test-results", { recursive: true, force: true });

run("typecheck", bin("tsc"), ["--noEmit"]);
run("lint", bin("eslint"), ["--max-warnings", "0", "."]);
run("format", bin("prettier"), ["--check", "."]);
run(
  "unit + integration",
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"],
  () => {
    const r = json<VitestReport>("test-results/vitest.json");
    const failures = vitestFailures(r, process.cwd());
    return { passed: r.numPassedTests, failed: r.numFailedTests, failures };
  },
);
const built = run("build", process.execPath, ["node_modules/next/dist/bin/next", "build"]);
if (built) {
  run("end-to-end", bin("playwright"), ["test"], () => {
    const file = "test-results/e2e-results.json";
    if (!existsSync(file)) return { passed: 0, failed: 1 };
    const r = json<PlaywrightReport>(file);
    const failures = playwrightFailures(r);
    return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, failures };
  });
} else {
  outcomes.push({ suite: "end-to-end (not run: build failed)", passed: 0, failed: 1, seconds: 0 });
}

console.info("\n=== summary");
for (const o of outcomes) {
  console.info(
    `${o.failed ? "FAIL" : "ok  "} ${o.suite.padEnd(36)} ${o.passed} passed, ${o.failed} failed (${o.seconds.toFixed(1)} s)`,
  );
  for (const f of (o.failures ?? []).slice(0, 20)) console.info(`       failed: ${f}`);
}
const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0);
console.info(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
