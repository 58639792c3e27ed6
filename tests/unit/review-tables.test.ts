// Other real review tables of MSC trials, with other columns, read through the same code
// (sources in tests/fixtures/README.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allProblems, detectFormat, readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { nonMscCells } from "../../lib/domain/import/product";

const fixture = (name: string) => readFileSync(path.join(process.cwd(), "tests/fixtures", name), "utf8");
const formOf = (a: ReturnType<typeof readEvidenceTable>["studies"][number]["arms"][number]) =>
  a.dose?.form ?? (a.refusal && a.refusal !== "no_dose" ? "unreadable" : "unknown");
const arms = (t: ReturnType<typeof readEvidenceTable>) =>
  t.studies.map((s) => s.arms.map((a) => [a.n, formOf(a), a.dose?.basis ?? "unknown", a.dose?.low ?? null]));

describe("PMC8242476 Table 1 (ARDS, Markdown pipe table, no Disease column)", () => {
  const table = readEvidenceTable(fixture("pmc8242476-table1-ards.md"), undefined, { disease: "ARDS" });

  it("maps its headers and says which columns it leaves out", () => {
    expect(table.format).toBe("md");
    expect(table.caption).toMatch(/^TABLE 1\. Clinical trials of mesenchymal stromal cells/);
    expect(table.columns).toEqual({
      registry: "Clinical trial ID",
      reference: "study",
      phase: "Phase",
      source: "MSC type",
      dose: "Dose",
      frequency: "Frequency",
      route: "Route",
      enrollment: "Patients Enrolled",
    });
    expect(table.ignoredColumns).toEqual(["Name of clinical trial", "Follow up"]);
  });

  it("reads the first author from the study column, the phase, and how often each dose was given", () => {
    expect(table.studies.map((s) => [s.citation.firstAuthor, s.phase])).toEqual([
      ["Zheng", "Phase 1"],
      ["Wilson", "Phase 1"],
      ["Matthay", "Phase2a"],
      ["Bellinga", "Phase 1/2"],
      ["Chen", "Phase 1/2"],
    ]);
    expect(table.studies.map((s) => s.arms.map((a) => a.dose?.administrations?.count))).toEqual([
      [1],
      [1, 1, 1],
      [1],
      [1, 1],
      [4],
    ]);
  });

  it("reads 5 ARDS trials with their products, arms and registry ids", () => {
    expect(
      table.studies.map((s) => [s.diseaseCode, s.registry?.id, s.products[0]?.tissue, s.enrollment]),
    ).toEqual([
      ["ARDS", "NCT01902082", "AD", 20],
      ["ARDS", "NCT01775774", "BM", 9],
      ["ARDS", "NCT02097641", "BM", 60],
      ["ARDS", "NCT02611609", "BM", 30],
      ["ARDS", "NCT02095444", "MB", 20],
    ]);
    expect(arms(table)).toEqual([
      [[null, "single", "per_kg", 1e6]],
      [
        [3, "single", "per_kg", 1e6],
        [3, "single", "per_kg", 5e6],
        [3, "single", "per_kg", 1e7],
      ],
      [[null, "single", "per_kg", 1e7]],
      [
        [null, "single", "total", 3e8],
        [null, "single", "total", 9e8],
      ],
      [[20, "range", "per_kg", 1e7]],
    ]);
  });

  it("warns where the enrollment's groups do not match the doses, naming the line", () => {
    expect(allProblems(table).map((p) => [p.line, p.field, p.severity])).toEqual([
      [5, "enrollment", "warning"],
      [7, "enrollment", "warning"],
      [8, "enrollment", "warning"],
    ]);
  });

  it("without a disease for the table, refuses with a clear message on the header line", () => {
    const bare = readEvidenceTable(fixture("pmc8242476-table1-ards.md"));
    expect(bare.studies).toEqual([]);
    expect(bare.problems).toEqual([
      expect.objectContaining({
        line: 3,
        severity: "error",
        message: expect.stringMatching(/no Disease \(Condition, Indication\) column/),
      }),
    ]);
  });
});

describe("PMC8907937 Table 1 (ARDS, CSV with a footnote row)", () => {
  const table = readEvidenceTable(fixture("pmc8907937-table1-ards.csv"), undefined, { disease: "ARDS" });

  it("is detected as CSV, maps other header names, and reads the footnote's abbreviations", () => {
    expect(detectFormat(fixture("pmc8907937-table1-ards.csv"))).toBe("csv");
    expect(table.columns).toMatchObject({
      registry: "Trial ID",
      source: "Sources of MSCs",
      enrollment: "Numbers of patients",
      dose: "Doses and administration routes",
      reference: "Refs.",
    });
    expect(table.abbreviations).toMatchObject({
      "UC-MSCs": "umbilical cord-derived MSCs",
      IV: "intravenous injection",
    });
    expect(table.studies).toHaveLength(6);
  });

  it("reads doses written in sentences and lists joined by 'or'", () => {
    expect(arms(table)).toEqual([
      [[12, "single", "per_kg", 1e6]],
      [[2, "single", "per_kg", 2e6]],
      [
        [null, "single", "per_kg", 1e6],
        [null, "single", "per_kg", 5e6],
        [null, "single", "per_kg", 1e7],
      ],
      [
        [null, "single", "per_kg", 1e6],
        [null, "single", "per_kg", 5e6],
        [null, "single", "per_kg", 1e7],
      ],
      [[60, "single", "per_kg", 1e7]],
      [
        [null, "single", "total", 1e8],
        [null, "single", "total", 2e8],
        [null, "single", "total", 4e8],
      ],
    ]);
    expect(table.studies.map((s) => s.registry?.id ?? null)).toEqual([
      "NCT01902082",
      null,
      null,
      "NCT01775774",
      "NCT02097641",
      "NCT03042143",
    ]);
    expect(table.studies[5]!.outcome).toBe(
      "Well tolerated. Adverse events included apyrexia, non-sustained ventricular tachycardia, and deranged liver function.",
    );
  });

  it("says what it assumed of a dose with no unit", () => {
    expect(table.studies[5]!.arms[0]!.assumptions).toEqual([
      "no unit: a count of cells is read as cells per person (total)",
    ]);
    // The one column left out ("Numbers") is named with the names a route column could have.
    expect(allProblems(table)).toEqual([
      expect.objectContaining({
        line: 2,
        severity: "warning",
        message: expect.stringMatching(/"Numbers".*route \(route/),
      }),
    ]);
  });
});

describe("PMC8375136 Table 2 (IBD, CSV with author; year and times of treatment)", () => {
  // Stem Cell Res Ther 2021;12:463, Table 2 "Characteristics of clinical trials": every row is an
  // IBD trial, so the disease is given on import. Expected values written from the printed table.
  const table = readEvidenceTable(fixture("pmc8375136-table2-ibd.csv"), undefined, { disease: "IBD" });
  const byAuthor = (name: string) => table.studies.find((s) => s.citation.firstAuthor === name)!;

  it("maps its headers, including the author; year and times-of-treatment columns", () => {
    expect(table.format).toBe("csv");
    expect(table.columns).toEqual({
      author: "First author; year",
      enrollment: "Number of experimental group",
      source: "Type and source of stem cells",
      route: "Way of stem cells administrated",
      dose: "Doses of stem cells",
      frequency: "Times of treatment",
    });
    expect(table.ignoredColumns).toContain("MINORS");
    expect(allProblems(table).filter((p) => p.severity === "error")).toEqual([]);
  });

  it("reads each citation and keeps the review's reference number apart", () => {
    expect(table.studies.map((s) => [s.citation.firstAuthor, s.citation.year, s.reference])).toEqual([
      ["Liang", 2012, "[44]"],
      ["Hasselblatt", 2012, "[45]"],
      ["Dhere", 2016, "[46]"],
      ["Duijvestein", 2010, "[47]"],
      ["Lopez-Garcia", 2017, "[48]"],
      ["Burt", 2010, "[49]"],
      ["Zhang", 2018, "[50]"],
      ["Melmed", 2015, "[51]"],
      ["Jauregui-Amezaga", 2015, "[52]"],
      ["Forbes", 2014, "[53]"],
      ["Hawkey", 2015, "[54]"],
    ]);
  });

  it("reads how often each dose was given from its own column", () => {
    const given = (name: string) => byAuthor(name).arms.map((a) => a.dose?.administrations?.count ?? null);
    expect(given("Liang")).toEqual([1]);
    expect(given("Dhere")).toEqual([1, 1, 1]);
    expect(given("Duijvestein")).toEqual([2]);
    expect(given("Zhang")).toEqual([4]);
    expect(given("Melmed")).toEqual([2, 2, 2]);
    expect(given("Forbes")).toEqual([4]);
  });

  it("reads dose lists, ranges and unitless counts as an expert would", () => {
    expect(byAuthor("Dhere").arms.map((a) => [a.n, a.dose?.basis, a.dose?.low])).toEqual([
      [null, "per_kg", 2e6],
      [null, "per_kg", 5e6],
      [null, "per_kg", 1e7],
    ]);
    expect(byAuthor("Duijvestein").arms.map((a) => [a.n, a.dose?.form, a.dose?.low, a.dose?.high])).toEqual([
      [7, "range", 1e6, 2e6],
    ]);
    // "1.5 × 108, 6 × 108, 12 × 108" with no unit: three arms of total cells.
    expect(byAuthor("Melmed").arms.map((a) => [a.dose?.basis, a.dose?.low])).toEqual([
      ["total", 1.5e8],
      ["total", 6e8],
      ["total", 1.2e9],
    ]);
  });

  it("keeps the HSC transplant rows as studies with other cells, never as MSC doses", () => {
    const hsc = table.studies.filter((s) => s.products[0]?.rawText === "Autologous HSC");
    expect(hsc.map((s) => s.citation.firstAuthor)).toEqual([
      "Hasselblatt",
      "Lopez-Garcia",
      "Burt",
      "Jauregui-Amezaga",
      "Hawkey",
    ]);
    for (const s of hsc) {
      expect(s.arms).toEqual([]);
      expect(s.coAdministered.map((c) => c.name)).toEqual(["HSC"]);
      expect(s.problems.map((p) => [p.field, p.severity])).toContainEqual(["source", "warning"]);
    }
    expect(byAuthor("Hasselblatt").coAdministered[0]!.dose?.low).toBe(5.78e6);
    // 6 MSC studies with 1 + 3 + 1 + 1 + 3 + 1 arms.
    expect(table.studies.reduce((n, s) => n + s.arms.length, 0)).toBe(10);
  });
});

describe("the same study as CSV, TSV and pipe table", () => {
  const rows = [
    ["Disease", "Route", "Source", "Enrollment", "Dose", "Outcome", "NCT number", "Reference"],
    [
      "RA",
      "I.V",
      "Allogeneic AD-MSC",
      "46",
      "1, 2, 4 × 106/kg",
      "Clinical efficacy, safe",
      "NCT01663116",
      "[46]",
    ],
  ];
  const csv = rows.map((r) => r.map((c) => (c.includes(",") ? `"${c}"` : c)).join(",")).join("\r\n");
  const tsv = rows.map((r) => r.join("\t")).join("\n");
  const md = rows
    .map((r) => `| ${r.join(" | ")} |`)
    .join("\n")
    .replace("\n", "\n|---|---|---|---|---|---|---|---|\n");

  it.each([
    ["csv", csv],
    ["tsv", tsv],
    ["md", md],
  ])("%s", (format, text) => {
    expect(detectFormat(text)).toBe(format);
    const t = readEvidenceTable(text);
    expect(t.problems).toEqual([]);
    const s = t.studies[0]!;
    expect([
      s.diseaseCode,
      s.routes,
      s.products[0]!.donor,
      s.products[0]!.tissue,
      s.enrollment,
      s.outcome,
      s.registry?.id,
      s.reference,
    ]).toEqual(["RA", ["I.V"], "allogeneic", "AD", 46, "Clinical efficacy, safe", "NCT01663116", "[46]"]);
    expect(s.arms.map((a) => a.dose?.low)).toEqual([1e6, 2e6, 4e6]);
  });
});

describe("cells that are not MSCs", () => {
  it.each([
    ["Autologous HSC", "HSC"],
    ["BM-MNC", "BM-MNC"],
    ["autologous PBMCs", "PBMCs"],
    ["Allogeneic MSC", null],
    ["Autologous BM-MSC", null],
    ["IS-AD-MSC + autologous BM-HSC", null],
    ["PDA-001", null],
    ["hUC-MSC with IFN-γ", null],
  ])("%s → %s", (product, cells) => {
    expect(nonMscCells(product)).toBe(cells);
  });
});
