// The first data a new instance shows: Table 1 of "Clinical application of mesenchymal stem
// cells in autoimmune diseases" (Stem Cell Res Ther 2022;13:101), imported when no study exists.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { readEvidenceTable } from "../lib/domain/import/evidence-table.ts";
import { decodeTableBytes } from "../lib/domain/import/table-text.ts";
import { importEvidence, type ImportOutcome } from "../lib/server/sql/import-evidence.ts";
import type { Db } from "../lib/server/sql/client.ts";

export const SEED_FILE = path.join(process.cwd(), "prisma", "seed", "msc-autoimmune-trials-table1.txt");
export const SEED_SOURCE = {
  // The table's own caption, so that `npm run import` of the same file finds the same rows.
  name: "Clinical application of mesenchymal stem cells in autoimmune diseases",
  citation:
    "Clinical application of mesenchymal stem cells in autoimmune diseases. Stem Cell Res Ther. 2022 Mar 7;13:101. doi:10.1186/s13287-022-02782-7",
};

export async function importSeed(db: Db): Promise<ImportOutcome> {
  const decoded = decodeTableBytes(new Uint8Array(await readFile(SEED_FILE)));
  if (!decoded.text) throw new Error(decoded.problems.map((p) => p.message).join("; "));
  const table = readEvidenceTable(decoded.text, "seed");
  return importEvidence(db, {
    sourceName: SEED_SOURCE.name,
    citation: SEED_SOURCE.citation,
    fileName: path.basename(SEED_FILE),
    format: "seed",
    studies: table.studies,
    problems: table.problems,
    actorId: null,
  });
}

/** Imports the seed table into a database that has no study yet; returns null when it had some. */
export async function seedIfEmpty(db: Db): Promise<ImportOutcome | null> {
  if ((await db.study.count()) > 0) return null;
  return importSeed(db);
}
