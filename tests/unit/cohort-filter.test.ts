import { describe, expect, it } from "vitest";
import {
  describeFilter,
  EMPTY_FILTER,
  filterToParams,
  isEmptyFilter,
  parseFilter,
} from "../../lib/domain/filter";
import { csvCell } from "../../lib/domain/csv";

describe("CohortFilter in the URL", () => {
  it("round-trips every field through URL parameters", () => {
    const url = new URLSearchParams(
      "disease=SLE&disease=MS&route=I.V&source=BM&donor=autologous&co=IFN-γ&doseMin=1e6&doseMax=2000000&estimated=exclude" +
        "&basis=per_kg&nMin=10&nMax=100&registered=yes&category=7d1f3c1e-2b2a-4c55-9b1e-0d2b1f7a9c10&annotated=open&q=relapse&weight=60" +
        "&coadmin=BM-MNC&scale=cumulative&rob=high,serious",
    );
    const { filter, ignored } = parseFilter(url);
    expect(ignored).toEqual([]);
    expect(filter).toEqual({
      diseases: ["SLE", "MS"],
      routes: ["I.V"],
      sources: ["BM"],
      donors: ["autologous"],
      coInterventions: ["IFN-γ"],
      coAdministered: ["BM-MNC"],
      doseMin: 1e6,
      doseMax: 2e6,
      includeEstimated: false,
      bases: ["per_kg"],
      enrollmentMin: 10,
      enrollmentMax: 100,
      registered: "yes",
      categories: ["7d1f3c1e-2b2a-4c55-9b1e-0d2b1f7a9c10"],
      robOverall: ["high", "serious"],
      annotated: "open",
      q: "relapse",
      referenceWeightKg: 60,
      doseScale: "cumulative",
    });
    expect(parseFilter(filterToParams(filter))).toEqual({ filter, ignored: [] });
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
    expect(filterToParams(EMPTY_FILTER).toString()).toBe("");
  });

  it("keeps a search with commas whole", () => {
    const { filter } = parseFilter(new URLSearchParams("q=relapse, remission"));
    expect(filter.q).toBe("relapse, remission");
  });

  it("counts the reference weight as a dose setting, not as a selection", () => {
    const { filter } = parseFilter(new URLSearchParams("weight=80"));
    expect(isEmptyFilter(filter)).toBe(true);
    expect(isEmptyFilter(parseFilter(new URLSearchParams("estimated=exclude")).filter)).toBe(false);
    expect(filterToParams(filter).toString()).toBe("weight=80");
  });

  it("drops what it cannot understand, keeps the rest, and names the URL parameters it dropped", () => {
    const { filter, ignored } = parseFilter(
      new URLSearchParams("disease=RA&donor=martian&doseMin=abc&weight=-3&category=not-a-uuid"),
    );
    expect(filter.diseases).toEqual(["RA"]);
    expect(filter.donors).toEqual([]);
    expect(filter.doseMin).toBeUndefined();
    expect(ignored.sort()).toEqual(["category", "donor", "doseMin", "weight"]);
    expect(filter.referenceWeightKg).toBe(70);
  });

  it("refuses a dose range that runs backwards", () => {
    const { filter, ignored } = parseFilter(new URLSearchParams("doseMin=5e6&doseMax=1e6"));
    expect(ignored).toEqual(["doseMax"]);
    expect(filter.doseMin).toBe(5e6);
  });

  it("describes the filter in words", () => {
    const { filter } = parseFilter(new URLSearchParams("disease=SLE&source=UC&doseMin=1e6&registered=no"));
    expect(describeFilter(filter)).toEqual([
      "disease: SLE",
      "cell source: Umbilical cord",
      "dose 1 × 10⁶ to any cells/kg (totals at 70 kg)",
      "not registered",
    ]);
  });

  it("says the reference weight when it changes the numbers", () => {
    expect(describeFilter(parseFilter(new URLSearchParams("weight=60")).filter)).toEqual([
      "reference weight 60 kg",
    ]);
    expect(describeFilter(parseFilter(new URLSearchParams("weight=60&doseMin=1e6")).filter)).toEqual([
      "dose 1 × 10⁶ to any cells/kg (totals at 60 kg)",
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

describe("filter values the database could not take", () => {
  it.each([
    ["nMin=2147483648", "nMin"],
    ["nMax=99999999999", "nMax"],
    ["q=a%00b", "q"],
    ["disease=SLE%00", "disease"],
    ["route=I.V%01", "route"],
    ["co=IFN%00", "co"],
    ["doseMin=1e400", "doseMin"],
    ["doseMax=Infinity", "doseMax"],
    ["weight=NaN", "weight"],
  ])("%s is dropped and named", (query, param) => {
    const { filter, ignored } = parseFilter(new URLSearchParams(query));
    expect(ignored).toEqual([param]);
    expect(filterToParams(filter).toString()).toBe("");
  });

  it("keeps the largest values the database can take", () => {
    const { filter, ignored } = parseFilter(new URLSearchParams("nMin=0&nMax=2147483647&doseMax=1e15"));
    expect(ignored).toEqual([]);
    expect([filter.enrollmentMin, filter.enrollmentMax, filter.doseMax]).toEqual([0, 2147483647, 1e15]);
  });
});
