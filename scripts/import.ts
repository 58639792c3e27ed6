// `npm run import -- <file> [--format seed|csv|tsv|md] [--dry-run] [--json]
//                          [--source NAME] [--citation TEXT] [--disease NAME]`
// Reads a review table and imports it into DATABASE_URL (or the embedded database when the
// app is not running). --dry-run writes nothing; --json prints the parsed studies as JSON.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  allProblems,
  readEvidenceTable,
  TABLE_FORMATS,
  type EvidenceTable,
  type TableFormat,
} from "../lib/domain/import/evidence-table.ts";
import { decodeTableBytes } from "../lib/domain/import/table-text.ts";
import { importEvidence } from "../lib/server/sql/import-evidence.ts";
import { createPrismaClient } from "../lib/server/sql/client.ts";
import { openEmbeddedForTool } from "./embedded-db.ts";

const usage =
  "usage: npm run import -- <file> [--format seed|csv|tsv|md] [--dry-run] [--json] [--source NAME] [--citation TEXT] [--disease NAME]";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    source: { type: "string" },
    citation: { type: "string" },
    disease: { type: "string" },
  },
});
const file = positionals[0];
if (!file) fail(usage);
if (values.format && !TABLE_FORMATS.includes(values.format as TableFormat))
  fail(`--format must be one of ${TABLE_FORMATS.join(", ")}\n${usage}`);

let bytes: Uint8Array;
try {
  bytes = new Uint8Array(await readFile(file));
} catch (error) {
  fail(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
const decoded = decodeTableBytes(bytes);
for (const p of decoded.problems)
  console.error(`${file}${p.line ? `:${p.line}` : ""}: ${p.severity}: ${p.message}`);
if (!decoded.text) process.exit(1);
const table: EvidenceTable = readEvidenceTable(decoded.text, values.format as TableFormat | undefined, {
  disease: values.disease,
});
const problems = allProblems(table);

function json() {
  return {
    file: path.basename(file!),
    format: table.format,
    caption: table.caption,
    columns: table.columns,
    ignoredColumns: table.ignoredColumns,
    abbreviations: table.abbreviations,
    problems: [...decoded.problems, ...table.problems],
    studies: table.studies.map((s) => ({
      line: s.line,
      disease: s.disease,
      diseaseCode: s.diseaseCode,
      routes: s.routes,
      route: s.routeText,
      products: s.products,
      enrollment: s.enrollment,
      citation: s.citation,
      phase: s.phase,
      design: s.designText,
      arms: s.arms.map((a) => ({
        product: a.product,
        n: a.n,
        label: a.dose?.label ?? null,
        dose: {
          raw: a.doseText,
          form: a.dose?.form ?? (a.refusal && a.refusal !== "no_dose" ? "unreadable" : "unknown"),
          basis: a.dose?.basis ?? "unknown",
          low: a.dose?.low ?? null,
          high: a.dose?.high ?? null,
          sd: a.dose?.sd ?? null,
          central: a.dose?.central ?? null,
          estimated: a.dose ? a.dose.basis === "total" || a.dose.approximate : false,
          approximate: a.dose?.approximate ?? false,
          cumulative: a.dose?.cumulative ?? false,
          refusal: a.refusal,
          reason: a.reason,
          note: a.note,
          assumptions: a.assumptions,
        },
        administrations: a.dose?.administrations ?? null,
      })),
      coAdministered: s.coAdministered.map((c) => ({
        name: c.name,
        raw: c.rawText,
        doseText: c.doseText,
        arm: c.arm,
        dose: c.dose && {
          form: c.dose.form,
          basis: c.dose.basis,
          low: c.dose.low,
          high: c.dose.high,
          central: c.dose.central,
        },
      })),
      registryId: s.registry?.id ?? null,
      registry: s.registry?.registry ?? null,
      reference: s.reference,
      outcome: s.outcome,
      problems: s.problems,
    })),
  };
}

if (values.json) console.info(JSON.stringify(json(), null, 2));
for (const p of problems) console.error(`${file}${p.line ? `:${p.line}` : ""}: ${p.severity}: ${p.message}`);
const errors = problems.filter((p) => p.severity === "error").length;
if (!values.json) {
  console.error(
    `${table.studies.length} studies read (${table.format}), ${problems.length} problem(s), ${errors} error(s).`,
  );
}
if (table.studies.length === 0) process.exit(1);
if (values["dry-run"]) process.exit(errors > 0 ? 1 : 0);

const sourceName = values.source ?? table.caption ?? path.basename(file);
let stop = async () => {};
let url = process.env.DATABASE_URL;
if (!url) {
  const embedded = await openEmbeddedForTool();
  url = embedded.url;
  stop = embedded.stop;
}
const db = createPrismaClient(url, 1);
try {
  const started = Date.now();
  const outcome = await importEvidence(
    db,
    {
      sourceName,
      citation: values.citation ?? null,
      fileName: path.basename(file),
      format: table.format,
      studies: table.studies,
      problems: table.problems,
      actorId: null,
    },
    (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\rimporting ${done}/${total}`);
    },
  );
  if (process.stderr.isTTY) process.stderr.write("\n");
  const summary = {
    added: outcome.added.length,
    updated: outcome.updated.length,
    unchanged: outcome.unchanged,
    conflicts: outcome.conflicts,
    leftOut: outcome.leftOut,
    seconds: (Date.now() - started) / 1000,
  };
  console.error(
    `into "${sourceName}": ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} left alone, ${outcome.conflicts.length} kept as edited, ${outcome.leftOut.length} left out (${summary.seconds.toFixed(1)} s)`,
  );
} catch (error) {
  console.error(
    `Import failed; nothing was written: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await stop();
}
