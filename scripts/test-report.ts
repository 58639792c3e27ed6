// The failing tests of a run, from the JSON reports of vitest and Playwright, each with the first
// line of why it failed (and, for Playwright, where): the summary at the end of `npm test` lists them, since a long
// log may be cut and its last lines are what is left.
import path from "node:path";

export interface PwSuite {
  title: string;
  file?: string;
  suites?: PwSuite[];
  specs?: {
    title: string;
    line?: number;
    tests?: {
      status?: string;
      results?: { errors?: { message?: string; location?: { file: string; line: number } }[] }[];
    }[];
  }[];
}

/** The first line of a failure's message, without colours, short enough for the summary (the run's
 * log can be cut; its last lines say at least where and why). */
export function why(message: string | undefined, where?: string): string {
  const first =
    (message ?? "")
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .find((l) => l.trim()) ?? "";
  const short = first.trim().length > 220 ? `${first.trim().slice(0, 220)}…` : first.trim();
  return [short, where].filter(Boolean).join(" at ");
}

/** The titles of Playwright's tests that failed (not those that passed on a retry). */
function unexpected(suite: PwSuite, titles: string[]): string[] {
  const here = [...titles, suite.title].filter(Boolean);
  const own = (suite.specs ?? [])
    .filter((spec) => (spec.tests ?? []).some((t) => t.status === "unexpected"))
    .map((spec) => {
      // The last attempt's first error: what follows it is often its consequence ("page closed").
      const error = (spec.tests ?? []).flatMap((t) => t.results?.at(-1)?.errors ?? []).at(0);
      const where = error?.location
        ? `${path.basename(error.location.file)}:${error.location.line}`
        : suite.file && spec.line
          ? `${path.basename(suite.file)}:${spec.line}`
          : undefined;
      return `${[...here, spec.title].join(" > ")}\n         ${why(error?.message, where)}`;
    });
  return [...own, ...(suite.suites ?? []).flatMap((s) => unexpected(s, here))];
}

export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number };
  suites?: PwSuite[];
}

export function playwrightFailures(report: PlaywrightReport): string[] {
  return (report.suites ?? []).flatMap((s) => unexpected(s, []));
}

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: {
    name: string;
    /** "failed" also for a file that failed to load or whose hook failed (then no test failed). */
    status?: string;
    message?: string;
    assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[];
  }[];
}

export function vitestFailures(report: VitestReport, cwd: string): string[] {
  return (report.testResults ?? []).flatMap((f) => {
    const file = path.relative(cwd, f.name);
    const tests = (f.assertionResults ?? [])
      .filter((a) => a.status === "failed")
      .map((a) => `${file} > ${a.fullName}\n         ${why(a.failureMessages?.[0])}`);
    if (tests.length === 0 && f.status === "failed") return [`${file}\n         ${why(f.message)}`];
    return tests;
  });
}
