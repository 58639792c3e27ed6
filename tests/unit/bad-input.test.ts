// Bad input gets a clear message that names the line, and reads nothing it should not.
import { describe, expect, it } from "vitest";
import { allProblems, readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { decodeTableBytes, MAX_TABLE_BYTES } from "../../lib/domain/import/table-text";

const bytes = (s: string) => new TextEncoder().encode(s);
const HEADER = "Disease,Route,Source,Enrollment,Dose,Outcome,NCT number,Reference\n";

describe("decoding a file", () => {
  it("refuses an empty file and one of blank lines", () => {
    expect(decodeTableBytes(new Uint8Array())).toMatchObject({
      text: null,
      problems: [{ message: "The file is empty.", severity: "error" }],
    });
    expect(decodeTableBytes(bytes("\n\n  \n")).problems[0]!.message).toMatch(/no text/);
  });

  it("refuses a 50 MB file, saying its size and the limit", () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const res = decodeTableBytes(big);
    expect(res.text).toBeNull();
    expect(res.problems[0]!.message).toBe(
      `The file is 50.0 MB; the largest table this importer reads is ${(MAX_TABLE_BYTES / 1024 / 1024).toFixed(1)} MB. Split it into parts.`,
    );
  });

  it("refuses binary files and names spreadsheets and PDFs", () => {
    expect(decodeTableBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).problems[0]!.message).toMatch(
      /Excel \.xlsx/,
    );
    expect(decodeTableBytes(bytes("%PDF-1.7 ...")).problems[0]!.message).toMatch(/PDF/);
    const binary = new Uint8Array(4096).map((_, i) => (i % 3 === 0 ? 0 : i % 256));
    expect(decodeTableBytes(binary).problems[0]!.message).toMatch(/binary file/);
  });

  it("strips a UTF-8 BOM and CRLF line ends", () => {
    const res = decodeTableBytes(
      bytes("\uFEFF" + HEADER.replace("\n", "\r\n") + "RA,I.V,BM-MSC,9,1 × 106/kg,ok,NCT03333681,[45]\r\n"),
    );
    expect(res.problems).toEqual([]);
    expect(res.text!.startsWith("Disease,")).toBe(true);
    expect(res.text).not.toContain("\r");
    expect(readEvidenceTable(res.text!).studies[0]!.arms[0]!.dose?.low).toBe(1e6);
  });

  it("reads Windows-1252 with a warning that names the first bad line", () => {
    // "×" is 0xD7 and "±" is 0xB1 in Windows-1252.
    const text = HEADER + "RA,I.V,BM-MSC,9,1 \xd7 106/kg,ok,NCT03333681,[45]\n";
    const cp1252 = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const res = decodeTableBytes(cp1252);
    expect(res.encoding).toBe("windows-1252");
    expect(res.problems).toEqual([
      expect.objectContaining({
        line: 2,
        severity: "warning",
        message: expect.stringMatching(/not valid UTF-8/),
      }),
    ]);
    expect(readEvidenceTable(res.text!).studies[0]!.arms[0]!.dose?.low).toBe(1e6);
  });

  it("reads UTF-16 exported by spreadsheets", () => {
    const text = HEADER + "RA,I.V,BM-MSC,9,1 × 106/kg,ok,NCT03333681,[45]\n";
    const u16 = new Uint8Array(2 + text.length * 2);
    u16[0] = 0xff;
    u16[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      u16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      u16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const res = decodeTableBytes(u16);
    expect(res.encoding).toBe("utf-16le");
    expect(readEvidenceTable(res.text!).studies).toHaveLength(1);
  });

  it("removes NUL bytes and names their lines", () => {
    const res = decodeTableBytes(bytes(HEADER + "RA,I.V,BM-MSC,9,1 × 106/kg,ok\u0000,NCT03333681,[45]\n"));
    expect(res.problems).toEqual([
      expect.objectContaining({ line: 2, severity: "warning", message: "NUL bytes removed from line 2." }),
    ]);
    expect(res.text).not.toContain("\u0000");
  });
});

describe("reading a table", () => {
  it("names an unmappable header and its cells", () => {
    const t = readEvidenceTable("Foo,Bar,Baz\n1,2,3\n", "csv");
    expect(t.studies).toEqual([]);
    expect(t.problems).toEqual([
      expect.objectContaining({
        line: 1,
        severity: "error",
        message: expect.stringContaining('Cannot map the header row ("Foo", "Bar", "Baz")'),
      }),
    ]);
  });

  it("refuses a row with too few fields, naming the line and the missing columns", () => {
    const t = readEvidenceTable(
      HEADER + "RA,I.V,BM-MSC,9,1 × 106/kg,ok,NCT03333681,[45]\nMS,I.T,BM-MSC\n",
      "csv",
    );
    expect(t.studies).toHaveLength(1);
    expect(allProblems(t)).toEqual([
      expect.objectContaining({
        line: 3,
        severity: "error",
        message:
          "Row has 3 fields; the header has 8. Missing: enrollment, dose, outcome, registry, reference.",
      }),
    ]);
  });

  it("keeps a dose it cannot read as written, with a warning on its line", () => {
    const t = readEvidenceTable(HEADER + "RA,I.V,BM-MSC,9,lots of cells,ok,NCT03333681,[45]\n", "csv");
    expect(t.studies[0]!.arms[0]).toMatchObject({
      doseText: "lots of cells",
      dose: null,
      reason: expect.stringMatching(/no number/),
    });
    expect(allProblems(t)).toEqual([
      expect.objectContaining({ line: 2, field: "dose", severity: "warning" }),
    ]);
  });

  it("says when a seed-format text has no study line", () => {
    const t = readEvidenceTable("just some words\nand more", "seed");
    expect(t.studies).toEqual([]);
    expect(
      t.problems.some(
        (p) => p.severity === "error" && p.message === "No study rows were found in this table.",
      ),
    ).toBe(true);
    expect(t.problems.some((p) => p.line === 1 && /Cannot read this line as a study/.test(p.message))).toBe(
      true,
    );
  });

  it("says when a header has no rows", () => {
    expect(readEvidenceTable(HEADER, "csv").problems).toEqual([
      expect.objectContaining({ message: "The table has a header but no rows." }),
    ]);
  });
});

describe("a list of doses on a seed study line", () => {
  it("leaves arm sizes blank rather than giving every patient to the first dose", () => {
    const t = readEvidenceTable("RA I.V BM-MSC 20 1, 2 × 106/kg Clinical efficacy NCT03333681 [45]", "seed");
    expect(t.studies[0]!.arms.map((a) => [a.n, a.dose?.low])).toEqual([
      [null, 1e6],
      [null, 2e6],
    ]);
    expect(t.studies[0]!.enrollment).toBe(20);
  });
});

describe("cells too large for a study", () => {
  it("refuses a Disease or Route cell over 200 bytes, or more than 50 dose arms, naming line and field", () => {
    const doses = `"${Array.from({ length: 51 }, (_, i) => i + 1).join(", ")} × 10^6/kg"`;
    const text =
      HEADER +
      `${"D".repeat(200)},I.V,BM,10,1 × 10^6/kg,Better,,[ok]\n` + // exactly at the limit
      `${"D".repeat(201)},I.V,BM,10,1 × 10^6/kg,Better,,[long disease]\n` +
      `SLE,${"é".repeat(101)},BM,10,1 × 10^6/kg,Better,,[long route]\n` + // 101 characters, 202 bytes
      `SLE,I.V,BM,10,${doses},Better,,[many arms]\n`;
    const table = readEvidenceTable(text, "csv");
    const errors = allProblems(table).filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.line, p.field])).toEqual([
      [3, "disease"],
      [4, "route"],
      [5, "dose"],
    ]);
    expect(errors[0]!.message).toBe("The Disease cell is too long: 201 characters, at most 200.");
    expect(errors[1]!.message).toBe(
      "The Route cell is too long: 101 characters taking 202 bytes, at most 200 bytes (accented and non-Latin letters take 2 to 4).",
    );
    expect(errors[2]!.message).toBe("The Dose cells list 51 arms; a study may have at most 50.");
    expect(table.studies.find((s) => s.reference === "[ok]")!.problems).toEqual([]);
  });
});

describe("the preview names every value the write would refuse", () => {
  const errorsOf = (rows: string) =>
    allProblems(readEvidenceTable(HEADER + rows, "csv"))
      .filter((p) => p.severity === "error")
      .map((p) => [p.line, p.field, p.message]);

  it("an enrollment beyond a 32-bit integer, or with decimals", () => {
    expect(
      errorsOf(
        "SLE,I.V,BM,2147483648,1 × 10^6/kg,Better,,[big]\nSLE,I.V,BM,12.5,1 × 10^6/kg,Better,,[half]\n",
      ),
    ).toEqual([
      [2, "enrollment", "The enrollment 2147483648 is larger than any trial could be (at most 2147483647)."],
      [3, "enrollment", 'Enrollment "12.5" is not a whole number of patients.'],
    ]);
    expect(errorsOf("SLE,I.V,BM,2147483647,1 × 10^6/kg,Better,,[max]\n")).toEqual([]);
  });

  it("an outcome, reference or citation longer than a correction may be", () => {
    const table = `Disease,Dose,Outcome,Reference,Author,Title,Journal\nSLE,1 × 10^6/kg,${"o".repeat(4001)},${"r".repeat(201)},${"A".repeat(121)} 2019,${"t".repeat(501)},${"j".repeat(201)}\n`;
    const errors = allProblems(readEvidenceTable(table, "csv")).filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.line, p.field])).toEqual([
      [2, "outcome"],
      [2, "reference"],
      [2, "author"],
      [2, "title"],
      [2, "journal"],
    ]);
    expect(errors[0]!.message).toBe("The Outcome cell is too long: 4001 characters, at most 4000.");
  });

  it("a dose too large a number to store", () => {
    expect(errorsOf("SLE,I.V,BM,10,1 × 10^400/kg,Better,,[inf]\n")).toEqual([
      [2, "dose", 'The dose "1 × 10^400/kg" is too large a number to store.'],
    ]);
  });
});

describe("plausibility warnings name line and field, and refuse nothing", () => {
  const warningsOf = (rows: string) =>
    allProblems(readEvidenceTable(HEADER + rows, "csv")).map((p) => [p.line, p.field, p.severity, p.message]);

  it("a per-kg dose outside 10⁴–10⁹ cells/kg and a total outside 10⁵–10¹¹ cells", () => {
    expect(
      warningsOf(
        "SLE,I.V,BM,10,5 × 10^3/kg,Better,,[low]\nSLE,I.V,BM,10,2 × 10^9/kg,Better,,[high]\n" +
          "SLE,I.V,BM,10,5 × 10^4 cells,Better,,[few]\nSLE,I.V,BM,10,2 × 10^11 cells,Better,,[many]\n" +
          "SLE,I.V,BM,10,1 × 10^4/kg,Better,,[edge]\n",
      ),
    ).toEqual([
      [
        2,
        "dose",
        "warning",
        'The dose "5 × 10^3/kg" reads as 5.00e+3 cells/kg, outside the 1e+4–1e+9 that MSC trials give: check the power of ten.',
      ],
      [
        3,
        "dose",
        "warning",
        'The dose "2 × 10^9/kg" reads as 2.00e+9 cells/kg, outside the 1e+4–1e+9 that MSC trials give: check the power of ten.',
      ],
      [
        4,
        "dose",
        "warning",
        'The dose "5 × 10^4 cells" reads as 5.00e+4 cells, outside the 1e+5–1e+11 that MSC trials give: check the power of ten.',
      ],
      [
        5,
        "dose",
        "warning",
        'The dose "2 × 10^11 cells" reads as 2.00e+11 cells, outside the 1e+5–1e+11 that MSC trials give: check the power of ten.',
      ],
    ]);
  });

  it("arms adding up to more than the enrollment, and an arm larger than it", () => {
    expect(warningsOf('SLE,I.V,BM,"10 (6/6)","1, 2 × 10^6/kg",Better,,[sum]\n')).toEqual([
      [2, "enrollment", "warning", "The arms add up to 12 patients, more than the enrollment of 10."],
    ]);
    expect(warningsOf('SLE,I.V,BM,"10 (12/3)","1, 2 × 10^6/kg",Better,,[larger]\n')).toEqual([
      [2, "enrollment", "warning", "The arms add up to 15 patients, more than the enrollment of 10."],
      [2, "enrollment", "warning", "An arm of 12 patients is larger than the enrollment of 10."],
    ]);
    expect(warningsOf('SLE,I.V,BM,"10 (5/5)","1, 2 × 10^6/kg",Better,,[fits]\n')).toEqual([]);
  });
});
