// The dose–response CSV reader (problems named by line and column), the JSON report of
// runDoseResponse, the dose summaries (dose of maximum effect, ED50/ED80, minimum effective
// dose) against doses read off R's predict() on a fine grid, and the small matrix module.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DoseResponseCsvProblem,
  ModelProblem,
  doseBasis,
  fitDoseResponse,
  readDoseResponseCsv,
  runDoseResponse,
} from "../../lib/domain/stats/dose-response";
import {
  cholesky,
  determinant,
  inverse,
  logDet,
  solve,
  symmetricEigen,
} from "../../lib/domain/stats/dose-response/matrix";

const dir = path.join(process.cwd(), "tests", "fixtures", "dose-response");
const csv = (name: string) => readFileSync(path.join(dir, name), "utf8");
interface GridDoses {
  step: number;
  max: number;
  ed50: number;
  ed80: number;
  med: number;
}
const fixture = JSON.parse(readFileSync(path.join(dir, "dosresmeta-reference.json"), "utf8")) as {
  references: { name: string; coefficients: number[]; doses?: GridDoses }[];
};
const grid = (name: string): GridDoses => {
  const d = fixture.references.find((r) => r.name === name)?.doses;
  if (!d) throw new Error(`no grid doses for ${name}`);
  return d;
};

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DoseResponseCsvProblem || e instanceof ModelProblem) return e.message;
    throw e;
  }
  throw new Error("no problem reported");
}

describe("readDoseResponseCsv", () => {
  it("names what the header lacks", () => {
    expect(problem(() => readDoseResponseCsv("id,type,dose,cases,n,logrr\n1,cc,0,10,40,0\n"))).toBe(
      "line 1: the header lacks se (or lb and ub)",
    );
    expect(problem(() => readDoseResponseCsv("id,dose,cases,n,logrr,se\n1,0,10,40,0,\n"))).toMatch(
      /^line 1: there is no type column/,
    );
    expect(problem(() => readDoseResponseCsv("id,dose,foo\n1,0,3\n"))).toMatch(
      /^line 1: the columns fit no layout/,
    );
  });

  it("names the line and column of bad cells", () => {
    const text =
      "id,type,dose,cases,n,logrr,se\nA,cc,0,10,40,0,\nA,cc,2,x,40,0.1,0.2\nA,cc,4,12,10,0.2,0.2\n";
    const message = problem(() => readDoseResponseCsv(text));
    expect(message).toContain('line 3, column cases: holds "x", not a number');
    expect(message).toContain("line 4, column n: must exceed the cases");
    expect(problem(() => readDoseResponseCsv("id,type,dose,cases,n,logrr,se\nA,zz,0,10,40,0,\n"))).toContain(
      'line 2, column type: holds "zz"; use cc, ci or ir',
    );
  });

  it("wants exactly one reference row per study", () => {
    const text =
      "id,type,dose,cases,n,logrr,se\nA,cc,0,10,40,0,\nA,cc,2,10,40,0,\nB,cc,0,10,40,0,\nB,cc,1,10,40,0.1,0.3\n";
    expect(problem(() => readDoseResponseCsv(text))).toBe(
      "line 2, column se: study A has 2 reference rows (rows with no se); it needs exactly one",
    );
  });

  it("checks continuous and arm-level data", () => {
    expect(problem(() => readDoseResponseCsv("id,dose,y,sd,n\n1,0,5,0,20\n1,5,6,2,20\n"))).toBe(
      "line 2, column sd: must be above 0",
    );
    expect(problem(() => readDoseResponseCsv("id,dose,cases,n\nA,0,12,10\n", { arms: "PLO" }))).toBe(
      "line 2, column cases: must lie between 0 and n",
    );
  });

  it("takes the standard error from lb and ub as dosresmeta does", () => {
    const fromCi = runDoseResponse(csv("cc_ex.csv"), { shape: "linear", draws: 0 });
    // dosresmeta(logrr ~ dose, type = "cc", cases = case, n = n, lb = lb, ub = ub, data = cc_ex)
    expect(fromCi.coefficients[0]?.estimate).toBeCloseTo(0.0454288455827688, 10);
  });
});

describe("runDoseResponse", () => {
  it("returns a JSON-able report with every part", () => {
    const report = runDoseResponse(csv("alcohol_crc.csv"), {
      shape: "rcs",
      knots: [0.05, 0.35, 0.65, 0.95],
      predict: [0, 12, 24],
      draws: 200,
    });
    const again = JSON.parse(JSON.stringify(report)) as unknown;
    expect(again).toEqual(report);
    expect(report.model).toBe("two-stage");
    expect(report.coefficients.map((c) => c.name)).toEqual(["dose", "dose'", "dose''"]);
    expect(report.Psi).toHaveLength(3);
    expect(report.nonlinearity?.df).toBe(2);
    expect(report.predictions.map((p) => p.dose)).toEqual([0, 12, 24]);
    expect(report.predictions[0]?.ratio?.estimate).toBe(1);
    expect(report.reference).toBe(0);
    expect(report.likelihood).toMatch(/restricted likelihood/);
    for (const p of report.predictions) {
      expect(p.piLower).toBeLessThanOrEqual(p.ciLower);
      expect(p.piUpper).toBeGreaterThanOrEqual(p.ciUpper);
    }
  });

  it("refuses a two-stage fit when a study has fewer non-reference arms than coefficients", () => {
    expect(problem(() => runDoseResponse(csv("sim_os.csv"), { shape: "quadratic", draws: 0 }))).toMatch(
      /^a two-stage fit needs 2 non-reference arms in every study for the quadratic shape; study 1 has 1.*\(fit one-stage instead\)$/,
    );
  });

  it("assumes no unit: doses in other units give the same curve", () => {
    const text = csv("alcohol_cvd.csv");
    const scaled = text
      .split("\n")
      .map((line, i) => {
        if (i === 0 || line.trim() === "") return line;
        const cells = line.split(",");
        cells[2] = String(Number(cells[2]) * 1000);
        return cells.join(",");
      })
      .join("\n");
    const a = runDoseResponse(text, { shape: "rcs", knots: [0.1, 0.5, 0.9], predict: [10, 30], draws: 0 });
    const b = runDoseResponse(scaled, {
      shape: "rcs",
      knots: [0.1, 0.5, 0.9],
      predict: [10000, 30000],
      draws: 0,
    });
    a.predictions.forEach((p, i) => expect(b.predictions[i]?.estimate).toBeCloseTo(p.estimate, 8));
  });

  it("shifts a log shape by the smallest positive dose when a dose is 0", () => {
    const basis = doseBasis({ shape: "log" }, [0, 0.5, 2, 8]);
    expect(basis.logShift).toBe(0.5);
    expect(basis.names).toEqual(["log(dose + 0.5)"]);
    expect(doseBasis({ shape: "log" }, [1, 2]).names).toEqual(["log(dose)"]);
  });
});

describe("dose summaries against R's predict() on a 0.002 grid", () => {
  it("ari (standardised mean differences, quadratic): an interior maximum", () => {
    const r = grid("ari-smd-quadratic");
    const report = runDoseResponse(csv("ari.csv"), { shape: "quadratic", type: "smd", draws: 500 });
    const s = report.summary;
    expect(s.direction).toBe(1);
    expect(s.maximum.interior).toBe(true);
    expect(Math.abs((s.maximum.dose ?? NaN) - r.max)).toBeLessThanOrEqual(r.step);
    // The vertex of R's quadratic, −b1 / (2 b2)
    const b = fixture.references.find((x) => x.name === "ari-smd-quadratic")?.coefficients ?? [];
    expect(s.maximum.dose).toBeCloseTo(-(b[0] ?? NaN) / (2 * (b[1] ?? NaN)), 3);
    // the first grid doses reaching 50% and 80% of the maximum lie within one step above ours
    for (const [ours, theirs] of [
      [s.ed50.dose, r.ed50],
      [s.ed80.dose, r.ed80],
    ] as const) {
      expect(ours).not.toBeNull();
      expect(theirs - (ours ?? NaN)).toBeGreaterThanOrEqual(0);
      expect(theirs - (ours ?? NaN)).toBeLessThanOrEqual(r.step);
    }
    // significant right above 0 (R: already at 0.002): the reference dose itself
    expect(s.minimumEffective.dose).toBe(0);
    expect(r.med).toBeLessThanOrEqual(r.step);
    for (const e of [s.maximum, s.ed50, s.ed80]) {
      expect(e.lower).not.toBeNull();
      expect(e.lower ?? NaN).toBeLessThanOrEqual(e.dose ?? NaN);
      expect(e.upper ?? NaN).toBeGreaterThanOrEqual(e.dose ?? NaN);
    }
  });

  it("alcohol_crc (relative risks, 4-knot spline): maximum at the end of the range, a later minimum effective dose", () => {
    const r = grid("alcohol_crc-rcs4");
    const s = runDoseResponse(csv("alcohol_crc.csv"), {
      shape: "rcs",
      knots: [0.05, 0.35, 0.65, 0.95],
      draws: 0,
    }).summary;
    expect(s.maximum.interior).toBe(false);
    expect(Math.abs((s.maximum.dose ?? NaN) - r.max)).toBeLessThanOrEqual(r.step);
    for (const [ours, theirs] of [
      [s.ed50.dose, r.ed50],
      [s.ed80.dose, r.ed80],
      [s.minimumEffective.dose, r.med],
    ] as const) {
      // within a grid step (R's maximum, and so its 50% and 80% levels, sit on the grid too)
      expect(Math.abs(theirs - (ours ?? NaN))).toBeLessThanOrEqual(r.step);
    }
  });

  it("simulates reproducibly from its seed", () => {
    const data = readDoseResponseCsv(csv("ari.csv"), { type: "smd" });
    const options = { shape: "quadratic" as const, type: "smd" as const, draws: 300 };
    const a = fitDoseResponse(data, { ...options, seed: 7 }).summary;
    const b = fitDoseResponse(data, { ...options, seed: 7 }).summary;
    const c = fitDoseResponse(data, { ...options, seed: 8 }).summary;
    expect(b).toEqual(a);
    expect(c.ed50.lower).not.toBe(a.ed50.lower);
    expect(a.simulation.draws).toBe(300);
  });
});

describe("matrix module", () => {
  const m = [
    [4, 2, 0.6],
    [2, 3, 0.4],
    [0.6, 0.4, 2],
  ];
  it("factors, inverts and solves", () => {
    const L = cholesky(m);
    expect(L?.[0]?.[0]).toBeCloseTo(2, 12);
    expect(L?.[1]?.[0]).toBeCloseTo(1, 12);
    expect(L?.[1]?.[1]).toBeCloseTo(Math.sqrt(2), 12);
    // det = 4(6 − 0.16) − 2(4 − 0.24) + 0.6(0.8 − 1.8) = 23.36 − 7.52 − 0.6 = 15.24
    expect(determinant(m)).toBeCloseTo(15.24, 10);
    expect(logDet(m)).toBeCloseTo(Math.log(15.24), 10);
    const inv = inverse(m);
    const prod = m.map((row) =>
      (inv[0] ?? []).map((_, j) => row.reduce((s, v, k) => s + v * (inv[k]?.[j] ?? 0), 0)),
    );
    prod.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 12)));
    const x = solve(
      [
        [0, 2],
        [3, 1],
      ],
      [4, 5],
    );
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(2, 12);
    expect(
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toBeNull();
  });

  it("finds eigenvalues of a symmetric matrix", () => {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3
    const { values } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(values.slice().sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
  });
});

describe("knot placement", () => {
  it("places 3, 4 or 5 knots at Harrell's percentiles (R's quantile, type 7)", () => {
    const doses = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // quantile(0:10, c(.05, .35, .65, .95)) = 0.5 3.5 6.5 9.5
    expect(doseBasis({ shape: "rcs", knotCount: 4 }, doses).knots).toEqual([0.5, 3.5, 6.5, 9.5]);
    // quantile(0:10, c(.1, .5, .9)) = 1 5 9; c(.05, .275, .5, .725, .95) = 0.5 2.75 5 7.25 9.5
    expect(doseBasis({ shape: "rcs" }, doses).knots).toEqual([1, 5, 9]);
    expect(doseBasis({ shape: "rcs", knotCount: 5 }, doses).knots?.map((k) => Number(k.toFixed(10)))).toEqual(
      [0.5, 2.75, 5, 7.25, 9.5],
    );
  });
});
