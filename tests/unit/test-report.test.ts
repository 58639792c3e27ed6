// The summary of `npm test` names each failing test with the first line of why and where.
import { describe, expect, it } from "vitest";
import { playwrightFailures, vitestFailures, why } from "../../scripts/test-report";

describe("failures in the test summary", () => {
  it("a Playwright failure: its titles, the message's first line without colours, the spec's line", () => {
    const report = {
      stats: { expected: 1, unexpected: 1, flaky: 0 },
      suites: [
        {
          title: "11-risk-of-bias.spec.ts",
          specs: [
            { title: "passes", tests: [{ status: "expected", results: [{ errors: [] }] }] },
            {
              title: "blind assessments",
              tests: [
                {
                  status: "unexpected",
                  results: [
                    {
                      errors: [
                        {
                          message:
                            "\u001b[31mError: expect(locator).toContainText(expected) failed\u001b[39m\n\nLocator: …",
                          location: { file: "/work/main/e2e/11-risk-of-bias.spec.ts", line: 131 },
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual([
      "11-risk-of-bias.spec.ts > blind assessments\n         Error: expect(locator).toContainText(expected) failed at 11-risk-of-bias.spec.ts:131",
    ]);
  });

  it("a vitest failure: file, test name and the first line of its message", () => {
    const report = {
      numPassedTests: 0,
      numFailedTests: 1,
      testResults: [
        {
          name: "/repo/tests/unit/a.test.ts",
          assertionResults: [
            { status: "passed", fullName: "ok" },
            {
              status: "failed",
              fullName: "sums > adds",
              failureMessages: ["AssertionError: expected 3 to be 4\n    at a.test.ts:5:9"],
            },
          ],
        },
      ],
    };
    expect(vitestFailures(report, "/repo")).toEqual([
      "tests/unit/a.test.ts > sums > adds\n         AssertionError: expected 3 to be 4",
    ]);
  });

  it("a vitest file that failed before its tests: the file and its message", () => {
    const report = {
      numPassedTests: 0,
      numFailedTests: 0,
      testResults: [
        {
          name: "/repo/tests/integration/b.test.ts",
          status: "failed",
          message: "Error: connect ECONNREFUSED 127.0.0.1:5432\n    at …",
          assertionResults: [{ status: "skipped", fullName: "never ran" }],
        },
      ],
    };
    expect(vitestFailures(report, "/repo")).toEqual([
      "tests/integration/b.test.ts\n         Error: connect ECONNREFUSED 127.0.0.1:5432",
    ]);
  });

  it("a Playwright error without a location: the spec's own line", () => {
    const report = {
      stats: { expected: 0, unexpected: 1, flaky: 0 },
      suites: [
        {
          title: "a.spec.ts",
          file: "a.spec.ts",
          specs: [
            {
              title: "times out",
              line: 12,
              tests: [
                {
                  status: "unexpected",
                  results: [
                    { errors: [{ message: "first try" }] },
                    {
                      errors: [{ message: "Test timeout of 60000ms exceeded." }, { message: "page closed" }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual([
      "a.spec.ts > times out\n         Test timeout of 60000ms exceeded. at a.spec.ts:12",
    ]);
  });

  it("cuts a long message", () => {
    expect(why("x".repeat(500))).toHaveLength(221);
  });
});
