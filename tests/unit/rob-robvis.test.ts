// robvis CSV: writing, reading (robvis's own example layout too), round trips, and problems
// named by line and column.
import { describe, expect, it } from "vitest";
import { readRobvisCsv, RobvisCsvError, writeRobvisCsv, type RobvisRow } from "../../lib/domain/rob/robvis";

const rows: RobvisRow[] = [
  {
    study: "Smith 2019",
    domains: { D1: "low", D2: "some_concerns", D3: "low", D4: "high", D5: "low" },
    overall: "high",
    weight: 33.3,
  },
  {
    study: 'Jones, "B" 2020',
    domains: { D1: "no_information", D2: "low", D3: null, D4: "low", D5: "low" },
    overall: "some_concerns",
    weight: 66.7,
  },
  {
    study: "=formula 2021",
    domains: { D1: "low", D2: "low", D3: "low", D4: "low", D5: "low" },
    overall: "low",
    weight: null,
  },
];

function problems(text: string, tool: "rob2" | "robins-i" = "rob2") {
  try {
    readRobvisCsv(text, tool);
    return [];
  } catch (e) {
    if (e instanceof RobvisCsvError) return e.problems;
    throw e;
  }
}

describe("robvis CSV", () => {
  it("writes robvis's layout and words", () => {
    const text = writeRobvisCsv("rob2", rows);
    expect(text.split("\n")[0]).toBe("Study,D1,D2,D3,D4,D5,Overall,Weight");
    expect(text.split("\n")[1]).toBe("Smith 2019,Low,Some concerns,Low,High,Low,High,33.3");
    expect(text).toContain('"Jones, ""B"" 2020",No information,Low,,Low,Low,Some concerns,66.7');
    expect(text).toContain("'=formula 2021");
    expect(writeRobvisCsv("rob2", rows, { weight: false }).split("\n")[0]).toBe(
      "Study,D1,D2,D3,D4,D5,Overall",
    );
  });

  it("round-trips", () => {
    const back = readRobvisCsv(writeRobvisCsv("rob2", rows), "rob2");
    expect(back).toEqual({ rows, hasOverall: true, hasWeight: true });
    const robins: RobvisRow[] = [
      {
        study: "Cohort 1",
        domains: {
          D1: "serious",
          D2: "moderate",
          D3: "low",
          D4: "critical",
          D5: "no_information",
          D6: "low",
          D7: "moderate",
        },
        overall: "critical",
        weight: null,
      },
    ];
    expect(readRobvisCsv(writeRobvisCsv("robins-i", robins), "robins-i").rows).toEqual(robins);
    const jbi: RobvisRow[] = [
      {
        study: "Case series",
        domains: Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [`D${i + 1}`, i === 8 ? "not_applicable" : "low"]),
        ),
        overall: "low",
        weight: null,
      },
    ];
    expect(readRobvisCsv(writeRobvisCsv("jbi-case-series", jbi), "jbi-case-series").rows).toEqual(jbi);
  });

  it("reads robvis's example data (data_raw/data_rob2.csv) and its loose words", () => {
    const text = [
      "Study,D1,D2,D3,D4,D5,Overall",
      "Study 1,Low,Low,Low,Low,Low,Low",
      "Study 3,No information,Low,Some concerns,Low,Low,Some concerns",
      "Study 4,low risk,Low,HIGH RISK OF BIAS,Low,Some concerns,High",
    ].join("\r\n");
    const t = readRobvisCsv(text, "rob2");
    expect(t.hasOverall).toBe(true);
    expect(t.hasWeight).toBe(false);
    expect(t.rows[2]!.domains).toMatchObject({ D1: "low", D3: "high" });
  });

  it("names bad lines and columns", () => {
    const text = [
      "Study,D1,D2,D3,D4,D5,Overall,Weight",
      "A,Low,Hgh,Low,Low,Low,High,10",
      "B,Low,Low,Low",
      "C,Low,Low,Low,Low,Low,Low,heavy",
      "A,Low,Low,Low,Low,Moderate,Low,5",
    ].join("\n");
    expect(problems(text)).toEqual([
      {
        line: 2,
        column: "3 (D2)",
        message: '"Hgh" is not a robvis ROB2 judgement (use Low, Some concerns, High, No information)',
      },
      { line: 3, column: null, message: "4 cells, but the header has 8" },
      { line: 4, column: "8 (Weight)", message: '"heavy" is not a weight (a number ≥ 0)' },
      { line: 5, column: "1 (Study)", message: '"A" is already on line 2' },
      {
        line: 5,
        column: "6 (D5)",
        message: '"Moderate" is not a robvis ROB2 judgement (use Low, Some concerns, High, No information)',
      },
    ]);
    expect(problems("Study,D1,D2\nA,Low,Low")[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/expected Study, D1–D5/),
    });
    expect(problems("Trial,D1,D2,D3,D4,D5,Overall\n")[0]).toMatchObject({ line: 1, column: "1" });
    expect(problems("")[0]).toMatchObject({ message: "the file is empty" });
  });

  it("refuses to write a judgement robvis's template lacks", () => {
    expect(() =>
      writeRobvisCsv("rob2", [{ study: "X", domains: { D1: "serious" }, overall: null, weight: null }]),
    ).toThrow(/no word for serious/);
  });
});
