import { describe, expect, it } from "vitest";
import { EMPTY_FILTER, filterToParams, isEmptyFilter, parseFilter } from "../../lib/domain/cohort-filter";
import { describeFilter } from "../../lib/domain/filter-summary";
import { csvCell } from "../../lib/domain/csv";

describe("CohortFilter in the URL", () => {
  it("round-trips every field through URL parameters", () => {
    const url = new URLSearchParams(
      "disease=SLE&disease=MS&route=I.V&source=BM&donor=autologous&co=IFN-γ&doseMin=1e6&doseMax=2000000&estimated=exclude" +
        "&basis=per_kg&nMin=10&nMax=100&registered=yes&category=7d1f3c1e-2b2a-4c55-9b1e-0d2b1f7a9c10&annotated=open&q=relapse&weight=60",
    );
    const { filter, settings, ignored } = parseFilter(url);
    expect(ignored).toEqual([]);
    expect(filter).toEqual({
      diseases: ["SLE", "MS"],
      routes: ["I.V"],
      tissues: ["BM"],
      donors: ["autologous"],
      coInterventions: ["IFN-γ"],
      doseMin: 1e6,
      doseMax: 2e6,
      includeEstimated: false,
      bases: ["per_kg"],
      enrollmentMin: 10,
      enrollmentMax: 100,
      registered: "yes",
      categories: ["7d1f3c1e-2b2a-4c55-9b1e-0d2b1f7a9c10"],
      annotated: "open",
      q: "relapse",
    });
    expect(settings).toEqual({ referenceWeightKg: 60 });
    expect(parseFilter(filterToParams(filter, settings))).toEqual({ filter, settings, ignored: [] });
  });

  it("reads the plain form's empty fields and comma lists", () => {
    const { filter } = parseFilter({
      disease: "RA,T1DM",
      doseMin: "",
      nMax: "",
      q: "",
      registered: "",
      weight: "70",
    });
    expect(filter).toEqual({ ...EMPTY_FILTER, diseases: ["RA", "T1DM"] });
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
    expect(filterToParams(EMPTY_FILTER, { referenceWeightKg: 70 }).toString()).toBe("");
  });

  it("drops what it cannot understand, keeps the rest, and says what it dropped", () => {
    const { filter, ignored, settings } = parseFilter(
      new URLSearchParams("disease=RA&donor=martian&doseMin=abc&weight=-3&category=not-a-uuid"),
    );
    expect(filter.diseases).toEqual(["RA"]);
    expect(filter.donors).toEqual([]);
    expect(filter.doseMin).toBeUndefined();
    expect(ignored.sort()).toEqual(["categories", "donors", "doseMin", "weight"]);
    expect(settings.referenceWeightKg).toBe(70);
  });

  it("refuses a dose range that runs backwards", () => {
    const { filter, ignored } = parseFilter(new URLSearchParams("doseMin=5e6&doseMax=1e6"));
    expect(ignored).toEqual(["doseMax"]);
    expect(filter.doseMin).toBe(5e6);
  });

  it("describes the filter in words", () => {
    const { filter, settings } = parseFilter(
      new URLSearchParams("disease=SLE&source=UC&doseMin=1e6&registered=no"),
    );
    expect(describeFilter(filter, settings)).toEqual([
      "disease: SLE",
      "source: umbilical cord",
      "dose 1 × 10⁶ to any cells/kg (totals at 70 kg)",
      "not registered",
    ]);
  });
});

describe("CSV cells", () => {
  it("quote separators and defuse formulas", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(null)).toBe("");
  });
});
