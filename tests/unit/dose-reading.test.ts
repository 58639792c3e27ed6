// Dose cells in the notations, forms and wordings review tables use, each with the reading an
// expert would give, written by hand; beside the corpus of real cells (dose-corpus.test.ts).
import { describe, expect, it } from "vitest";
import { readDose } from "../../lib/domain/dose/read";
import type { DoseContext } from "../../lib/domain/dose/types";

type Want = {
  form: string;
  basis: string;
  low?: number | null;
  high?: number | null;
  central?: number | null;
  sd?: number | null;
};

const arms = (text: string, context: DoseContext = {}) => {
  const r = readDose(text, context);
  if (r.refusal) throw new Error(`${text}: refused (${r.refusal}: ${r.reason})`);
  return r.arms.map((a) => ({
    form: a.form,
    basis: a.basis,
    low: a.low,
    high: a.high,
    central: a.central,
    sd: a.sd,
  }));
};
const one = (text: string, context: DoseContext = {}) => {
  const all = arms(text, context);
  expect(all).toHaveLength(1);
  return all[0]!;
};
const single = (basis: string, v: number): Want => ({
  form: "single",
  basis,
  low: v,
  high: v,
  central: null,
  sd: null,
});

describe("powers of ten in every notation", () => {
  it.each([
    ["1 × 10⁶ cells/kg", 1e6],
    ["1 × 106 cells/kg", 1e6],
    ["1×106/kg", 1e6],
    ["1 x 10^6 cells/kg", 1e6],
    ["1x10(6)/kg", 1e6],
    ["1 x10 (6) cells/kg", 1e6],
    ["1.0E+06 cells/kg", 1e6],
    ["1e6 cells/kg", 1e6],
    ["1 million cells/kg", 1e6],
    ["2.5 × 10⁷/kg", 2.5e7],
    ["0.5 × 10^6/Kg", 5e5],
    ["2 × 106 MSCs/kg", 2e6],
    ["2 × 106 cells/kg b.w.", 2e6],
    ["2 × 106 cells per kg body weight", 2e6],
    ["2 × 106 cells/kg of body weight", 2e6],
    ["2 × 106 BM-MSCs/kg", 2e6],
    ["1.98 × 1010 cells/kg", 1.98e10],
  ])("%s", (text, v) => {
    expect(one(text)).toEqual(single("per_kg", v));
  });

  it("reads totals, per person, per infusion and billions", () => {
    expect(one("1.5 billion cells")).toEqual(single("total", 1.5e9));
    expect(one("100 × 106 cells/infusion")).toEqual(single("total", 1e8));
    expect(one("50 million MSCs per patient")).toEqual(single("total", 5e7));
    expect(one("3 × 107 cells/round")).toEqual(single("total", 3e7));
  });

  it("refuses powers it cannot be sure of", () => {
    expect(readDose("10e6 cells/kg").refusal).toBe("ambiguous");
    expect(readDose("(2–4) × 102/kg").refusal).toBe("ambiguous");
    expect(readDose("2 × 100 cells").refusal).toBe("ambiguous");
  });
});

describe("forms", () => {
  it("reads ranges with every separator", () => {
    for (const text of [
      "1–2 × 106/kg",
      "1-2 × 106/kg",
      "1 - 2 × 106/kg",
      "1 to 2 × 106/kg",
      "1~2 × 106/kg",
      "1 × 106 – 2 × 106 cells/kg",
      "1 × 106 cells/kg – 2 × 106 cells/kg",
      "From 1 × 106 to 2 × 106 cells/kg",
      "between 1 and 2 × 106 cells/kg",
      "(1–2) × 106/kg",
      "[1–2] × 106/kg",
    ])
      expect(one(text), text).toEqual({
        form: "range",
        basis: "per_kg",
        low: 1e6,
        high: 2e6,
        central: null,
        sd: null,
      });
  });

  it("reads mean ± SD, median (range) and median [IQR], keeping the centre and the spread", () => {
    expect(one("67.37 ± 7.65 × 106 cells")).toEqual({
      form: "mean_sd",
      basis: "total",
      low: 67.37e6,
      high: 67.37e6,
      central: 67.37e6,
      sd: 7.65e6,
    });
    expect(one("(3.08 ± 0.52) × 106 cells")).toMatchObject({ form: "mean_sd", central: 3.08e6, sd: 0.52e6 });
    expect(one("1.4 (0.4–9) × 106/kg")).toEqual({
      form: "median_range",
      basis: "per_kg",
      low: 0.4e6,
      high: 9e6,
      central: 1.4e6,
      sd: null,
    });
    expect(one("median 2 × 106/kg (range 1–5)")).toMatchObject({
      form: "median_range",
      central: 2e6,
      low: 1e6,
      high: 5e6,
    });
    expect(one("2 (IQR 1.5–3) × 106/kg")).toMatchObject({
      form: "median_iqr",
      central: 2e6,
      low: 1.5e6,
      high: 3e6,
    });
    expect(one("2 [1.5–3] × 106/kg")).toMatchObject({
      form: "median_iqr",
      central: 2e6,
      low: 1.5e6,
      high: 3e6,
    });
  });

  it("reads bounds and approximate values", () => {
    expect(one("≥ 1 × 106/kg")).toMatchObject({ form: "lower_bound", low: 1e6, high: null });
    expect(one("> 5 × 107 cells")).toMatchObject({ form: "lower_bound", basis: "total", low: 5e7 });
    expect(one("at least 2 × 106 cells/kg")).toMatchObject({ form: "lower_bound", low: 2e6 });
    expect(one("< 1 × 106/kg")).toMatchObject({ form: "upper_bound", high: 1e6, low: null });
    expect(one("up to 1 × 108 cells")).toMatchObject({ form: "upper_bound", high: 1e8 });
    expect(readDose("~2 × 106/kg").arms[0]).toMatchObject({ approximate: true, low: 2e6 });
    expect(readDose("approximately 100 × 106 cells").arms[0]).toMatchObject({ approximate: true, low: 1e8 });
    expect(readDose("≈ 5 × 107 cells").arms[0]).toMatchObject({ approximate: true, low: 5e7 });
  });
});

describe("dose groups", () => {
  it.each([
    ["1, 2 × 106/kg", [1e6, 2e6]],
    ["1 or 2 × 106/kg", [1e6, 2e6]],
    ["1 & 2 × 106/kg", [1e6, 2e6]],
    ["1, 5 and 10 × 106 cells/kg", [1e6, 5e6, 1e7]],
    ["1 × 106/kg, 3 × 106/kg", [1e6, 3e6]],
    ["20/100/200 × 106 cells/kg", [2e7, 1e8, 2e8]],
  ])("%s is one arm per dose", (text, values) => {
    expect(arms(text).map((a) => a.low)).toEqual(values);
  });

  it("names labelled groups", () => {
    const r = readDose("group A: 1 × 106/kg, group B: 5 × 106/kg");
    expect(r.arms.map((a) => [a.label, a.low])).toEqual([
      ["group A", 1e6],
      ["group B", 5e6],
    ]);
    const levels = readDose("low: 1 × 10^6/kg; medium: 5 × 10^6/kg; high: 1 × 10^7/kg");
    expect(levels.arms.map((a) => [a.label, a.low])).toEqual([
      ["low", 1e6],
      ["medium", 5e6],
      ["high", 1e7],
    ]);
    const paren = readDose("2 × 106 (low dose) or 8 × 106 (high dose) cells/kg");
    expect(paren.arms.map((a) => [a.label, a.basis, a.low])).toEqual([
      ["low dose", "per_kg", 2e6],
      ["high dose", "per_kg", 8e6],
    ]);
  });

  it("refuses a slash between two small numbers: a fraction or two doses?", () => {
    expect(readDose("1/5 × 106/kg")).toMatchObject({ refusal: "ambiguous" });
  });
});

describe("units", () => {
  it("keeps per joint, per ml, per m² and per cm² apart", () => {
    expect(one("40 × 106 cells/joint")).toEqual(single("per_joint", 4e7));
    expect(one("40 × 106 cells per knee")).toEqual(single("per_joint", 4e7));
    expect(one("5.3 × 106/ml")).toEqual(single("per_ml", 5.3e6));
    expect(one("1 × 10^6 cells/cc")).toEqual(single("per_ml", 1e6));
    expect(one("2 × 106 cells/m²")).toEqual(single("per_m2", 2e6));
    expect(one("1 × 104 cells/cm2")).toEqual(single("per_cm2", 1e4));
  });

  it("takes the column header's unit for cells that carry none, and says so; a cell's own unit wins", () => {
    const r = readDose("2", { header: "Dose (×10⁶ cells/kg)" });
    expect(r.arms.map((a) => [a.basis, a.low])).toEqual([["per_kg", 2e6]]);
    expect(r.assumptions.join(" ")).toMatch(/column header/);
    expect(one("1–2", { header: "Cell number (× 10^6)" })).toMatchObject({
      form: "range",
      basis: "total",
      low: 1e6,
      high: 2e6,
    });
    expect(one("50", { header: "Dose, million cells" })).toEqual(single("total", 5e7));
    expect(one("1 × 107 cells", { header: "Dose (×10⁶ cells/kg)" })).toEqual(single("total", 1e7));
    expect(one("1.2 (0.8–2.1)", { header: "MSC dose (×10⁶/kg, median (range))" })).toMatchObject({
      form: "median_range",
      central: 1.2e6,
    });
  });

  it("reads a count of cells with no unit as per person, and says it assumed so", () => {
    const r = readDose("5 × 106");
    expect(r.arms[0]).toMatchObject({ basis: "total", low: 5e6 });
    expect(r.assumptions.join(" ")).toMatch(/per person/);
  });

  it("reads an intra-articular dose as per joint", () => {
    const r = readDose("50 × 106 cells", { route: "Intra-articular" });
    expect(r.arms[0]).toMatchObject({ basis: "per_joint", low: 5e7 });
    expect(r.assumptions.join(" ")).toMatch(/joint/);
  });
});

describe("how often", () => {
  it.each([
    ["1 × 106/kg, single dose", 1],
    ["single infusion of 1 × 106/kg", 1],
    ["1 × 106/kg once", 1],
    ["1 × 106/kg twice", 2],
    ["1 × 106/kg, 3 rounds", 3],
    ["5 doses of 1 × 106 cells/kg", 5],
    ["Three doses of 1 × 106 cells/kg", 3],
    ["1 × 106 cells/kg weekly ×4", 4],
    ["1 × 106 cells/kg weekly for 4 weeks", 4],
    ["3 × 107 cells on days 0, 3 and 6", 3],
    ["3 × 107 cells IV on day 1, 3, 5, and 7", 4],
    ["2 × 106 cells/kg, 2 infusions 1 week apart", 2],
  ])("%s", (text, count) => {
    expect(readDose(text).arms[0]!.administrations?.count).toBe(count);
  });

  it("keeps a count that varies as the schedule, with no number", () => {
    expect(readDose("1 × 106/kg, 1–3 doses").arms[0]!.administrations).toEqual({
      count: null,
      schedule: "1–3 doses",
    });
    expect(readDose("1 × 106/kg, 2 or 3 rounds").arms[0]!.administrations?.count).toBeNull();
  });

  it("reads the frequency column, and a mean in it as no count", () => {
    expect(readDose("1 × 106/kg", { frequency: "3" }).arms[0]!.administrations?.count).toBe(3);
    expect(readDose("1 × 106/kg", { frequency: "Single IV" }).arms[0]!.administrations?.count).toBe(1);
    expect(readDose("1 × 106/kg", { frequency: "3 (1–4)" }).arms[0]!.administrations?.count).toBeNull();
    expect(readDose("1 × 106/kg", { frequency: "NR" }).arms[0]!.administrations).toBeNull();
    expect(
      readDose("1 × 106/kg", { frequency: "2", frequencyHeader: "No. of infusions (median)" }).arms[0]!
        .administrations?.count,
    ).toBeNull();
  });

  it("says nothing of how often when the cell does not", () => {
    expect(readDose("1 × 106/kg").arms[0]!.administrations).toBeNull();
  });
});

describe("text around the dose", () => {
  it("keeps routes, footnote marks and remarks as a note, never as a reason to refuse", () => {
    const r = readDose("1 × 106 cells/kg, via intrathecal administration");
    expect(r.arms[0]).toMatchObject({ basis: "per_kg", low: 1e6 });
    expect(r.note).toMatch(/intrathecal/);
    expect(readDose("From 0.4 × 106 to 3.0 × 106 per kg based on availability").note).toMatch(/availability/);
    const marked = readDose("2 × 106/kg*");
    expect(marked.arms[0]).toMatchObject({ low: 2e6 });
    expect(marked.note).toMatch(/footnote/);
  });
});

describe("refusals, with the reason", () => {
  it.each([
    "NR",
    "NA",
    "N/A",
    "NS",
    "UK",
    "Unknown",
    "unclear",
    "unspecified",
    "undefined",
    "not reported",
    "–",
    "/",
    "-",
    "",
  ])("%j gives no dose", (text) => {
    expect(readDose(text)).toMatchObject({ refusal: "no_dose", arms: [] });
  });

  it.each([
    "2 µg/kg",
    "10 mg/kg",
    "15 ml of exosomes",
    "100 μg of MSC-derived extracellular vesicles",
    "5 mL secretome",
    "20 mL conditioned medium",
  ])("%j is not a number of cells", (text) => {
    expect(readDose(text).refusal).toBe("not_cells");
  });

  it("refuses a range that runs backwards and a bare number with no unit anywhere", () => {
    expect(readDose("2-1 × 106/kg").refusal).toBe("unreadable");
    expect(readDose("2").refusal).toBe("ambiguous");
  });
});
