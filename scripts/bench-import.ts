// `npm run bench:import -- [--rows 100000]`: generates a seeded-random CSV of review rows,
// then times reading it and importing it (twice: first import, then the idempotent re-import)
// into a fresh database on the local PostgreSQL. Prints the numbers.
import { parseArgs } from "node:util";
import { readEvidenceTable } from "../lib/domain/import/evidence-table.ts";
import { decodeTableBytes } from "../lib/domain/import/table-text.ts";
import { importEvidence } from "../lib/server/sql/import-evidence.ts";
import { createPrismaClient } from "../lib/server/sql/client.ts";
import { createFreshDatabase, dropDatabase } from "../tests/support/databases.ts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" } } });
const rows = Number(values.rows);

// A small deterministic generator (mulberry32), so every run reads the same table.
let seed = 20221;
const random = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
const DISEASES = ["RA", "T1DM", "MS", "SLE", "IBD", "SS", "ARDS", "GvHD", "OA", "ALS"];
const ROUTES = ["I.V", "I.T", "I.L", "I.A", "Intra-articular"];
const SOURCES = [
  "Autologous BM-MSC",
  "Allogeneic AD-MSC",
  "hUC-MSC",
  "WJ-MSC",
  "Placenta-MSC",
  "hUC-MSC with IFN-γ",
  "AD-ASC + Vit D",
];
const DOSES = [
  "1 × 106/kg",
  "2 × 106/kg",
  "1–2 × 106/kg",
  "4 × 107 cells",
  "67.37 ± 7.65 × 106cells",
  "≥ 1 × 106/kg",
  "40 × 106/joint",
  "1, 2 × 106/kg",
  "Unknown",
];

const lines = ["Disease,Route,Source,Enrollment,Dose,Outcome,NCT number,Reference"];
for (let i = 0; i < rows; i++) {
  const registry =
    random() < 0.6
      ? `NCT${String(10_000_000 + Math.floor(random() * rows * 0.4)).padStart(8, "0")}`
      : "Unknown";
  lines.push(
    [
      pick(DISEASES),
      pick(ROUTES),
      `"${pick(SOURCES)}"`,
      5 + Math.floor(random() * 200),
      `"${pick(DOSES)}"`,
      "Clinical efficacy",
      registry,
      `[${i + 1}]`,
    ].join(","),
  );
}
const csv = lines.join("\n");
const bytes = new TextEncoder().encode(csv);

const t0 = performance.now();
const decoded = decodeTableBytes(bytes);
const table = readEvidenceTable(decoded.text!, "csv");
const readMs = performance.now() - t0;

const name = `evidence_bench_${process.pid}`;
const url = await createFreshDatabase(name);
const db = createPrismaClient(url, 2);
try {
  const request = {
    sourceName: "bench",
    format: "csv" as const,
    studies: table.studies,
    problems: table.problems,
    actorId: null,
  };
  const t1 = performance.now();
  const first = await importEvidence(db, request);
  const importMs = performance.now() - t1;
  const t2 = performance.now();
  const again = await importEvidence(db, request);
  const reimportMs = performance.now() - t2;
  const arms = await db.doseArm.count();
  console.info(
    `rows: ${rows} (${(bytes.length / 1024 / 1024).toFixed(1)} MB CSV), studies read: ${table.studies.length}, arms written: ${arms}`,
  );
  console.info(`read + parse: ${(readMs / 1000).toFixed(2)} s`);
  console.info(
    `first import (one transaction): ${(importMs / 1000).toFixed(2)} s, ${first.added.length} added`,
  );
  console.info(
    `re-import of the same table: ${(reimportMs / 1000).toFixed(2)} s, ${again.unchanged} left alone, ${again.added.length} added`,
  );
} finally {
  await db.$disconnect();
  await dropDatabase(name);
}
