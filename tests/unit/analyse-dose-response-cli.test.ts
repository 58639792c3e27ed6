// `npm run analyse -- file.csv --dose-response …` on dosresmeta's alcohol_cvd (Liu et al., Comput
// Stat Data Anal 2009; the data of the dosresmeta package, tests/fixtures/dose-response/README.md):
// JSON and text output to dosresmeta's numbers, and exit code 2 naming the line, column or flag.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DoseResponseReport } from "@/lib/domain/stats/dose-response";

const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
const fixture = path.join("tests", "fixtures", "dose-response", "alcohol_cvd.csv");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [tsx, "scripts/analyse.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(...args: string[]): DoseResponseReport {
  const r = run(fixture, ...args, "--json");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as DoseResponseReport;
}

const round4 = (v: number | undefined) => Number((v ?? NaN).toFixed(4));

describe("scripts/analyse.ts --dose-response", () => {
  it("linear two-stage REML: slope −0.0044 (SE 0.0059), Q 14.1464 on 5 df", () => {
    const out = json("--dose-response", "linear");
    expect(out.model).toBe("two-stage");
    expect(out.method).toBe("reml");
    expect(out.coefficients.map((c) => c.name)).toEqual(["dose"]);
    expect(round4(out.coefficients[0]?.estimate)).toBe(-0.0044);
    expect(round4(out.coefficients[0]?.se)).toBe(0.0059);
    expect(round4(out.heterogeneity?.Q)).toBe(14.1464);
    expect(out.heterogeneity?.df).toBe(5);
    // the covariance is the SE squared; Ψ is 1×1
    expect(out.vcov[0]?.[0]).toBeCloseTo(0.0059 ** 2, 6);
    expect(out.Psi).toHaveLength(1);
    expect(out.nonlinearity).toBeNull();
  });

  it("quadratic: −0.0302 and 0.0008; RR at 10 / 20 / 30 g/day 0.7968 / 0.7378 / 0.7940", () => {
    const out = json("--dose-response", "quadratic", "--predict", "10,20,30");
    expect(out.coefficients.map((c) => round4(c.estimate))).toEqual([-0.0302, 0.0008]);
    expect(out.coefficients.map((c) => round4(c.se))).toEqual([0.0132, 0.0005]);
    expect(out.reference).toBe(0);
    expect(out.predictions.map((p) => p.dose)).toEqual([10, 20, 30]);
    expect(out.predictions.map((p) => round4(p.ratio?.estimate))).toEqual([0.7968, 0.7378, 0.794]);
    for (const p of out.predictions) {
      expect(p.ratio!.ciLower).toBeLessThan(p.ratio!.estimate);
      expect(p.ratio!.ciUpper).toBeGreaterThan(p.ratio!.estimate);
      expect(p.ratio!.piLower).toBeLessThanOrEqual(p.ratio!.ciLower);
    }
    // one non-linear term: the Wald test has 1 df, and its chi² is the square of the z of I(dose^2)
    expect(out.nonlinearity?.df).toBe(1);
    expect(out.nonlinearity?.chi2).toBeCloseTo(out.coefficients[1]!.z ** 2, 8);
    expect(out.vcov).toHaveLength(2);
    expect(out.Psi).toHaveLength(2);
    expect(out.summary.ed50).toHaveProperty("dose");
  });

  it("one-stage linear: log-likelihood −18.5997", () => {
    const out = json("--dose-response", "linear", "--one-stage");
    expect(out.model).toBe("one-stage");
    expect(round4(out.logLik)).toBe(-18.5997);
  });

  it("places rcs knots at the given doses", () => {
    const out = json("--dose-response", "rcs", "--knot-values", "5,20,50");
    expect(out.knots).toEqual([5, 20, 50]);
    expect(out.coefficients).toHaveLength(2);
    expect(out.nonlinearity?.df).toBe(1);
  });

  it("prints the same numbers as text without --json", () => {
    const r = run(fixture, "--dose-response", "quadratic", "--predict", "10,20,30");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^dose +-0\.0302 +0\.0132/m);
    expect(r.stdout).toMatch(/Q\(df = 10\)/);
    expect(r.stdout).toMatch(/non-linearity \(Wald\): chi\^2\(1\)/);
    expect(r.stdout).toMatch(/dose +10: 0\.7968 \[/);
    expect(r.stdout).toMatch(/dose +30: 0\.7940 \[/);
    expect(r.stdout).toMatch(/^ED50: /m);
    expect(r.stdout).toMatch(/between-study covariance \(Psi\)/);
  });

  it("names the line and column of a bad cell, and exits 2", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "analyse-dr-"));
    const bad = path.join(dir, "bad.csv");
    const lines = readFileSync(fixture, "utf8").split("\n");
    lines[2] = lines[2]!.replace("61,261", "6x,261");
    writeFileSync(bad, lines.join("\n"));
    const r = run(bad, "--dose-response", "linear");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/line 3, column cases: holds "6x", not a number/);
  });

  it("names the flag and item of a bad option, and exits 2", () => {
    const knots = run(fixture, "--dose-response", "rcs", "--knots", "0.1,x,0.9");
    expect(knots.status).toBe(2);
    expect(knots.stderr).toMatch(/--knots: item 2 \("x"\) is not a number/);
    const shape = run(fixture, "--dose-response", "cubic");
    expect(shape.status).toBe(2);
    expect(shape.stderr).toMatch(/--dose-response must be one of linear, log, quadratic, rcs/);
    const type = run(fixture, "--dose-response", "linear", "--type", "rr");
    expect(type.status).toBe(2);
    expect(type.stderr).toMatch(/--type must be one of cc, ci, ir, md, smd/);
  });
});
