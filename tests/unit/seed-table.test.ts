// The seed table (Table 1 of Stem Cell Res Ther 2022;13:101) read against every study written
// out by hand in tests/support/seed-expected.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allProblems, readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { EXPECTED } from "../support/seed-expected";

const SEED = path.join(process.cwd(), "prisma", "seed", "msc-autoimmune-trials-table1.txt");
const table = readEvidenceTable(readFileSync(SEED, "utf8"));

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
    "study %s: disease, route, products, enrollment, arms, registry id and co-administered cells",
    (ref, disease, routes, products, enrollment, arms, registry, coAdministered = []) => {
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
        const read = arm.dose?.form ?? (arm.refusal && arm.refusal !== "no_dose" ? "unreadable" : "unknown");
        expect({ n: arm.n, form: read, basis: arm.dose?.basis ?? "unknown", product: arm.product }).toEqual({
          n,
          form,
          basis,
          product: product ?? 0,
        });
        if (low === null) expect(arm.dose?.low ?? null).toBeNull();
        else expect(arm.dose!.low).toBeCloseTo(low, -1);
        if (high === null) expect(arm.dose?.high ?? null).toBeNull();
        else if (high !== undefined) expect(arm.dose!.high).toBeCloseTo(high, -1);
      });
      expect(study.coAdministered.map((c) => [c.name, c.dose?.basis, c.dose?.low, c.arm])).toEqual(
        coAdministered,
      );
    },
  );

  it("reads 70 MSC dose arms, and the two co-administered doses apart", () => {
    expect(table.studies.reduce((n, s) => n + s.arms.length, 0)).toBe(70);
    expect(table.studies.flatMap((s) => s.coAdministered.map((c) => `${s.reference} ${c.name}`))).toEqual([
      "[58] BM-MNC",
      "[100] BM-HSC",
    ]);
  });

  it("keeps the raw dose text, the SD of mean ± SD doses, and continuation outcome text", () => {
    const s57 = table.studies.find((s) => s.reference === "[57]")!;
    expect(s57.arms[0]!.doseText).toBe("67.37 ± 7.65 × 106cells");
    expect(s57.arms[0]!.dose!.sd).toBeCloseTo(7.65e6, -1);
    const s80 = table.studies.find((s) => s.reference === "[80]")!;
    expect(s80.outcome).toBe("16 patients had no clinical response. Seven patients relapse after 6 months");
    expect(s80.endLine).toBe(s80.line + 1);
    expect(table.studies.find((s) => s.reference === "[58]")!.coAdministered[0]!.rawText).toBe(
      "BM-MNC 106.8 × 106/kg",
    );
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
