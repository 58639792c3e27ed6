// The traffic-light and summary plot data, with the weighted shares checked by hand.
import { describe, expect, it } from "vitest";
import {
  PALETTES,
  sharesByJudgment,
  summaryPlot,
  trafficLight,
  type StudyJudgments,
} from "../../lib/domain/rob/plots";

const studies: StudyJudgments[] = [
  { studyId: "A", domains: { D1: "low", D2: "low" }, overall: "low" },
  { studyId: "B", domains: { D1: "some_concerns", D2: "high" }, overall: "high" },
  { studyId: "C", domains: { D1: "high", D2: null }, overall: "high" },
  { studyId: "D", domains: { D1: "low", D2: "some_concerns" }, overall: "some_concerns" },
];

describe("summaryPlot", () => {
  it("weights shares by the given study weights; a study without weight counts 0", () => {
    const plot = summaryPlot("rob2", studies, { weights: { A: 40, B: 35, C: 25 } });
    expect(plot.weighted).toBe(true);
    expect(plot.unweighted).toEqual(["D"]);
    const d1 = sharesByJudgment(plot.columns.find((c) => c.id === "D1")!);
    // D1: total 40 + 35 + 25 + 0 = 100; low (A, D) 40 + 0 = 40 → 0.40; some concerns (B) 0.35; high (C) 0.25.
    expect(d1.low).toBeCloseTo(0.4, 12);
    expect(d1.some_concerns).toBeCloseTo(0.35, 12);
    expect(d1.high).toBeCloseTo(0.25, 12);
    expect(d1.no_information).toBe(0);
    // D2: C not assessed, so total 40 + 35 + 0 = 75; low 40/75, high 35/75, some concerns 0/75.
    const col2 = plot.columns.find((c) => c.id === "D2")!;
    expect(col2.total).toBe(75);
    expect(col2.notAssessed).toEqual(["C"]);
    const d2 = sharesByJudgment(col2);
    expect(d2.low).toBeCloseTo(40 / 75, 12);
    expect(d2.high).toBeCloseTo(35 / 75, 12);
    expect(d2.some_concerns).toBe(0);
    for (const c of plot.columns.filter((x) => x.total > 0))
      expect(c.shares.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
    // Overall: low A 40, high B + C 60, some concerns D 0 → 0.4, 0.6, 0.
    const overall = sharesByJudgment(plot.columns.find((c) => c.id === "overall")!);
    expect(overall).toMatchObject({ low: 0.4, high: 0.6, some_concerns: 0 });
  });

  it("counts studies when unweighted", () => {
    const plot = summaryPlot("rob2", studies);
    const d1 = plot.columns.find((c) => c.id === "D1")!;
    // 4 studies: low 2/4, some concerns 1/4, high 1/4.
    expect(sharesByJudgment(d1)).toMatchObject({ low: 0.5, some_concerns: 0.25, high: 0.25 });
    expect(d1.shares.find((s) => s.judgment === "low")).toMatchObject({
      studies: 2,
      weight: 2,
      colour: "#02C100",
    });
    expect(plot.unweighted).toEqual([]);
  });

  it("has all-zero shares when no study in a column has weight, and rejects negative weights", () => {
    const plot = summaryPlot("rob2", studies, { weights: {} });
    expect(plot.columns[0]!.total).toBe(0);
    expect(plot.columns[0]!.shares.every((s) => s.share === 0)).toBe(true);
    expect(() => summaryPlot("rob2", studies, { weights: { A: -1 } })).toThrow(RangeError);
  });
});

describe("trafficLight", () => {
  it("lays out studies × domains and overall with robvis's colours and symbols", () => {
    const t = trafficLight("rob2", studies);
    expect(t.columns.map((c) => c.id)).toEqual(["D1", "D2", "D3", "D4", "D5", "overall"]);
    const b = t.rows[1]!;
    expect(b.cells[1]).toEqual({
      columnId: "D2",
      judgment: "high",
      label: "High",
      colour: "#BF0000",
      symbol: "×",
    });
    expect(t.rows[2]!.cells[1]).toMatchObject({ judgment: null, label: "Not assessed", colour: null });
    expect(t.legend.map((l) => l.judgment)).toEqual(["low", "some_concerns", "high", "no_information"]);
  });

  it("offers the colour-blind palette and ROBINS-I's levels", () => {
    const t = trafficLight("robins-i", [{ studyId: "X", domains: { D1: "critical" }, overall: "critical" }], {
      palette: "colourblind",
    });
    expect(t.rows[0]!.cells[0]).toMatchObject({ colour: PALETTES.colourblind.critical, symbol: "!" });
    expect(t.columns).toHaveLength(8);
    expect(t.legend.map((l) => l.judgment)).toEqual([
      "low",
      "moderate",
      "serious",
      "critical",
      "no_information",
    ]);
  });
});
