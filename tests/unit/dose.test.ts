import { describe, expect, it } from "vitest";
import { doseArms, formatCells, normaliseDose, parseDose } from "../../lib/domain/dose/dose";

const read = (text: string) => {
  const d = parseDose(text);
  return { form: d.form, basis: d.basis, low: d.low, high: d.high };
};

describe("parseDose", () => {
  it.each([
    ["1 × 106/kg", "single", "per_kg", 1e6, 1e6],
    ["1–2 × 106/kg", "range", "per_kg", 1e6, 2e6],
    ["0.4 –1.1 × 106/kg", "range", "per_kg", 0.4e6, 1.1e6],
    ["1-2 ×106 cells/ kg BW", "range", "per_kg", 1e6, 2e6],
    ["5.3 × 106 to 1 × 107 cells", "range", "total", 5.3e6, 1e7],
    ["3–30 × 106/cells", "range", "total", 3e6, 3e7],
    ["≥ 1 × 106/kg", "lower_bound", "per_kg", 1e6, null],
    ["40 × 106/joint", "single", "per_joint", 4e7, 4e7],
    ["5.3 × 106/ml", "single", "per_ml", 5.3e6, 5.3e6],
    ["2.5 × 107cell", "single", "total", 2.5e7, 2.5e7],
    ["2 × 107 cells per patient", "single", "total", 2e7, 2e7],
    ["10⁶ cells/kg", "single", "per_kg", 1e6, 1e6],
    ["2 × 10^6 cells/kg", "single", "per_kg", 2e6, 2e6],
    ["1e6 cells/kg", "single", "per_kg", 1e6, 1e6],
    ["1.5E+07 cells", "single", "total", 1.5e7, 1.5e7],
    ["1∼10 × 107 cells/kg", "range", "per_kg", 1e7, 1e8],
    ["A single dose of 2 × 106 cells/ kg; IV", "single", "per_kg", 2e6, 2e6],
  ])("%s", (text, form, basis, low, high) => {
    expect(read(text)).toEqual({ form, basis, low, high });
  });

  it("reads mean ± SD with its SD", () => {
    expect(parseDose("67.37 ± 7.65 × 106cells")).toMatchObject({
      form: "mean_sd",
      basis: "total",
      low: 67.37e6,
      sd: 7.65e6,
    });
    expect(parseDose("2.6 ± 1.2 × 107 cells")).toMatchObject({ form: "mean_sd", low: 2.6e7, sd: 1.2e7 });
  });

  it.each([
    ["1, 2 × 106/kg", "per_kg", [1e6, 2e6]],
    ["2, 5, 10 × 106/kg", "per_kg", [2e6, 5e6, 10e6]],
    ["20/100/200 ×106 cells", "total", [2e7, 1e8, 2e8]],
    ["1, 5 and 10 × 106 cells/kg predicted body weight (PBW)", "per_kg", [1e6, 5e6, 1e7]],
    ["300/900million", "total", [3e8, 9e8]],
    ["1.0 × 106 cells/kg or 5.0 × 106 cells/kg or 1.0 × 107 cells/kg", "per_kg", [1e6, 5e6, 1e7]],
  ])("a list means several arms: %s", (text, basis, values) => {
    const dose = parseDose(text);
    expect(dose.form).toBe("list");
    expect(doseArms(dose).map((a) => [a.form, a.basis, a.low])).toEqual(
      values.map((v) => ["single", basis, v]),
    );
  });

  it.each(["Unknown", "N/A", "/", "-", "", "not reported"])(
    "%j is a dose the table does not give",
    (text) => {
      expect(parseDose(text)).toMatchObject({ form: "unknown", basis: "unknown", low: null, reason: null });
    },
  );

  it.each([
    ["banana", /cannot read "banana"/],
    ["5 × 106", /no unit in "5 × 106"/],
    ["1 or 2 or 4 × 108", /no unit/],
    ["2-1 × 106/kg", /runs backwards/],
    ["1–2, 3 × 106/kg", /cannot tell single dose, range or list apart/],
    ["2 × 100 cells", /cannot read "2 × 100 cells"/],
  ])("%s is not guessed: it gets a reason", (text, reason) => {
    const dose = parseDose(text);
    expect(dose.form).toBe("unreadable");
    expect(dose.low).toBeNull();
    expect(dose.reason).toMatch(reason);
  });

  it("keeps the raw text and marks approximate values", () => {
    expect(parseDose("~2 × 106/kg")).toMatchObject({ raw: "~2 × 106/kg", estimated: true, low: 2e6 });
    expect(parseDose("∼2 × 106/kg")).toMatchObject({ estimated: true, low: 2e6, basis: "per_kg" });
    expect(parseDose("≈100 × 106 cells")).toMatchObject({ estimated: true, low: 1e8, basis: "total" });
    expect(parseDose("40 × 106 per knee")).toMatchObject({ basis: "per_joint", low: 4e7 });
  });
});

describe("normaliseDose", () => {
  it("keeps per-kg doses and converts totals through the reference weight, marked estimated", () => {
    expect(normaliseDose(parseDose("1–2 × 106/kg"))).toEqual({
      low: 1e6,
      high: 2e6,
      mid: 1.5e6,
      estimated: false,
      reason: null,
    });
    const total = normaliseDose(parseDose("7 × 107 cells"));
    expect(total).toMatchObject({ low: 1e6, high: 1e6, mid: 1e6, estimated: true });
    expect(normaliseDose(parseDose("7 × 107 cells"), { referenceWeightKg: 50 }).mid).toBeCloseTo(1.4e6);
    expect(normaliseDose(parseDose("67.37 ± 7.65 × 106cells")).mid).toBeCloseTo(67.37e6 / 70);
    expect(normaliseDose(parseDose("≥ 1 × 106/kg"))).toMatchObject({ low: 1e6, high: null, mid: 1e6 });
  });

  it("refuses per joint, per ml and unknown doses with the reason", () => {
    expect(normaliseDose(parseDose("40 × 106/joint"))).toMatchObject({
      mid: null,
      reason: "a dose per joint is not comparable with cells/kg",
    });
    expect(normaliseDose(parseDose("5.3 × 106/ml"))).toMatchObject({
      mid: null,
      reason: "a dose per ml is not comparable with cells/kg",
    });
    expect(normaliseDose(parseDose("Unknown"))).toMatchObject({
      mid: null,
      reason: "the table gives no dose",
    });
    expect(normaliseDose(parseDose("1 × 106/kg"), { referenceWeightKg: 0 }).reason).toMatch(/positive/);
  });

  it("formats cell counts for people", () => {
    expect(formatCells(1.5e6, "/kg")).toBe("1.5 × 10⁶/kg");
    expect(formatCells(2.7e4)).toBe("2.7 × 10⁴");
  });
});
