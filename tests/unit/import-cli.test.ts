// `npm run import -- FILE --dry-run --json` on a real table (PMC8375136 Table 2) and on a table
// the write would refuse: the JSON gives each study's citation and other cells, and each arm's
// n, dose and administrations; a dry run that finds an error exits non-zero and writes nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");

function run(...args: string[]) {
  // No DATABASE_URL: a dry run must not need (or touch) a database.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [tsx, "scripts/import.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the import's dry run", () => {
  it("prints citations, other cells, and each arm's n, dose and administrations", () => {
    const r = run("tests/fixtures/pmc8375136-table2-ibd.csv", "--dry-run", "--json", "--disease", "IBD");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      studies: {
        citation: Record<string, unknown>;
        reference: string;
        coAdministered: { name: string; dose: { basis: string; low: number } | null }[];
        arms: {
          n: number | null;
          dose: Record<string, unknown>;
          administrations: { count: number | null; schedule: string | null } | null;
        }[];
      }[];
    };
    const zhang = out.studies.find((s) => s.citation.firstAuthor === "Zhang")!;
    expect(zhang.citation).toEqual({
      firstAuthor: "Zhang",
      year: 2018,
      title: null,
      journal: null,
      doi: null,
      pmid: null,
    });
    expect(zhang.reference).toBe("[50]");
    expect(zhang.arms).toEqual([
      {
        product: 0,
        n: 41,
        label: null,
        dose: expect.objectContaining({
          raw: "1 × 106/kg body weight",
          form: "single",
          basis: "per_kg",
          low: 1e6,
          high: 1e6,
          sd: null,
          central: null,
          estimated: false,
          reason: null,
          assumptions: ["how often: read from the frequency column"],
        }),
        administrations: { count: 4, schedule: null },
      },
    ]);
    const burt = out.studies.find((s) => s.citation.firstAuthor === "Burt")!;
    expect(burt.arms).toEqual([]);
    expect(burt.coAdministered).toEqual([
      expect.objectContaining({
        name: "HSC",
        dose: expect.objectContaining({ basis: "per_kg", low: 6.35e6 }),
      }),
    ]);
  });

  it("exits non-zero, naming line and field, when the write would refuse the table", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "import-cli-"));
    const file = path.join(dir, "bad.csv");
    writeFileSync(file, "Disease,Enrollment,Dose\nSLE,12.5,1 × 10^6/kg\nRA,20,2 × 10^6/kg\n");
    const r = run(file, "--dry-run");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:2: error: Enrollment "12.5" is not a whole number of patients.`);
    expect(r.stderr).toContain("2 studies read (csv), 1 problem(s), 1 error(s).");
    const good = path.join(dir, "good.csv");
    writeFileSync(good, "Disease,Enrollment,Dose\nRA,20,2 × 10^6/kg\n");
    expect(run(good, "--dry-run").status).toBe(0);
  });
});
