// Every study of the seed table (Table 1 of Stem Cell Res Ther 2022;13:101), with its arms and
// doses, written out by hand from the table's text; the reader must produce exactly these.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allProblems, readEvidenceTable } from "../../lib/domain/evidence-table";

const SEED = path.join(process.cwd(), "prisma", "seed", "msc-autoimmune-trials-table1.txt");
const table = readEvidenceTable(readFileSync(SEED, "utf8"));

type Arm = [
  n: number | null,
  form: string,
  basis: string,
  low: number | null,
  high?: number | null,
  product?: number,
];
// [reference, disease, routes, products as tissue/donor/co-interventions, enrollment, arms, registry id]
type Row = [string, string, string[], string[], number, Arm[], string | null];

const kg = (n: number | null, low: number, high = low, product = 0): Arm => [
  n,
  low === high ? "single" : "range",
  "per_kg",
  low,
  high,
  product,
];
const total = (n: number | null, low: number, high = low, product = 0): Arm => [
  n,
  low === high ? "single" : "range",
  "total",
  low,
  high,
  product,
];

const EXPECTED: Row[] = [
  ["[45]", "RA", ["I.V"], ["BM/autologous/"], 9, [kg(9, 1e6)], "NCT03333681"],
  ["[50]", "RA", ["I.V"], ["BM/autologous/"], 13, [kg(13, 1e6)], "NCT03333681"],
  ["[53]", "RA", ["I.V"], ["BM/autologous/"], 13, [kg(13, 1e6)], "NCT03333681"],
  [
    "[98]",
    "RA",
    ["Intra-articular knee"],
    ["BM/autologous/"],
    30,
    [[30, "single", "per_joint", 40e6, 40e6, 0]],
    "NCT01873625",
  ],
  ["[46]", "RA", ["I.V"], ["AD/allogeneic/"], 46, [kg(20, 1e6), kg(20, 2e6), kg(6, 4e6)], "NCT01663116"],
  ["[47]", "RA", ["I.V"], ["UC/not_stated/IFN-γ"], 63, [kg(63, 1e6)], null],
  ["[48]", "RA", ["I.V"], ["UC/not_stated/"], 105, [kg(105, 1e6)], null],
  ["[49]", "RA", ["I.V"], ["UC/not_stated/"], 64, [total(64, 2e7)], "NCT01547091"],
  ["[51]", "RA", ["I.V"], ["UC/not_stated/"], 172, [total(172, 4e7)], "NCT01547091"],
  ["[99]", "RA", ["I.V"], ["UC/not_stated/LG"], 119, [total(119, 4e7)], "NCT01547091"],
  [
    "[52]",
    "RA",
    ["I.V"],
    ["UC/not_stated/"],
    9,
    [total(3, 2.5e7), total(3, 5e7), total(3, 1e8)],
    "NCT02221258",
  ],
  ["[55]", "T1DM", ["I.V"], ["UC/not_stated/"], 53, [kg(53, 1e6)], null],
  [
    "[58]",
    "T1DM",
    ["I.V"],
    ["UC/not_stated/", "BM/not_stated/"],
    42,
    [kg(42, 1.1e6), kg(null, 106.8e6, 106.8e6, 1)],
    "NCT01374854",
  ],
  ["[56]", "T1DM", ["I.V"], ["AD/not_stated/vitamin D"], 9, [kg(9, 1e6)], "NCT03920397"],
  [
    "[57]",
    "T1DM",
    ["I.V"],
    ["AD/not_stated/vitamin D"],
    13,
    [[13, "mean_sd", "total", 67.37e6, 67.37e6, 0]],
    "NCT03920397",
  ],
  ["[59]", "T1DM", ["I.V"], ["BM/autologous/"], 20, [kg(20, 2.1e6, 3.6e6)], "NCT01068951"],
  [
    "[60]",
    "T1DM",
    ["I.A"],
    ["AD/not_stated/HSC", "AD/not_stated/HSC"],
    10,
    [
      [10, "single", "per_ml", 5.3e6, 5.3e6, 0],
      [null, "single", "per_ml", 5.1e6, 5.1e6, 1],
    ],
    null,
  ],
  ["[100]", "T1DM", ["I.A"], ["AD/not_stated/HSC"], 10, [kg(10, 2.7e4), kg(null, 60.55e6)], null],
  ["[101]", "T1DM", ["I.A"], ["AD/not_stated/HSC"], 11, [[11, "unknown", "unknown", null, null, 0]], null],
  ["[61]", "T1DM", ["I.V"], ["WJ/not_stated/"], 29, [[29, "mean_sd", "total", 2.6e7, 2.6e7, 0]], null],
  ["[68]", "MS", ["I.V"], ["BM/autologous/"], 10, [kg(10, 1e6, 2e6)], "NCT00395200"],
  ["[72]", "MS", ["I.T"], ["BM/autologous/"], 10, [[10, "mean_sd", "total", 110e6, 110e6, 0]], "NCT01895439"],
  ["[69]", "MS", ["I.V"], ["BM/autologous/"], 10, [kg(10, 1.6e6)], "NCT00395200"],
  ["[102]", "MS", ["I.T"], ["BM/autologous/"], 10, [total(10, 8.73e6)], null],
  ["[103]", "MS", ["I.T"], ["BM/autologous/"], 10, [total(10, 3e7, 5e7)], null],
  ["[104]", "MS", ["I.T"], ["BM/autologous/"], 25, [total(25, 29.5e6)], null],
  ["[70]", "MS", ["I.T", "I.V"], ["BM/autologous/"], 15, [total(15, 2.5e6)], "NCT00781872"],
  ["[64]", "MS", ["I.T", "I.V"], ["BM/autologous/"], 48, [kg(48, 1e6)], "NCT02166021"],
  ["[71]", "MS", ["I.V"], ["AD/autologous/"], 19, [kg(10, 1e6), kg(9, 4e6)], "NCT01056471"],
  ["[65]", "MS", ["I.V"], ["UC/not_stated/"], 20, [total(20, 20e6)], "NCT02034188"],
  ["[105]", "MS", ["I.V"], ["UC/not_stated/"], 23, [kg(23, 4e6)], null],
  ["[73]", "MS", ["I.V"], ["PL/not_stated/"], 16, [total(16, 15e7), total(null, 6e8)], null],
  ["[66]", "MS", ["I.T"], ["NP/not_stated/"], 20, [total(20, 5.3e6, 1e7)], "NCT01933802"],
  ["[67]", "MS", ["I.T"], ["NP/not_stated/"], 18, [total(18, 9.4e6)], "NCT01933802"],
  ["[106]", "SLE", ["I.V"], ["BM/not_stated/"], 58, [kg(58, 1e6)], "NCT00698191"],
  ["[107]", "SLE", ["I.V"], ["BM/not_stated/"], 15, [kg(15, 1e6)], "NCT00698191"],
  [
    "[108]",
    "SLE",
    ["I.V"],
    ["BM/not_stated/"],
    4,
    [[4, "lower_bound", "per_kg", 1e6, null, 0]],
    "NCT00698191",
  ],
  ["[109]", "SLE", ["I.V"], ["UC/not_stated/"], 178, [kg(178, 1e6)], "NCT00698191"],
  [
    "[80]",
    "SLE",
    ["I.V"],
    ["UC/not_stated/"],
    40,
    [[40, "unknown", "unknown", null, null, 0]],
    "NCT01741857",
  ],
  ["[82]", "SLE", ["I.V"], ["UC/not_stated/"], 79, [kg(79, 1e6)], "NCT01741857"],
  ["[76]", "SLE", ["I.V"], ["UC/not_stated/"], 18, [total(18, 2.8e8)], "NCT01539902"],
  ["[110]", "SLE", ["I.V"], ["BM/not_stated/", "UC/not_stated/"], 81, [kg(81, 1e6)], null],
  ["[77]", "SLE", ["I.V"], ["BM/not_stated/", "UC/not_stated/"], 35, [kg(35, 1e6)], "NCT00698191"],
  ["[81]", "SLE", ["I.V"], ["UC/not_stated/"], 16, [kg(16, 1e6)], "NCT00698191"],
  ["[111]", "SLE", ["I.V"], ["BM/not_stated/", "UC/not_stated/"], 87, [kg(87, 1e6)], null],
  ["[112]", "IBD", ["I.L"], ["AD/not_stated/"], 5, [total(5, 3e6, 3e7)], null],
  ["[86]", "IBD", ["I.L"], ["AD/not_stated/"], 107, [total(107, 12e7)], "NCT01541579"],
  ["[113]", "IBD", ["I.L"], ["AD/autologous/"], 5, [[5, "unknown", "unknown", null, null, 0]], null],
  ["[114]", "IBD", ["I.L"], ["AD/not_stated/"], 24, [total(24, 2e7)], "NCT01372969"],
  ["[115]", "IBD", ["I.V"], ["BM/autologous/"], 12, [kg(4, 2e6), kg(4, 5e6), kg(4, 10e6)], "NCT01659762"],
  ["[116]", "IBD", ["I.V"], ["BM/autologous/"], 10, [kg(10, 1e6, 2e6)], "NTR1360"],
  ["[3]", "IBD", ["I.V"], ["BM/not_stated/"], 16, [kg(16, 2e6)], "NCT01090817"],
  ["[88]", "IBD", ["I.V"], ["UC/not_stated/"], 41, [kg(41, 1e6)], "NCT02445547"],
  [
    "[89]",
    "IBD",
    ["I.L"],
    ["BM/not_stated/"],
    15,
    [total(5, 1e7), total(5, 3e7), total(5, 9e7)],
    "NCT01144962",
  ],
  ["[117]", "IBD", ["I.V"], ["BM/not_stated/"], 30, [kg(30, 3e6)], null],
  [
    "[90]",
    "IBD",
    ["I.L"],
    ["BM/not_stated/"],
    15,
    [total(5, 1e7), total(5, 3e7), total(5, 9e7)],
    "NCT01144962",
  ],
  ["[93]", "SS", ["I.V"], ["UC/not_stated/"], 24, [kg(24, 1e6)], "NCT00953485"],
];

describe("the seed table", () => {
  it("is read as the pasted-web-table format with its caption and footnote", () => {
    expect(table.format).toBe("seed");
    expect(table.caption).toBe("Clinical application of mesenchymal stem cells in autoimmune diseases");
    expect(table.abbreviations).toMatchObject({
      RA: "rheumatoid arthritis",
      T1DM: "type 1 diabetes mellitus",
      SS: "Sjogren’s syndrome",
      "I.V": "intravenous",
      "I.A": "interatrial",
      hUC: "human umbilical cord",
      IS: "insulin-secreting",
    });
    expect(allProblems(table)).toEqual([]);
  });

  it("has 57 studies in table order", () => {
    expect(table.studies.map((s) => s.reference)).toEqual(EXPECTED.map((r) => r[0]));
  });

  it("counts studies per disease as the table does", () => {
    const counts: Record<string, number> = {};
    for (const s of table.studies) counts[s.diseaseCode] = (counts[s.diseaseCode] ?? 0) + 1;
    expect(counts).toEqual({ RA: 11, T1DM: 9, MS: 14, SLE: 11, IBD: 11, SS: 1 });
    expect(table.studies.find((s) => s.diseaseCode === "SS")?.disease).toBe("Sjogren’s syndrome");
  });

  it.each(EXPECTED)(
    "study %s: disease, route, products, enrollment, arms and registry id",
    (ref, disease, routes, products, enrollment, arms, registry) => {
      const study = table.studies.find((s) => s.reference === ref)!;
      expect(study.diseaseCode).toBe(disease);
      expect(study.routes).toEqual(routes);
      expect(study.products.map((p) => `${p.tissue}/${p.donor}/${p.coInterventions.join("+")}`)).toEqual(
        products,
      );
      expect(study.enrollment).toBe(enrollment);
      expect(study.registry?.id ?? null).toBe(registry);
      expect(study.arms).toHaveLength(arms.length);
      study.arms.forEach((arm, i) => {
        const [n, form, basis, low, high, product] = arms[i]!;
        expect({ n: arm.n, form: arm.dose.form, basis: arm.dose.basis, product: arm.product }).toEqual({
          n,
          form,
          basis,
          product: product ?? 0,
        });
        if (low === null) expect(arm.dose.low).toBeNull();
        else expect(arm.dose.low).toBeCloseTo(low, -1);
        if (high === null) expect(arm.dose.high).toBeNull();
        else if (high !== undefined) expect(arm.dose.high).toBeCloseTo(high, -1);
      });
    },
  );

  it("keeps the raw dose text, the SD of mean ± SD doses, and continuation outcome text", () => {
    const s57 = table.studies.find((s) => s.reference === "[57]")!;
    expect(s57.arms[0]!.dose.raw).toBe("67.37 ± 7.65 × 106cells");
    expect(s57.arms[0]!.dose.sd).toBeCloseTo(7.65e6, -1);
    const s80 = table.studies.find((s) => s.reference === "[80]")!;
    expect(s80.outcome).toBe("16 patients had no clinical response. Seven patients relapse after 6 months");
    expect(s80.endLine).toBe(s80.line + 1);
    expect(table.studies.find((s) => s.reference === "[58]")!.products[1]!.rawText).toBe("BM-MNC");
  });

  it("links studies that share a registry id: 26 registered trials, 17 unregistered studies", () => {
    const ids = new Set(table.studies.map((s) => s.registry?.id).filter(Boolean));
    expect(ids.size).toBe(26);
    expect(table.studies.filter((s) => !s.registry)).toHaveLength(17);
    expect(table.studies.filter((s) => s.registry?.id === "NCT00698191")).toHaveLength(6);
    expect(table.studies.find((s) => s.reference === "[116]")!.registry).toMatchObject({
      registry: "Netherlands Trial Register",
    });
  });
});
