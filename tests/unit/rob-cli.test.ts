// `scripts/rob.ts` on a small fixture: the JSON output, the table, and exit code 2 with the
// line and column of bad input.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
const fixture = path.join("tests", "fixtures", "rob", "answers-rob2.csv");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [tsx, "scripts/rob.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonOut {
  tool: string;
  studies: {
    study: string;
    line: number;
    variant: string;
    domains: { id: string; suggested: string | null; reasons: string[] }[];
    overall: { suggested: string | null; multipleSomeConcerns: boolean };
  }[];
}

describe("scripts/rob.ts", () => {
  it("prints each study's judgements as JSON", () => {
    const r = run(fixture, "--tool", "rob2", "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as JsonOut;
    expect(out.tool).toBe("rob2");
    // Expected by hand from the fixture's answers and the RoB 2 flowcharts:
    // A: concealed + random + no imbalance; blinded; ITT; complete; blinded assessors; plan → all low.
    // B: 1.2 NI, 1.3 N → SC; 2.3–2.5 Y,Y,N → high; 3.1–3.4 N,N,Y,Y → high; 4.3–4.5 Y → high;
    //    5.2, 5.3 N and 5.1 N → SC; overall high.
    // C (adhering): 2.3 PY, 2.4 N, 2.5 N → low; 4.2 NI then 4.3 N → SC; 5.2 NI → SC.
    // D: 3.3 PY, 3.4 PN → SC; 4.3 Y, 4.4 PY, 4.5 N → SC.
    const table = out.studies.map((s) => [
      s.study,
      s.variant,
      ...s.domains.map((d) => d.suggested),
      s.overall.suggested,
    ]);
    expect(table).toEqual([
      ["Trial A 2019", "assignment", "low", "low", "low", "low", "low", "low"],
      ["Trial B 2020", "assignment", "some_concerns", "high", "high", "high", "some_concerns", "high"],
      ["Trial C 2021", "adhering", "low", "low", "low", "some_concerns", "some_concerns", "some_concerns"],
      ["Trial D 2022", "assignment", "low", "low", "some_concerns", "some_concerns", "low", "some_concerns"],
    ]);
    expect(out.studies.map((s) => s.line)).toEqual([2, 3, 4, 5]);
    expect(out.studies[2]!.overall.multipleSomeConcerns).toBe(true);
    expect(out.studies[1]!.domains[1]!.reasons.at(-1)).toMatch(/High/);
  });

  it("prints a table by default", () => {
    const r = run(fixture, "--tool", "rob2");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^Study\s+D1\s+D2\s+D3\s+D4\s+D5\s+Overall$/);
    expect(r.stdout).toMatch(/Trial B 2020\s+Some concerns\s+High\s+High\s+High\s+Some concerns\s+High/);
  });

  it("exits 2 and names line and column of bad input", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rob-cli-"));
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "Study,1.1,1.2,1.3\nX,Y,Q,N\nY,Y,Y,N\n");
    const r = run(bad, "--tool", "rob2", "--variant", "assignment");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('line 2, column 1.2: "Q" is not an answer to 1.2');

    const noVariant = run(bad, "--tool", "rob2");
    expect(noVariant.status).toBe(2);
    expect(noVariant.stderr).toMatch(/line 2: no variant/);

    writeFileSync(bad, "Study,1.1,1.x\nX,Y,N\n");
    const header = run(bad, "--tool", "rob2", "--variant", "assignment");
    expect(header.status).toBe(2);
    expect(header.stderr).toMatch(
      /line 1, column 1\.x: "1\.x" is neither Study, variant nor a signalling question/,
    );

    expect(run(fixture, "--tool", "robins").status).toBe(2);
    expect(run(path.join(dir, "missing.csv"), "--tool", "rob2").stderr).toMatch(/cannot read/);
  });

  it("reads JBI answers given as words", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rob-cli-"));
    const f = path.join(dir, "jbi.csv");
    writeFileSync(
      f,
      "Study,Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10\nSeries 1,Yes,Yes,Yes,No,Yes,Yes,Yes,Yes,N/A,Unclear\n",
    );
    const r = run(f, "--tool", "jbi-case-series", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as JsonOut;
    expect(out.studies[0]!.domains[3]!.suggested).toBe("high");
    expect(out.studies[0]!.overall.suggested).toBe("high"); // item 4 is critical by default
  });
});
