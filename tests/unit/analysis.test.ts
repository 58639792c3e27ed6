// The analysis of one outcome: options in the URL, one study per registered trial, what is
// left out and why, the CSV and R code; and the `npm run analyse` command line on a CSV.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  analysisCsv,
  analysisOptionsToParams,
  parseAnalysisOptions,
  rCode,
  runAnalysis,
  type AnalysisRow,
} from "../../lib/domain/analysis";
import { analyseCsv } from "../../lib/domain/stats/analysis-csv";
import { effectSize, metaAnalysis } from "../../lib/domain/stats/meta";

const row = (over: Partial<AnalysisRow>): AnalysisRow => ({
  studyId: "00000000-0000-4000-8000-000000000000",
  reference: "[1]",
  disease: "MS",
  tissue: "BM",
  route: "I.V",
  donor: "autologous",
  trialId: null,
  registryId: null,
  design: "single_arm",
  dose: 1e6,
  xi: 5,
  ni: 10,
  ...over,
});
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("analysis options in the URL", () => {
  it("round-trip, with REML and no adjustment by default", () => {
    const { options } = parseAnalysisOptions({
      outcome: "response",
      measure: "rr",
      method: "dl",
      knha: "1",
      sub: "disease",
      mods: "dose",
      use: [id(1), id(2)],
    });
    expect(options).toEqual({
      outcome: "response",
      measure: "RR",
      method: "DL",
      knha: true,
      subgroup: "disease",
      mods: "dose",
      use: [id(1), id(2)],
    });
    expect(parseAnalysisOptions(analysisOptionsToParams(options)).options).toEqual(options);
    expect(parseAnalysisOptions({}).options).toMatchObject({
      method: "REML",
      knha: false,
      subgroup: "none",
      mods: "none",
    });
    expect(parseAnalysisOptions({ method: "bayes", mods: "colour" }).ignored.sort()).toEqual([
      "method",
      "mods",
    ]);
    // The form has one radio group per trial: use_0, use_1…
    expect(parseAnalysisOptions({ use_0: id(1), use_1: id(2) }).options.use).toEqual([id(1), id(2)]);
    expect(
      parseAnalysisOptions(new URLSearchParams(`use_0=${id(3)}&use=${id(4)}`)).options.use.sort(),
    ).toEqual([id(3), id(4)]);
  });
});

describe("one study per registered trial", () => {
  const rows = [
    row({ studyId: id(1), reference: "[1]", trialId: "t1", registryId: "NCT1", xi: 3, ni: 20 }),
    row({ studyId: id(2), reference: "[2]", trialId: "t1", registryId: "NCT1", xi: 9, ni: 40 }),
    row({ studyId: id(3), reference: "[3]", xi: 8, ni: 10 }),
    row({ studyId: id(4), reference: "[4]", xi: 1, ni: 12 }),
  ];

  it("keeps the largest study of a trial by default and says why the other is out", () => {
    const r = runAnalysis(rows, parseAnalysisOptions({ outcome: "x" }).options);
    expect(r.studies.map((s) => s.row.studyId)).toEqual([id(2), id(3), id(4)]);
    expect(r.duplicates).toEqual([
      expect.objectContaining({
        registryId: "NCT1",
        chosen: id(2),
        studies: [expect.objectContaining({ studyId: id(1) }), expect.objectContaining({ studyId: id(2) })],
      }),
    ]);
    expect(r.excluded).toEqual([
      expect.objectContaining({
        reason: expect.stringContaining("reports the same trial (NCT1) as [2] · MS"),
      }),
    ]);
    expect(r.model!.k).toBe(3);
  });

  it("uses the study the person chose instead", () => {
    const r = runAnalysis(rows, parseAnalysisOptions({ outcome: "x", use: id(1) }).options);
    expect(r.studies.map((s) => s.row.studyId)).toEqual([id(1), id(3), id(4)]);
  });

  it("never counts a trial twice: the pool is the model of the larger study of NCT1 and the two others", () => {
    const r = runAnalysis(rows, parseAnalysisOptions({ outcome: "x", method: "DL" }).options);
    // Worked out from the rows themselves, not from what the analysis kept.
    const kept = [rows[1]!, rows[2]!, rows[3]!].map(
      (x) => effectSize("PLO", x) as { yi: number; vi: number },
    );
    const direct = metaAnalysis(
      kept.map((e) => e.yi),
      kept.map((e) => e.vi),
      { method: "DL" },
    );
    expect(r.model!.b[0]).toBeCloseTo(direct.b[0]!, 12);
    const withBoth = rows.map((x) => effectSize("PLO", x) as { yi: number; vi: number });
    const twice = metaAnalysis(
      withBoth.map((e) => e.yi),
      withBoth.map((e) => e.vi),
      { method: "DL" },
    );
    expect(Math.abs(r.model!.b[0]! - twice.b[0]!)).toBeGreaterThan(1e-3);
  });
});

describe("left out, CSV and R code", () => {
  it("names studies whose data do not fit the measure, and needs two studies", () => {
    const rows = [
      row({ studyId: id(1), xi: 2, ni: 10 }),
      row({
        studyId: id(2),
        design: "continuous",
        xi: null,
        ni: null,
        m1i: 1,
        sd1i: 1,
        n1i: 10,
        m2i: 2,
        sd2i: 1,
        n2i: 10,
      }),
    ];
    const r = runAnalysis(rows, parseAnalysisOptions({ outcome: "x" }).options);
    expect(r.excluded).toEqual([expect.objectContaining({ reason: "PLO: missing xi, ni" })]);
    expect(r.error).toMatch(/At least two studies/);
  });

  it("writes yi and vi with metafor's column names, and R code that refits the same model", () => {
    const rows = [
      row({ studyId: id(1), xi: 2, ni: 10, dose: 2e6 }),
      row({ studyId: id(2), xi: 7, ni: 9 }),
      row({ studyId: id(3), xi: 4, ni: 30 }),
    ];
    const options = parseAnalysisOptions({ outcome: "x", method: "PM", knha: "1", mods: "dose" }).options;
    const r = runAnalysis(rows, options);
    const csv = analysisCsv(r).trimEnd().split("\r\n");
    expect(csv[0]).toBe(
      "study,study_id,disease,registry_id,dose_cells_per_kg,log10_dose,tissue,route,donor,rob,ai,bi,ci,di,n1i,n2i,xi,ni,m1i,sd1i,m2i,sd2i,yi,vi,weight",
    );
    expect(csv).toHaveLength(4);
    expect(csv[1]).toContain(`,${Math.log10(2e6)},`);
    // Re-read through the CSV path: the same pooled estimate from yi and vi.
    const again = analyseCsv(analysisCsv(r), { measure: "PLO", method: "PM", knha: true });
    expect(again.result.b[0]).toBeCloseTo(r.model!.b[0]!, 10);
    const code = rCode(r, options, "data.csv");
    expect(code).toContain('dat <- read.csv("data.csv")');
    expect(code).toContain('rma(yi, vi, data = dat, method = "PM", test = "knha", slab = study)');
    expect(code).toContain("predict(res, transf = transf.ilogit)");
    expect(code).toContain("mods = ~ log10_dose");
  });
});

describe("npm run analyse", () => {
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/analyse.ts", ...args],
      {
        encoding: "utf8",
      },
    );

  it("prints every number under metafor's names with --json", () => {
    const out = execFileSync(
      process.execPath,
      [
        path.join("node_modules", "tsx", "dist", "cli.mjs"),
        "scripts/analyse.ts",
        "tests/fixtures/bcg.csv",
        "--measure",
        "RR",
        "--method",
        "REML",
        "--knha",
        "--json",
      ],
      { encoding: "utf8" },
    );
    const json = JSON.parse(out) as Record<string, number>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        "b",
        "estimate",
        "se",
        "tval",
        "pval",
        "ci_lb",
        "ci_ub",
        "tau2",
        "I2",
        "H2",
        "QE",
        "QEp",
        "pi_lb",
        "pi_ub",
      ]),
    );
    expect(json.estimate).toBeCloseTo(-0.7145, 4);
    expect(json.se).toBeCloseTo(0.1808, 4);
    expect(json.ci_lb).toBeCloseTo(-1.1084, 4);
    expect(json.tau2).toBeCloseTo(0.3132, 4);
    expect(Math.exp(json.pi_lb!)).toBeCloseTo(0.14, 2);
  });

  it("fits a moderator and refuses bad input with the line or column named", () => {
    const mods = cli(
      "tests/fixtures/bcg.csv",
      "--measure",
      "RR",
      "--method",
      "REML",
      "--mods",
      "ablat",
      "--json",
    );
    expect(mods.status).toBe(0);
    expect((JSON.parse(mods.stdout) as { b: Record<string, number> }).b.ablat).toBeCloseTo(-0.0291, 4);
    const wrong = cli("tests/fixtures/bcg.csv", "--measure", "SMD");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("line 1: the header lacks m1i, sd1i, n1i, m2i, sd2i, n2i");
    expect(cli("tests/fixtures/bcg.csv", "--measure", "XX").stderr).toContain("--measure must be one of");
    expect(cli("no-such.csv", "--measure", "RR").stderr).toContain("cannot read no-such.csv");
  });
});

describe("data that would give no finite number", () => {
  const continuous = (n: number, over: Partial<AnalysisRow>) =>
    row({
      studyId: id(n),
      reference: `[${n}]`,
      design: "continuous",
      xi: null,
      ni: null,
      m1i: 10,
      sd1i: 2,
      n1i: 20,
      m2i: 8,
      sd2i: 2,
      n2i: 20,
      ...over,
    });

  it.each([
    ["both groups of 0", { n1i: 0, n2i: 0 }],
    ["SDs of 0", { sd1i: 0, sd2i: 0 }],
    ["a mean past what a float holds", { m1i: 1e308, m2i: -1e308 }],
  ])("leaves out, with the reason, a study with %s, and pools the rest", (_label, bad) => {
    const rows = [continuous(1, {}), continuous(2, { m1i: 11, n1i: 30 }), continuous(3, bad)];
    for (const measure of ["MD", "SMD"]) {
      const r = runAnalysis(rows, parseAnalysisOptions({ outcome: "x", measure }).options);
      expect(r.error ?? null).toBeNull();
      expect(r.studies.map((s) => s.row.reference)).toEqual(["[1]", "[2]"]);
      expect(r.excluded.map((e) => [e.row.reference, e.reason])).toEqual([
        ["[3]", expect.stringMatching(/finite|no participants|standard deviations are 0/)],
      ]);
      const m = r.model!;
      for (const [k, v] of Object.entries({
        b: m.b[0],
        l: m.ci_lb[0],
        u: m.ci_ub[0],
        tau2: m.tau2,
        I2: m.I2,
        H2: m.H2,
        QE: m.QE,
      }))
        expect(Number.isFinite(v), `${measure} ${k} = ${v}`).toBe(true);
    }
  });
});
