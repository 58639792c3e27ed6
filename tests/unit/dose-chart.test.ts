// The chart options in the URL and the pure helpers the dose charts are drawn with.
import { describe, expect, it } from "vitest";
import {
  chartOptionsToParams,
  DEFAULT_CHART_OPTIONS,
  parseChartOptions,
} from "../../lib/domain/charts/options";
import {
  chartCsv,
  colourKeyOf,
  doseSpread,
  whiskerOf,
  colourKeys,
  jitter,
  logTicks,
  NOT_TAGGED,
  NOT_TAGGED_COLOUR,
  OTHER_COLOUR,
  PALETTE,
  pointSizeOf,
  scatterMissingNote,
  scatterX,
  summariseDoseChart,
  type ArmLike,
} from "../../lib/domain/charts/dose-chart";

const arm = (over: Partial<ArmLike>): ArmLike => ({
  armId: "a",
  studyId: "s",
  disease: "SLE",
  tissue: "BM",
  donor: "allogeneic",
  route: "I.V",
  category: null,
  categoryColour: null,
  reference: "[1]",
  registryId: null,
  n: 10,
  enrollment: 10,
  year: 2020,
  product: "BM-MSC",
  doseText: "1 × 10^6/kg",
  basis: "per_kg",
  value: 1e6,
  estimated: false,
  ...over,
});

describe("chart options in the URL", () => {
  it("default to dose by disease, coloured by cell source, and print nothing for the defaults", () => {
    expect(parseChartOptions({})).toEqual({ options: DEFAULT_CHART_OPTIONS, ignored: [] });
    expect(DEFAULT_CHART_OPTIONS).toEqual({
      view: "groups",
      groupBy: "disease",
      colourBy: "tissue",
      x: "enrollment",
    });
    expect(chartOptionsToParams(DEFAULT_CHART_OPTIONS)).toEqual({});
  });

  it("round-trip through URL parameters", () => {
    const params = new URLSearchParams("view=scatter&group=route&colour=category&x=year");
    const { options } = parseChartOptions(params);
    expect(options).toEqual({ view: "scatter", groupBy: "route", colourBy: "category", x: "year" });
    expect(parseChartOptions(chartOptionsToParams(options)).options).toEqual(options);
  });

  it("report values they do not know and keep the rest", () => {
    const { options, ignored } = parseChartOptions({ view: "pie", group: "tissue", colour: ["<script>"] });
    expect(options.view).toBe("groups");
    expect(options.groupBy).toBe("tissue");
    expect(options.colourBy).toBe("tissue");
    expect(ignored).toEqual(["view", "colour"]);
  });
});

describe("colour keys", () => {
  it("give the palette to the most frequent values and one grey to the rest", () => {
    const diseases = ["A", "A", "A", "B", "B", "C", "D", "E", "F", "G", "H", "I"];
    const arms = diseases.map((d, i) => arm({ armId: String(i), disease: d }));
    const keys = colourKeys(arms, "disease");
    expect(keys.slice(0, 2).map((k) => [k.value, k.arms, k.colour])).toEqual([
      ["A", 3, PALETTE[0]],
      ["B", 2, PALETTE[1]],
    ]);
    expect(keys).toHaveLength(PALETTE.length + 1);
    const other = keys[keys.length - 1]!;
    expect(other.colour).toBe(OTHER_COLOUR);
    expect(other.arms).toBe(diseases.length - keys.slice(0, -1).reduce((n, k) => n + k.arms, 0));
    expect(colourKeyOf(arm({ disease: "I" }), "disease", keys)).toBe(other);
    expect(new Set(keys.map((k) => k.colour)).size).toBe(keys.length);
  });

  it("put a value they were not made from under Other, never under another value's colour", () => {
    const keys = colourKeys([arm({ disease: "SLE" }), arm({ disease: "RA" })], "disease");
    expect(keys.map((k) => k.value)).toEqual(["RA", "SLE"]);
    const stray = colourKeyOf(arm({ disease: "MS" }), "disease", keys);
    expect(stray.colour).toBe(OTHER_COLOUR);
    expect(stray.label).toBe("Other");
    expect(keys.map((k) => k.colour)).not.toContain(OTHER_COLOUR);
  });

  it("keep the colours the team gave its outcome categories, and grey for untagged", () => {
    const keys = colourKeys(
      [arm({ category: "Safety", categoryColour: "#123456" }), arm({ category: null })],
      "category",
    );
    expect(keys.map((k) => [k.label, k.colour])).toEqual([
      ["Not tagged", NOT_TAGGED_COLOUR],
      ["Safety", "#123456"],
    ]);
    expect(keys[0]!.value).toBe(NOT_TAGGED);
    expect(NOT_TAGGED_COLOUR).not.toBe(OTHER_COLOUR);
  });

  it("name cell sources and donors in words", () => {
    expect(colourKeys([arm({ tissue: "UC" })], "tissue")[0]!.label).toBe("Umbilical cord");
    expect(colourKeys([arm({ donor: "autologous" })], "donor")[0]!.label).toBe("Autologous");
  });
});

describe("axes and jitter", () => {
  it("log ticks cover the values with powers of ten", () => {
    expect(logTicks(3.5e4, 1e8)).toEqual([1e4, 1e5, 1e6, 1e7, 1e8]);
    expect(logTicks(1e6, 1e6)).toEqual([1e6, 1e7]);
    expect(logTicks(0, 5)).toEqual([1e5, 1e6, 1e7]);
  });

  it("jitter is stable per id and stays inside its band", () => {
    const ids = Array.from({ length: 500 }, (_, i) => `arm-${i}`);
    const xs = ids.map((id) => jitter(id));
    expect(xs.every((x) => x >= -0.3 && x <= 0.3)).toBe(true);
    expect(ids.map((id) => jitter(id))).toEqual(xs);
    // Spread evenly: each sixth of the band holds about a sixth of the points.
    const bins = [0, 0, 0, 0, 0, 0];
    for (const x of xs) bins[Math.min(5, Math.floor((x + 0.3) / 0.1))]! += 1;
    for (const n of bins) expect(n).toBeGreaterThan(55);
  });
});

describe("chart CSV and summary", () => {
  it("writes one row per arm, with units and formula cells defused", () => {
    const csv = chartCsv(
      [
        arm({ reference: "=HYPERLINK(1)", product: 'WJ-MSC, "batch 2"', n: null, enrollment: 24 }),
        arm({ armId: "b", basis: "per_joint", value: 4e7, doseText: "40 × 10^6 per joint" }),
        arm({ armId: "c", basis: "total", value: 1e8 / 60, doseText: "1 × 10^8 cells", estimated: true }),
        arm({
          armId: "d",
          value: 1.5e6,
          doseText: "1–2 × 10^6/kg",
          spread: { kind: "range", low: 1e6, high: 2e6 },
        }),
        arm({ armId: "e", doseText: "≥ 1 × 10^6/kg", atLeast: true }),
      ],
      60,
    );
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /^study_id,arm_id,disease,.*,n,enrollment,.*,estimated,reference_weight_kg,spread,spread_low,spread_high,lower_bound,dose_scale,administrations,schedule,citation,co_administered$/,
    );
    expect(lines[1]).toContain(",'=HYPERLINK(1),");
    expect(lines[1]).toContain('"WJ-MSC, ""batch 2"""');
    // The arm gives no count of its own: n stays empty, the study's enrollment is beside it.
    expect(lines[1]).toContain(",,24,2020,");
    expect(lines[1]).toMatch(/,1000000,cells\/kg,false,,,,,false,per_administration,,,,$/);
    expect(lines[2]).toMatch(/,per_joint,40000000,cells\/joint,false,,,,,false,per_administration,,,,$/);
    expect(lines[3]).toMatch(/,total,1666666\.6666666667,cells\/kg,true,60,,,,false,per_administration,,,,$/);
    expect(lines[4]).toMatch(/,1500000,cells\/kg,false,,range,1000000,2000000,false,per_administration,,,,$/);
    expect(lines[5]).toMatch(/,1000000,cells\/kg,false,,,,,true,per_administration,,,,$/);
  });

  it("writes the scale, how often, the citation and co-administered cells of each arm", () => {
    const csv = chartCsv(
      [
        arm({
          value: 4e6,
          administrations: 4,
          schedule: "weekly ×4",
          citation: "Forbes 2014 [53]",
          coAdministered: ["BM-MNC 1 × 10^8 cells", "PRP"],
        }),
      ],
      70,
      "cumulative",
    );
    expect(csv.trimEnd().split("\r\n")[1]).toMatch(
      /,4000000,cells\/kg,false,,,,,false,cumulative,4,weekly ×4,Forbes 2014 \[53\],BM-MNC 1 × 10\^8 cells; PRP$/,
    );
  });

  /** The summary of a chart with a few arms and two groups, changed by `over`. */
  const summary = (over: Partial<Parameters<typeof summariseDoseChart>[0]>) =>
    summariseDoseChart({
      convertible: 2,
      drawn: 2,
      estimated: 0,
      excludedEstimated: 0,
      perJoint: 0,
      perMl: 0,
      unknown: 0,
      groups: [
        { key: "MS", arms: 10, median: 1e6, q1: 5e5, q3: 2e6 },
        { key: "RA", arms: 20, median: 2e6, q1: 1e6, q3: 3e6 },
      ],
      groupBy: "disease",
      weightKg: 70,
      groupLabel: (k) => k,
      ...over,
    });

  it("says what is drawn, what is sampled and what is left apart", () => {
    const text = summary({
      convertible: 5000,
      drawn: 1000,
      estimated: 1200,
      perJoint: 3,
      perMl: 2,
      unknown: 7,
    });
    expect(text).toContain(
      "5000 arms with a dose in cells/kg, of which an even random sample of 1000 is drawn",
    );
    expect(text).toContain("1200 of them estimated from total cells at 70 kg");
    expect(text).toContain("from 1 × 10⁶ cells/kg (MS, 10 arms) to 2 × 10⁶ cells/kg (RA, 20 arms)");
    expect(text).toContain("3 arms dosed per joint and 2 per ml are shown apart");
    expect(text).toContain("7 arms have no dose that can be read");
  });

  it("says when doses are cumulative and how many arms give no number of administrations", () => {
    const text = summary({ scale: "cumulative", withoutCount: 5 });
    expect(text).toContain("2 arms with a cumulative dose in cells/kg");
    expect(text).toContain("Median cumulative doses by disease run from 1 × 10⁶ cells/kg");
    expect(text).toContain("5 arms with a dose but no stated number of administrations are left out.");
    expect(summary({ withoutCount: 5 })).not.toContain("administrations");
    expect(summary({ scale: "cumulative", convertible: 0, withoutCount: 1 })).toContain(
      "No arm of these studies has a cumulative dose in cells/kg. 1 arm with a dose but no stated number of administrations is left out.",
    );
  });

  it("names the grouping in words", () => {
    expect(summary({ groupBy: "tissue" })).toContain("Median doses by cell source run from");
  });

  it("speaks of one arm in the singular", () => {
    const text = summary({
      convertible: 1,
      drawn: 1,
      excludedEstimated: 1,
      perJoint: 1,
      unknown: 1,
      groups: [
        { key: "SS", arms: 1, median: 1e6, q1: 1e6, q3: 1e6 },
        { key: "RA", arms: 3, median: 2e6, q1: 1e6, q3: 3e6 },
      ],
    });
    expect(text).toContain("1 arm with a dose in cells/kg;");
    expect(text).toContain("(SS, 1 arm) to 2 × 10⁶ cells/kg (RA, 3 arms)");
    expect(text).toContain("1 estimated dose is left out by the filter.");
    expect(text).toContain("1 arm dosed per joint and 0 per ml is shown apart");
    expect(text).toContain("1 arm has no dose that can be read.");
    expect(text).not.toMatch(/\b1 arms\b/);
  });
});

describe("scatter and point size", () => {
  it("leave out arms whose study gives no x value, and say how many", () => {
    const arms = [
      arm({ armId: "1", enrollment: 12, year: 2019 }),
      arm({ armId: "2", enrollment: null, year: null }),
      arm({ armId: "3", enrollment: 0, year: 2021 }),
    ];
    expect(arms.map((a) => scatterX(a, "enrollment"))).toEqual([12, null, null]);
    expect(scatterMissingNote(arms, "enrollment")).toBe(
      "2 arms not drawn: the study does not give an enrollment.",
    );
    expect(scatterMissingNote(arms, "year")).toBe(
      "1 arm not drawn: the study does not give a publication year.",
    );
    expect(scatterMissingNote(arms.slice(0, 1), "year")).toBeNull();
    expect(scatterMissingNote(arms, "category")).toBeNull();
  });

  it("size a point by the arm's patients, else the study's", () => {
    expect(pointSizeOf(arm({ n: 8, enrollment: 40 }))).toBe(8);
    expect(pointSizeOf(arm({ n: null, enrollment: 40 }))).toBe(40);
    expect(pointSizeOf(arm({ n: null, enrollment: null }))).toBeNull();
  });
});

describe("dose spread", () => {
  const perKg = (v: number) => v;
  const at70 = (v: number) => v / 70;
  it("is a range's ends, or mean ± SD, in the unit the point is drawn in", () => {
    expect(doseSpread({ low: 1e6, high: 2e6, mid: 1.5e6, sd: null }, perKg)).toEqual({
      kind: "range",
      low: 1e6,
      high: 2e6,
    });
    expect(doseSpread({ low: 7e7, high: 7e7, mid: 7e7, sd: 1.4e7 }, at70)).toEqual({
      kind: "sd",
      low: 8e5,
      high: 1.2e6,
    });
  });

  it("is none for one value, a lower bound, or an SD that reaches below zero", () => {
    expect(doseSpread({ low: 1e6, high: 1e6, mid: 1e6, sd: null }, perKg)).toBeNull();
    expect(doseSpread({ low: 1e6, high: null, mid: 1e6, sd: null }, perKg)).toBeNull();
    expect(doseSpread({ low: 2.6e7, high: 2.6e7, mid: 2.6e7, sd: 2.6e7 }, perKg)).toBeNull();
    expect(doseSpread({ low: 2.6e7, high: 2.6e7, mid: 2.6e7, sd: 0 }, perKg)).toBeNull();
  });

  it("becomes a whisker as distances below and above the drawn value", () => {
    expect(whiskerOf({ value: 1.5e6, spread: { kind: "range", low: 1e6, high: 2e6 } })).toEqual([5e5, 5e5]);
    expect(whiskerOf({ value: 3e6, spread: { kind: "range", low: 1e6, high: 5e6 } })).toEqual([2e6, 2e6]);
    expect(whiskerOf({ value: 1e6 })).toBeUndefined();
  });
});
