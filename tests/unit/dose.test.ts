// A read dose on the cells/kg axis, per administration or cumulative, and cell counts in words.
import { describe, expect, it } from "vitest";
import { describeAdministrations, describeDose } from "../../lib/domain/dose/describe";
import { doseMid, formatCells, normaliseDose } from "../../lib/domain/dose/dose";
import { readDose } from "../../lib/domain/dose/read";

const arm = (text: string) => readDose(text).arms[0]!;

describe("normaliseDose", () => {
  it("keeps per-kg doses and converts totals through the reference weight, marked estimated", () => {
    expect(normaliseDose(arm("1–2 × 106/kg"))).toEqual({
      low: 1e6,
      high: 2e6,
      mid: 1.5e6,
      estimated: false,
      reason: null,
    });
    expect(normaliseDose(arm("7 × 107 cells"))).toMatchObject({
      low: 1e6,
      high: 1e6,
      mid: 1e6,
      estimated: true,
    });
    expect(normaliseDose(arm("7 × 107 cells"), { referenceWeightKg: 50 }).mid).toBeCloseTo(1.4e6);
    expect(normaliseDose(arm("67.37 ± 7.65 × 106cells")).mid).toBeCloseTo(67.37e6 / 70);
    expect(normaliseDose(arm("≥ 1 × 106/kg"))).toMatchObject({ low: 1e6, high: null, mid: 1e6 });
    expect(normaliseDose(arm("1.4 (0.4–9) × 106/kg")).mid).toBe(1.4e6);
  });

  it("multiplies by the number of administrations on the cumulative scale, and has none without it", () => {
    expect(normaliseDose(arm("1 × 106/kg, 3 doses"), { scale: "cumulative" }).mid).toBe(3e6);
    expect(normaliseDose(arm("1 × 106/kg"), { scale: "cumulative" })).toMatchObject({
      mid: null,
      reason: "the table does not say how many times it was given",
    });
    expect(normaliseDose(arm("1 × 106/kg, 1–3 doses"), { scale: "cumulative" }).mid).toBeNull();
  });

  it("refuses per joint, per ml, per m² and missing doses with the reason", () => {
    expect(normaliseDose(arm("40 × 106/joint"))).toMatchObject({
      mid: null,
      reason: "a dose per joint is not comparable with cells/kg",
    });
    expect(normaliseDose(arm("5.3 × 106/ml"))).toMatchObject({
      mid: null,
      reason: "a dose per ml is not comparable with cells/kg",
    });
    expect(normaliseDose(arm("2 × 106 cells/m²")).reason).toMatch(/per m²/);
    expect(normaliseDose(null)).toMatchObject({ mid: null, reason: "the table gives no dose" });
    expect(normaliseDose(arm("1 × 106/kg"), { referenceWeightKg: 0 }).reason).toMatch(/positive/);
  });

  it("draws each form at its value, centre, midpoint or bound", () => {
    expect(doseMid(arm("1–3 × 106/kg"))).toBe(2e6);
    expect(doseMid(arm("up to 5 × 106/kg"))).toBe(5e6);
    expect(doseMid(arm("2 ± 0.5 × 106/kg"))).toBe(2e6);
  });
});

describe("doses in words", () => {
  it("formats cell counts for people", () => {
    expect(formatCells(1.5e6, "/kg")).toBe("1.5 × 10⁶/kg");
    expect(formatCells(2.7e4)).toBe("2.7 × 10⁴");
    expect(formatCells(9.999e6)).toBe("1 × 10⁷");
  });

  it("describes each form and how often it was given", () => {
    expect(describeDose(arm("1–2 × 106/kg"))).toBe("1 × 10⁶–2 × 10⁶ per kg");
    expect(describeDose(arm("1.4 (0.4–9) × 106/kg"))).toBe("median 1.4 × 10⁶ (range 4 × 10⁵–9 × 10⁶) per kg");
    expect(describeDose(arm("≥ 1 × 106/kg"))).toBe("≥ 1 × 10⁶ per kg");
    expect(describeAdministrations({ count: 3, schedule: null })).toBe("3 administrations");
    expect(describeAdministrations({ count: null, schedule: "1–3 doses" })).toMatch(/varies/);
    expect(describeAdministrations(null)).toBeNull();
  });
});
