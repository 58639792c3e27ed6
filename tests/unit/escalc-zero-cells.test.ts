// Zero cells as metafor's escalc() handles them (add = 1/2, to = "only0", drop00 = FALSE by
// default, for RR, OR and RD alike; PLO adds to events and non-events; PFT adds nothing unless
// add is given), and its add / to / drop00 settings, against escalc() itself
// (tests/fixtures/dose-response/escalc-zero-cells.json, made by escalc-zero-cells.R beside it).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyseCsv } from "../../lib/domain/stats/analysis-csv";
import {
  effectSize,
  effectSizes,
  type EffectData,
  type EscalcOptions,
  type Measure,
} from "../../lib/domain/stats/meta";

interface Case {
  measure: Measure;
  setting: string;
  options: EscalcOptions | [];
  data: Record<string, number[]>;
  yi: (number | null)[];
  vi: (number | null)[];
}
const fixture = JSON.parse(
  readFileSync(
    path.join(process.cwd(), "tests", "fixtures", "dose-response", "escalc-zero-cells.json"),
    "utf8",
  ),
) as { cases: Case[] };

function rows(data: Record<string, number[]>): EffectData[] {
  const keys = Object.keys(data);
  const n = data[keys[0] ?? ""]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(keys.map((k) => [k, data[k]?.[i] ?? NaN])));
}

describe("escalc() zero cells, per measure and setting", () => {
  it.each(
    fixture.cases.map((c) => [`${c.measure}, ${c.setting}, ${Object.keys(c.data).join("")}`, c] as const),
  )("%s", (_label, c) => {
    const options = Array.isArray(c.options) ? {} : c.options;
    const es = effectSizes(c.measure, rows(c.data), options);
    es.forEach((e, i) => {
      const yi = c.yi[i] ?? null;
      const vi = c.vi[i] ?? null;
      if (yi === null || vi === null || vi === 0) {
        // escalc gives NA (or a variance of 0, which no model can use): an error here
        expect("error" in e).toBe(true);
      } else {
        if ("error" in e) throw new Error(`study ${i + 1}: ${e.error}`);
        expect(e.yi).toBeCloseTo(yi, 10);
        expect(e.vi).toBeCloseTo(vi, 10);
      }
    });
  });

  it("keeps the old call signature: effectSize(measure, data) uses escalc's defaults", () => {
    // escalc("RD", ai = 0, bi = 10, ci = 2, di = 8): -0.1818181818, 0.0198578198 (1/2 added to each cell)
    const rd = effectSize("RD", { ai: 0, bi: 10, ci: 2, di: 8 });
    if ("error" in rd) throw new Error(rd.error);
    expect(rd.yi).toBeCloseTo(-0.18181818181818, 10);
    const plo = effectSize("PLO", { xi: 0, ni: 10 });
    if ("error" in plo) throw new Error(plo.error);
    expect(plo.yi).toBeCloseTo(-3.04452243772342, 10);
  });

  it("to = 'if0all' on one study alone looks at the study itself, unless told about the data set", () => {
    const lone = effectSize("RR", { ai: 3, bi: 7, ci: 4, di: 6 }, { to: "if0all" });
    const told = effectSize("RR", { ai: 3, bi: 7, ci: 4, di: 6 }, { to: "if0all", anyZeroInData: true });
    if ("error" in lone || "error" in told) throw new Error("unexpected error");
    // escalc on the table alone (no zero anywhere): -0.2876820725; with a zero elsewhere: -0.2513144283
    expect(lone.yi).toBeCloseTo(-0.287682072451781, 10);
    expect(told.yi).toBeCloseTo(-0.251314428280906, 10);
  });

  it("passes the options through analyseCsv", () => {
    const csv = "study,ai,bi,ci,di\nA,0,20,0,20\nB,3,7,4,6\nC,10,10,0,10\nD,12,30,9,25\n";
    const dflt = analyseCsv(csv, { measure: "RD", method: "FE" });
    expect(dflt.studies).toHaveLength(4);
    const dropped = analyseCsv(csv, { measure: "RD", method: "FE", escalc: { drop00: true } });
    expect(dropped.studies.map((s) => s.label)).toEqual(["B", "C", "D"]);
    expect(dropped.skipped[0]?.line).toBe(2);
    const all = analyseCsv(csv, { measure: "RD", method: "FE", escalc: { to: "if0all" } });
    // escalc("RD", ..., to = "if0all") on B: -0.0909090909 (1/2 added to every study)
    expect(all.studies[1]?.yi).toBeCloseTo(-0.0909090909090909, 10);
  });
});
