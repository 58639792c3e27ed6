// `npm run bench:import -- [--rows 100000] [--rounds 2]`: generates a seeded-random CSV of review
// rows (with author–year and frequency columns), then times reading it and importing it into a
// fresh database on the local PostgreSQL (first import, then the idempotent re-import), and, in
// the same run, alternating with it, a bare COPY of the same rows (studies, products, arms) into
// tables without indexes, constraints or triggers: the floor no import can go below. Prints the
// numbers and their ratio.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { readEvidenceTable } from "../lib/domain/import/evidence-table.ts";
import { decodeTableBytes } from "../lib/domain/import/table-text.ts";
import { children, importEvidence } from "../lib/server/sql/import-evidence.ts";
import { createPrismaClient } from "../lib/server/sql/client.ts";
import { createFreshDatabase, dropDatabase } from "../tests/support/databases.ts";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, rounds: { type: "string", default: "2" } },
});
const rows = Number(values.rows);
const rounds = Math.max(1, Number(values.rounds));

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
const AUTHORS = ["Liang", "Wang", "Zhang", "Duijvestein", "Forbes", "Dhere", "Melmed", "Li", "Chen"];
const FREQUENCIES = ["1", "2", "4", "Single", "Twice", "3 rounds", "NA", ""];

const lines = ["Disease,Route,Source,Enrollment,Dose,Frequency,Outcome,NCT number,Reference,Author (year)"];
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
      pick(FREQUENCIES),
      "Clinical efficacy",
      registry,
      `[${i + 1}]`,
      `${pick(AUTHORS)} (${2005 + Math.floor(random() * 20)})`,
    ].join(","),
  );
}
const csv = lines.join("\n");
const bytes = new TextEncoder().encode(csv);

const t0 = performance.now();
const decoded = decodeTableBytes(bytes);
const table = readEvidenceTable(decoded.text!, "csv");
const readMs = performance.now() - t0;

// The rows the importer writes, as COPY text (tab-separated, \N for NULL, arrays as literals).
type Field = string | number | boolean | null | undefined | readonly (string | number)[];
const field = (v: Field): string => {
  if (v === null || v === undefined) return "\\N";
  if (Array.isArray(v))
    return field(`{${v.map((x) => `"${String(x).replace(/["\\]/g, "\\$&")}"`).join(",")}}`);
  return String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
};
const SOURCE_ID = "00000000-0000-4000-8000-000000000001";
const copyRows = { studies: [] as string[], products: [] as string[], arms: [] as string[] };
for (const [i, s] of table.studies.entries()) {
  const id = crypto.randomUUID();
  const c = children(id, s);
  copyRows.studies.push(
    [
      id,
      SOURCE_ID,
      `ref:[${i + 1}]`,
      s.diseaseCode,
      s.disease,
      s.routes,
      s.routeText,
      s.enrollment,
      s.outcome,
      s.registryText,
      s.reference,
      s.citation.year,
      s.citation.firstAuthor,
      s.line,
      s.sourceText,
      "x".repeat(64),
      c.arms.length,
    ]
      .map(field)
      .join("\t"),
  );
  for (const p of c.products)
    copyRows.products.push(
      [p.id, p.study_id, p.position, p.tissue, p.donor, p.co_interventions, p.raw_text].map(field).join("\t"),
    );
  for (const a of c.arms)
    copyRows.arms.push(
      [
        a.id,
        a.study_id,
        a.product_id,
        a.position,
        a.n,
        a.dose_text,
        a.basis,
        a.dose_low,
        a.dose_high,
        a.dose_mid,
        a.dose_form,
        a.administrations,
        a.schedule,
        a.dose_assumptions,
      ]
        .map(field)
        .join("\t"),
    );
}
const BARE = {
  studies: `id uuid, source_id uuid, row_key text, disease_code text, disease text, routes text[], route_text text,
            enrollment int, outcome text, registry_text text, reference text, publication_year int, first_author text,
            source_line int, source_text text, content_hash text, arm_count int`,
  products: `id uuid, study_id uuid, position int, tissue text, donor text, co_interventions text[], raw_text text`,
  arms: `id uuid, study_id uuid, product_id uuid, position int, n int, dose_text text, basis text, dose_low float8,
         dose_high float8, dose_mid float8, dose_form text, administrations int, schedule text, dose_assumptions text[]`,
};

async function bareCopy(): Promise<number> {
  const name = `evidence_bench_copy_${process.pid}`;
  const url = await createFreshDatabase(name, { migrated: false });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [t, cols] of Object.entries(BARE)) await client.query(`CREATE TABLE bare_${t} (${cols})`);
    const started = performance.now();
    await client.query("BEGIN");
    for (const t of Object.keys(BARE) as (keyof typeof BARE)[]) {
      const text = copyRows[t].join("\n") + "\n";
      await pipeline(Readable.from([text]), client.query(copyFrom(`COPY bare_${t} FROM STDIN`)));
    }
    await client.query("COMMIT");
    return performance.now() - started;
  } finally {
    await client.end();
    await dropDatabase(name);
  }
}

async function appImport(): Promise<{
  first: number;
  again: number;
  arms: number;
  added: number;
  unchanged: number;
}> {
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
    const firstMs = performance.now() - t1;
    const t2 = performance.now();
    const again = await importEvidence(db, request);
    const againMs = performance.now() - t2;
    return {
      first: firstMs,
      again: againMs,
      arms: await db.doseArm.count(),
      added: first.added.length,
      unchanged: again.unchanged,
    };
  } finally {
    await db.$disconnect();
    await dropDatabase(name);
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.info(
  `rows: ${rows} (${(bytes.length / 1024 / 1024).toFixed(1)} MB CSV), studies read: ${table.studies.length}; read + parse: ${s(readMs)}`,
);
for (let round = 1; round <= rounds; round++) {
  const copy = await bareCopy();
  const run = await appImport();
  console.info(
    `round ${round}: bare COPY ${s(copy)} | first import (one transaction) ${s(run.first)}, ${run.added} added, ${run.arms} arms` +
      ` | re-import ${s(run.again)}, ${run.unchanged} left alone | import / COPY ${(run.first / copy).toFixed(1)}×`,
  );
}
