// The chart options in the URL and the pure helpers the dose charts are drawn with.
import { describe, expect, it } from "vitest";
import {
  chartOptionsToParams,
  DEFAULT_CHART_OPTIONS,
  parseChartOptions,
} from "../../lib/domain/chart-options";
import {
  chartCsv,
  colourKeyOf,
  colourKeys,
  jitter,
  logTicks,
  NOT_TAGGED,
  OTHER_COLOUR,
  PALETTE,
  summariseDoseChart,
  type ArmLike,
} from "../../lib/domain/dose-chart";

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

  it("keep the colours the team gave its outcome categories, and grey for untagged", () => {
    const keys = colourKeys(
      [arm({ category: "Safety", categoryColour: "#123456" }), arm({ category: null })],
      "category",
    );
    expect(keys.map((k) => [k.label, k.colour])).toEqual([
      ["Not tagged", OTHER_COLOUR],
      ["Safety", "#123456"],
    ]);
    expect(keys[0]!.value).toBe(NOT_TAGGED);
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
    const csv = chartCsv([
      arm({ reference: "=HYPERLINK(1)", product: 'WJ-MSC, "batch 2"' }),
      arm({ armId: "b", basis: "per_joint", value: 4e7, doseText: "40 × 10^6 per joint" }),
    ]);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^study_id,arm_id,disease,/);
    expect(lines[1]).toContain(",'=HYPERLINK(1),");
    expect(lines[1]).toContain('"WJ-MSC, ""batch 2"""');
    expect(lines[1]).toContain(",1000000,cells/kg,false");
    expect(lines[2]).toContain(",per_joint,40000000,cells/joint,false");
  });

  it("says what is drawn, what is sampled and what is left apart", () => {
    const text = summariseDoseChart({
      convertible: 5000,
      drawn: 1000,
      estimated: 1200,
      excludedEstimated: 0,
      perJoint: 3,
      perMl: 2,
      unknown: 7,
      groups: [
        { key: "MS", arms: 10, median: 1e6, q1: 5e5, q3: 2e6 },
        { key: "RA", arms: 20, median: 2e6, q1: 1e6, q3: 3e6 },
      ],
      groupBy: "disease",
      weightKg: 70,
      groupLabel: (k) => k,
    });
    expect(text).toContain(
      "5000 arms with a dose in cells/kg, of which an even random sample of 1000 is drawn",
    );
    expect(text).toContain("1200 of them estimated from total cells at 70 kg");
    expect(text).toContain("from 1 × 10⁶ cells/kg (MS, 10 arms) to 2 × 10⁶ cells/kg (RA, 20 arms)");
    expect(text).toContain("3 arms dosed per joint and 2 per ml are shown apart");
    expect(text).toContain("7 arms have no dose that can be read");
  });
});
