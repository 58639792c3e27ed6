// Importing review tables into real PostgreSQL: the seed's numbers, idempotence, updates that
// keep annotations, edits that win over a re-import, and nothing written when it fails.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { db } from "../../lib/server/platform/db";
import { IMPORT_CHUNK, importEvidence } from "../../lib/server/sql/import-evidence";
import { evidenceSummary } from "../../lib/server/studies";
import { importSeed, SEED_FILE, SEED_SOURCE } from "../../prisma/seed";
import { makeUser } from "../support/factories";

const seedText = readFileSync(SEED_FILE, "utf8");
// The seed file has thin spaces around "×", as the web page it was copied from.
const thin = (s: string) => s.replace(/ × /g, "\u2009×\u2009");
const importText = (text: string) => {
  const t = readEvidenceTable(text, "seed");
  return importEvidence(db(), {
    sourceName: SEED_SOURCE.name,
    format: "seed",
    studies: t.studies,
    problems: t.problems,
    actorId: null,
  });
};

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
});
afterAll(() => db().$disconnect());

describe("importing the seed table", () => {
  it("adds 57 studies, 70 MSC dose arms, 2 co-administered doses and 26 registered trials", async () => {
    const outcome = await importSeed(db());
    expect(outcome.added).toHaveLength(57);
    expect([outcome.updated, outcome.unchanged, outcome.conflicts, outcome.leftOut]).toEqual([[], 0, [], []]);
    expect(await db().study.count()).toBe(57);
    expect(await db().doseArm.count()).toBe(70);
    expect(await db().coAdministeredProduct.count()).toBe(2);
    expect(await db().registeredTrial.count()).toBe(26);
    const perDisease = await db().study.groupBy({
      by: ["diseaseCode"],
      _count: true,
      orderBy: { diseaseCode: "asc" },
    });
    expect(Object.fromEntries(perDisease.map((r) => [r.diseaseCode, r._count]))).toEqual({
      IBD: 11,
      MS: 14,
      RA: 11,
      SLE: 11,
      SS: 1,
      T1DM: 9,
    });
    const nct = await db().registeredTrial.findUniqueOrThrow({
      where: { registryId: "NCT00698191" },
      include: { studies: true },
    });
    expect(nct.studies.map((s) => s.reference).sort()).toEqual([
      "[106]",
      "[107]",
      "[108]",
      "[109]",
      "[77]",
      "[81]",
    ]);
  });

  it("counts patients once per registered trial (counts worked out by hand from the table)", async () => {
    const admin = await makeUser(db(), "viewer");
    expect(await evidenceSummary(admin)).toEqual({
      studies: 57,
      registeredTrials: 26,
      unregisteredStudies: 17,
      // 1011 (largest enrollment of each of the 26 trials) + 573 (the 17 unregistered studies)
      patientsDeduplicated: 1584,
      arms: 70,
    });
  });

  it("stores arms with n, basis, values and the product they belong to, and co-administered cells apart", async () => {
    const s = await db().study.findFirstOrThrow({
      where: { reference: "[58]" },
      include: {
        products: { orderBy: { position: "asc" } },
        arms: { orderBy: { position: "asc" }, include: { product: true, coAdministered: true } },
      },
    });
    expect(s.products.map((p) => [p.tissue, p.rawText])).toEqual([["UC", "hUC-MSC"]]);
    expect(s.arms.map((a) => [a.n, a.basis, a.doseMid, a.product?.rawText])).toEqual([
      [42, "per_kg", 1.1e6, "hUC-MSC"],
    ]);
    expect(s.arms[0]!.coAdministered.map((c) => [c.name, c.basis, c.doseMid])).toEqual([
      ["BM-MNC", "per_kg", 106.8e6],
    ]);
    const s73 = await db().study.findFirstOrThrow({
      where: { reference: "[73]" },
      include: { arms: { orderBy: { position: "asc" } } },
    });
    expect(s73.arms.map((a) => [a.n, a.doseForm, a.doseMid])).toEqual([
      [null, "single", 15e7],
      [null, "single", 6e8],
    ]);
    const lb = await db().doseArm.findFirstOrThrow({ where: { study: { reference: "[108]" } } });
    expect([lb.lowerBound, lb.doseLow, lb.doseHigh, lb.doseMid]).toEqual([true, 1e6, null, 1e6]);
  });

  it("is idempotent: the same table again changes nothing", async () => {
    const before = await db().study.findMany({
      select: { id: true, version: true, updatedAt: true },
      orderBy: { id: "asc" },
    });
    const outcome = await importSeed(db());
    expect([outcome.added, outcome.updated, outcome.unchanged]).toEqual([[], [], 57]);
    expect(
      await db().study.findMany({
        select: { id: true, version: true, updatedAt: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual(before);
    expect(await db().doseArm.count()).toBe(70);
    expect(await db().importBatch.count()).toBe(2);
  });

  it("a changed row updates its study and keeps its annotations", async () => {
    const study = await db().study.findFirstOrThrow({ where: { reference: "[93]" } });
    const author = await makeUser(db(), "reviewer");
    await db().annotation.create({
      data: { studyId: study.id, authorId: author.id, body: "Check the dose", field: "dose" },
    });
    const changed = seedText.replace(
      thin("SS I.V hUC-MSC 24 1 × 106/kg Safe"),
      thin("SS I.V hUC-MSC 24 2 × 106/kg Safe"),
    );
    expect(changed).not.toBe(seedText);
    const outcome = await importText(changed);
    expect(outcome.updated).toEqual(["SS [93]"]);
    expect(outcome.unchanged).toBe(56);
    const after = await db().study.findUniqueOrThrow({
      where: { id: study.id },
      include: { arms: true, annotations: true },
    });
    expect(after.version).toBe(study.version + 1);
    expect(after.arms.map((a) => a.doseMid)).toEqual([2e6]);
    expect(after.annotations.map((a) => a.body)).toEqual(["Check the dose"]);
  });

  it("a study a reviewer edited keeps the edit, and the import reports it", async () => {
    const study = await db().study.findFirstOrThrow({ where: { reference: "[117]" } });
    await db().study.update({
      where: { id: study.id },
      data: { outcome: "Corrected by a reviewer", editedAt: new Date() },
    });
    const changed = seedText.replace(
      thin("IBD I.V BM-MSC 30 3 × 106/kg Safe"),
      thin("IBD I.V BM-MSC 31 3 × 106/kg Safe"),
    );
    expect(changed).not.toBe(seedText);
    const outcome = await importText(changed);
    expect(outcome.conflicts).toEqual(["IBD [117]"]);
    const after = await db().study.findUniqueOrThrow({ where: { id: study.id } });
    expect([after.outcome, after.enrollment]).toEqual(["Corrected by a reviewer", 30]);
  });

  it("writes nothing when the import fails half way", async () => {
    const table = readEvidenceTable(seedText, "seed");
    const counts = async () => [
      await db().study.count(),
      await db().doseArm.count(),
      await db().importBatch.count(),
      await db().auditEvent.count(),
    ];
    const before = await counts();
    const broken = table.studies.map((s, i) =>
      i === 40 ? { ...s, reference: `[new-${i}]`, enrollment: 2 ** 40 } : { ...s, reference: `[new-${i}]` },
    );
    await expect(
      importEvidence(db(), {
        sourceName: SEED_SOURCE.name,
        format: "seed",
        studies: broken,
        problems: [],
        actorId: null,
      }),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("imports another review table through the same code", async () => {
    const text = readFileSync(path.join(process.cwd(), "tests/fixtures/pmc8907937-table1-ards.csv"), "utf8");
    const t = readEvidenceTable(text, undefined, { disease: "ARDS" });
    const outcome = await importEvidence(db(), {
      sourceName: "ARDS (eBioMedicine 2022;77:103920, Table 1)",
      format: t.format,
      studies: t.studies,
      problems: t.problems,
      actorId: null,
    });
    expect(outcome.added).toHaveLength(6);
    expect(await db().study.count({ where: { diseaseCode: "ARDS" } })).toBe(6);
    expect(await db().registeredTrial.count()).toBe(26 + 4);
  });
});

describe("a study at every limit", () => {
  it("fits the database's one-row index of filter columns (Disease and Route 200 bytes, 50 arms)", async () => {
    // The costliest Route cell for that index row: 100 one-letter routes, each an array element
    // with its own header and padding.
    const routes = Array.from({ length: 100 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(";");
    const doses = `"${Array.from({ length: 50 }, (_, i) => i + 1).join(", ")} × 10^6/kg"`;
    const text =
      "Disease,Route,Source,Enrollment,Dose,Outcome,NCT number,Reference\n" +
      `${"D".repeat(200)},${routes},BM-MSC,10,${doses},Better,NCT09999999,[limits]\n`;
    const t = readEvidenceTable(text, "csv");
    expect(t.studies[0]!.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(t.studies[0]!.routes).toHaveLength(100);
    const outcome = await importEvidence(db(), {
      sourceName: "limits",
      format: "csv",
      studies: t.studies,
      problems: t.problems,
      actorId: null,
    });
    expect(outcome.added).toHaveLength(1);
    const study = await db().study.findFirstOrThrow({
      where: { reference: "[limits]" },
      select: { armCount: true, dosesPerKg: true, perKgMin: true, perKgMax: true },
    });
    expect([study.armCount, study.dosesPerKg.length, study.perKgMin, study.perKgMax]).toEqual([
      50, 50, 1e6, 50e6,
    ]);
    await db().evidenceSource.deleteMany({ where: { name: "limits" } });
  });
});

describe("a large table", () => {
  it("reports progress chunk by chunk and records the batch with an audit event", async () => {
    const header = "Disease,Route,Source,Enrollment,Dose,Outcome,NCT number,Reference";
    const n = 2.5 * IMPORT_CHUNK;
    const rows = Array.from(
      { length: n },
      (_, i) => `GvHD,I.V,BM-MSC,${10 + (i % 50)},${1 + (i % 4)} × 106/kg,ok,Unknown,[L${i}]`,
    );
    const t = readEvidenceTable([header, ...rows].join("\n"), "csv");
    const progress: [number, number][] = [];
    const outcome = await importEvidence(
      db(),
      { sourceName: "large", format: "csv", studies: t.studies, problems: t.problems, actorId: null },
      (done, total) => progress.push([done, total]),
    );
    expect(progress).toEqual([
      [IMPORT_CHUNK, n],
      [2 * IMPORT_CHUNK, n],
      [n, n],
    ]);
    expect(outcome.added).toHaveLength(n);
    const batch = await db().importBatch.findUniqueOrThrow({ where: { id: outcome.batchId } });
    expect([batch.rowsRead, batch.added, batch.unchanged]).toEqual([n, n, 0]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: outcome.batchId } });
    expect(event).toMatchObject({ action: "import.run", after: { source: "large", added: n } });
  });
});
