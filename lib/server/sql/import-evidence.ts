// Writes a read evidence table into the database in one transaction, idempotently: a row
// already there unchanged is left alone, a changed row updates its study (keeping its
// annotations and tags), a study a reviewer has edited keeps the edit and is reported.
import { createHash, randomUUID } from "node:crypto";
import { doseMid } from "../../domain/dose/dose";
import type { ArmDose, DoseForm } from "../../domain/dose/types";
import type { DoseBasis } from "../../domain/vocabulary";
import { readStudyDesign } from "../../domain/rob/design";

/** A dose's form as stored: as read, or none given (unknown), or not read (unreadable). */
export type StoredDoseForm = DoseForm | "unknown" | "unreadable";
import type {
  DoseArmReading,
  StudyReading,
  TableFormat,
  TableProblem,
} from "../../domain/import/evidence-table";
import type { Prisma } from "../../generated/prisma/client.ts";
import { audit } from "./audit";
import type { Db, Tx } from "./client";

export interface ImportRequest {
  sourceName: string;
  citation?: string | null;
  fileName?: string | null;
  format: TableFormat;
  studies: StudyReading[];
  problems: TableProblem[];
  actorId: string | null;
}

export interface ImportOutcome {
  batchId: string;
  rowsRead: number;
  added: string[];
  updated: string[];
  unchanged: number;
  /** Rows whose study a reviewer edited; the edit was kept. */
  conflicts: string[];
  /** Rows left out because of an error, with their lines. */
  leftOut: { line: number; message: string }[];
}

export type ImportProgress = (done: number, total: number) => void;

/** Rows written per statement. */
export const IMPORT_CHUNK = 2000;
const CHUNK = IMPORT_CHUNK;

const label = (s: StudyReading) => `${s.diseaseCode} ${s.reference ?? `line ${s.line}`}`;

/** Stable identity of a row within its table, so a re-import finds it again. */
export function rowKeys(studies: StudyReading[]): string[] {
  const refCounts = new Map<string, number>();
  for (const s of studies) if (s.reference) refCounts.set(s.reference, (refCounts.get(s.reference) ?? 0) + 1);
  const seen = new Map<string, number>();
  return studies.map((s) => {
    let key: string;
    if (s.reference && refCounts.get(s.reference) === 1) key = `ref:${s.reference}`;
    else {
      const basis = [
        s.diseaseCode,
        s.registry?.id ?? s.registryText ?? "",
        s.reference ?? "",
        s.products.map((p) => p.rawText).join("+"),
        s.enrollment ?? "",
      ].join("|");
      key = `row:${createHash("sha256").update(basis).digest("hex").slice(0, 24)}`;
    }
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  });
}

function studyContent(s: StudyReading) {
  return {
    diseaseCode: s.diseaseCode,
    disease: s.disease,
    routes: s.routes,
    routeText: s.routeText,
    tissues: [...new Set(s.products.map((p) => p.tissue))].sort(),
    donors: [...new Set(s.products.map((p) => p.donor))].sort(),
    enrollment: s.enrollment,
    outcome: s.outcome,
    registryText: s.registryText,
    reference: s.reference,
    publicationYear: s.citation.year,
    firstAuthor: s.citation.firstAuthor,
    title: s.citation.title,
    journal: s.citation.journal,
    doi: s.citation.doi,
    pmid: s.citation.pmid,
    phase: s.phase,
    designText: s.designText,
    design: readStudyDesign(s.designText, s.phase),
    sourceLine: s.line,
    sourceText: s.sourceText,
  };
}

export function contentHash(s: StudyReading): string {
  const canonical = JSON.stringify({
    ...studyContent(s),
    sourceLine: undefined,
    // Read from phase and designText, which the hash has: a design read differently by a later
    // version of the reader does not make every row "changed".
    design: undefined,
    registry: s.registry?.id ?? null,
    products: s.products,
    arms: s.arms.map((a) => ({
      product: a.product,
      n: a.n,
      text: a.doseText,
      dose: a.dose,
      refusal: a.refusal,
    })),
    coAdministered: s.coAdministered,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

interface ProductRow {
  id: string;
  study_id: string;
  position: number;
  tissue: string;
  donor: string;
  co_interventions: string[];
  raw_text: string;
}

interface ArmRow {
  id: string;
  study_id: string;
  product_id: string | null;
  position: number;
  n: number | null;
  dose_text: string;
  basis: string;
  dose_low: number | null;
  dose_high: number | null;
  dose_mid: number | null;
  dose_sd: number | null;
  lower_bound: boolean;
  parse_problem: string | null;
  dose_form: string;
  dose_central: number | null;
  approximate: boolean;
  label: string | null;
  administrations: number | null;
  schedule: string | null;
  dose_refusal: string | null;
  dose_note: string | null;
  dose_assumptions: string[];
}

interface CoAdministeredRow {
  id: string;
  study_id: string;
  arm_id: string | null;
  position: number;
  name: string;
  raw_text: string;
  dose_text: string | null;
  basis: string;
  dose_low: number | null;
  dose_high: number | null;
  dose_mid: number | null;
}

export function children(
  studyId: string,
  s: StudyReading,
): { products: ProductRow[]; arms: ArmRow[]; coAdministered: CoAdministeredRow[] } {
  const productIds = s.products.map(() => orderedUuid());
  const products: ProductRow[] = s.products.map((p, i) => ({
    id: productIds[i]!,
    study_id: studyId,
    position: i,
    tissue: p.tissue,
    donor: p.donor,
    co_interventions: p.coInterventions,
    raw_text: p.rawText,
  }));
  const arms: ArmRow[] = s.arms.map((a, i) => ({
    id: randomUUID(),
    study_id: studyId,
    product_id: a.product === null ? null : (productIds[a.product] ?? null),
    position: i,
    n: a.n,
    ...doseColumns(a),
  }));
  const coAdministered: CoAdministeredRow[] = s.coAdministered.map((c, i) => ({
    id: randomUUID(),
    study_id: studyId,
    arm_id: c.arm === null ? null : (arms[c.arm]?.id ?? null),
    position: i,
    name: c.name,
    raw_text: c.rawText,
    dose_text: c.doseText,
    basis: c.dose?.basis ?? "unknown",
    dose_low: c.dose?.low ?? null,
    dose_high: c.dose?.high ?? null,
    dose_mid: c.dose ? doseMid(c.dose) : null,
  }));
  return { products, arms, coAdministered };
}

/** A study's arm count and sorted per kg and total-cell doses, as the triggers on dose_arms keep
 * them. Written with the study, so that inserting its
 * arms finds the row already right and leaves it alone, instead of updating every new study once
 * more; the triggers stay the authority (a test checks that the two agree). */
export function doseLists(arms: Pick<ArmRow, "basis" | "dose_mid">[]) {
  const sorted = (basis: string) =>
    arms
      .filter((a) => a.basis === basis && a.dose_mid !== null)
      .map((a) => a.dose_mid!)
      .sort((x, y) => x - y);
  return { arm_count: arms.length, doses_per_kg: sorted("per_kg"), doses_total: sorted("total") };
}

/** A dose per administration: a printed total over a stated number of administrations divided
 * by it; null when the total's administrations are not counted. */
function perAdministration(d: ArmDose): ArmDose | null {
  if (!d.cumulative) return d;
  const count = d.administrations?.count ?? null;
  if (!count) return null;
  const div = (v: number | null) => (v === null ? null : v / count);
  return {
    ...d,
    low: div(d.low),
    high: div(d.high),
    central: div(d.central),
    sd: div(d.sd),
    cumulative: false,
  };
}

/** How a read dose is stored on its arm (the importer and study corrections share this). */
export function doseColumns(
  a: Pick<DoseArmReading, "doseText" | "dose" | "refusal" | "reason" | "note" | "assumptions">,
): {
  dose_text: string;
  basis: DoseBasis;
  dose_low: number | null;
  dose_high: number | null;
  dose_mid: number | null;
  dose_sd: number | null;
  lower_bound: boolean;
  parse_problem: string | null;
  dose_form: StoredDoseForm;
  dose_central: number | null;
  approximate: boolean;
  label: string | null;
  administrations: number | null;
  schedule: string | null;
  dose_refusal: string | null;
  dose_note: string | null;
  dose_assumptions: string[];
} {
  const given = a.dose;
  const d = given ? perAdministration(given) : null;
  const refusal = given && !d ? "unreadable" : a.refusal;
  const reason = given && !d ? "a total over an unstated number of administrations" : a.reason;
  return {
    dose_text: a.doseText,
    basis: d?.basis ?? "unknown",
    dose_low: d?.low ?? null,
    dose_high: d?.high ?? null,
    dose_mid: d ? doseMid(d) : null,
    dose_sd: d?.sd ?? null,
    lower_bound: d?.form === "lower_bound",
    parse_problem: reason,
    dose_form: d?.form ?? (refusal && refusal !== "no_dose" ? "unreadable" : "unknown"),
    dose_central: d?.central ?? null,
    approximate: d?.approximate ?? false,
    label: d?.label ?? null,
    administrations: given?.administrations?.count ?? null,
    schedule: given?.administrations?.schedule ?? null,
    dose_refusal: refusal,
    dose_note: a.note,
    dose_assumptions: a.assumptions,
  };
}

// Bulk inserts go through json_to_recordset: one parameter per chunk, far faster than building
// large multi-row statements through the ORM (and json is read faster than jsonb, which it
// would first be converted to).
async function insertStudies(tx: Tx, rows: Json<Record<string, unknown>>, table = "studies") {
  await tx.$executeRawUnsafe(
    `
    INSERT INTO ${table} (id, source_id, row_key, disease_code, disease, routes, route_text, tissues, donors, enrollment, outcome,
                         registry_text, trial_id, reference, publication_year, first_author, title, journal, doi, pmid,
                         phase, design_text, design, source_line, source_text, content_hash,
                         arm_count, doses_per_kg, doses_total, updated_at)
    SELECT id, source_id, row_key, disease_code, disease, routes, route_text, tissues, donors, enrollment, outcome,
           registry_text, trial_id, reference, publication_year, first_author, title, journal, doi, pmid,
           phase, design_text, design::"StudyDesign", source_line, source_text, content_hash,
           arm_count, doses_per_kg, doses_total, now()
      FROM json_to_recordset($1::json) AS x(
        id uuid, source_id uuid, row_key text, disease_code text, disease text, routes text[], route_text text,
        tissues text[], donors text[],
        enrollment int, outcome text, registry_text text, trial_id uuid, reference text, publication_year int,
        first_author text, title text, journal text, doi text, pmid text, phase text, design_text text,
        design text, source_line int, source_text text, content_hash text,
        arm_count int, doses_per_kg double precision[], doses_total double precision[])`,
    rows.json,
  );
}

async function insertProducts(tx: Tx, rows: Json<ProductRow>, table = "cell_products") {
  await tx.$executeRawUnsafe(
    `
    INSERT INTO ${table} (id, study_id, position, tissue, donor, co_interventions, raw_text)
    SELECT id, study_id, position, tissue, donor::"Donor", co_interventions, raw_text
      FROM json_to_recordset($1::json) AS x(
        id uuid, study_id uuid, position int, tissue text, donor text, co_interventions text[], raw_text text)`,
    rows.json,
  );
}

async function insertArms(tx: Tx, rows: Json<ArmRow>, table = "dose_arms") {
  await tx.$executeRawUnsafe(
    `
    INSERT INTO ${table} (id, study_id, product_id, position, n, dose_text, basis, dose_low, dose_high, dose_mid,
                           dose_sd, lower_bound, parse_problem, dose_form, dose_central, approximate, label,
                           administrations, schedule, dose_refusal, dose_note, dose_assumptions)
    SELECT id, study_id, product_id, position, n, dose_text, basis::"DoseBasis", dose_low, dose_high, dose_mid,
           dose_sd, lower_bound, parse_problem, dose_form::"DoseForm", dose_central, approximate, label,
           administrations, schedule, dose_refusal, dose_note, dose_assumptions
      FROM json_to_recordset($1::json) AS x(
        id uuid, study_id uuid, product_id uuid, position int, n int, dose_text text, basis text,
        dose_low double precision, dose_high double precision, dose_mid double precision, dose_sd double precision,
        lower_bound boolean, parse_problem text, dose_form text, dose_central double precision, approximate boolean,
        label text, administrations int, schedule text, dose_refusal text, dose_note text, dose_assumptions text[])`,
    rows.json,
  );
}

async function insertCoAdministered(
  tx: Tx,
  rows: Json<CoAdministeredRow>,
  table = "co_administered_products",
) {
  await tx.$executeRawUnsafe(
    `
    INSERT INTO ${table} (id, study_id, arm_id, position, name, raw_text, dose_text, basis,
                                          dose_low, dose_high, dose_mid)
    SELECT id, study_id, arm_id, position, name, raw_text, dose_text, basis::"DoseBasis", dose_low, dose_high, dose_mid
      FROM json_to_recordset($1::json) AS x(
        id uuid, study_id uuid, arm_id uuid, position int, name text, raw_text text, dose_text text, basis text,
        dose_low double precision, dose_high double precision, dose_mid double precision)`,
    rows.json,
  );
}

/** The registered trials of the studies, created where new, by registry id: two statements
 * whatever their number. */
/** Rows of a table as the JSON array an insert reads, made while the previous chunk is written. */
interface Json<_Row> {
  json: string;
  count: number;
}
const json = <Row>(rows: Row[]): Json<Row> => ({ json: JSON.stringify(rows, dropNulls), count: rows.length });

/** JSON.stringify replacer that leaves out null fields (json_to_recordset reads a missing field
 * as NULL, and a null in an array stays null): less to write and to read. */
const dropNulls = (_key: string, value: unknown) => (value === null ? undefined : value);

/** From this many new studies on, an import that adds at least as many studies as the tables
 * hold loads them as PostgreSQL advises for populating a database: without the tables'
 * secondary indexes, which are built again, whole, at the end (about a second for 100,000
 * studies, instead of five to eight spent updating them row by row). */
export const BULK_LOAD_FROM = 10_000;
const BULK_TABLES = ["studies", "cell_products", "dose_arms", "co_administered_products"];

/**
 * Takes the evidence tables for the import alone and drops their secondary indexes (not the
 * primary keys and constraints) and the foreign keys between them; returns the statements that
 * build them again. Readers of the tables wait for the import's commit; when others hold the tables
 * for more than two seconds, or the import is small, the indexes stay and nothing is returned.
 * All of it is in the import's transaction: a failed import has its indexes back.
 */
async function bulkLoad(tx: Tx, newRows: number): Promise<string[]> {
  if (newRows < BULK_LOAD_FROM) return [];
  const [{ n } = { n: 0 }] = await tx.$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM studies`;
  if (newRows < n) return [];
  await tx.$executeRaw`SAVEPOINT bulk_load`;
  try {
    await tx.$executeRaw`SET LOCAL lock_timeout = '2s'`;
    await tx.$executeRaw`LOCK TABLE studies, cell_products, dose_arms, co_administered_products IN ACCESS EXCLUSIVE MODE`;
    await tx.$executeRaw`SET LOCAL lock_timeout = DEFAULT`;
    const indexes = await tx.$queryRaw<{ name: string; definition: string }[]>`
      SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY(${BULK_TABLES}::text[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
       ORDER BY i.tablename, i.indexname`;
    // The foreign keys from the tables (checked row by row as they are written) are added back
    // at the end, which checks every row at once.
    const keys = await tx.$queryRaw<{ table: string; name: string; definition: string }[]>`
      SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c
       WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(${BULK_TABLES}::text[])
       ORDER BY 1, 2`;
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    for (const k of keys)
      await tx.$executeRawUnsafe(`ALTER TABLE ${quote(k.table)} DROP CONSTRAINT ${quote(k.name)}`);
    for (const { name } of indexes) await tx.$executeRawUnsafe(`DROP INDEX ${quote(name)}`);
    await tx.$executeRaw`RELEASE SAVEPOINT bulk_load`;
    return [
      ...indexes.map((i) => i.definition),
      ...keys.map((k) => `ALTER TABLE ${quote(k.table)} ADD CONSTRAINT ${quote(k.name)} ${k.definition}`),
    ];
  } catch {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT bulk_load`;
    return [];
  }
}

/** Runs `work` once the statements already started have been handed to the connection. */
function afterSend<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) =>
    setImmediate(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
}

/** A UUID whose first 48 bits are the time (RFC 9562 version 7): the studies and products of one
 * import go to the end of their indexes instead of all over them. (Arms keep random ids: the dose
 * charts sample them by id.) */
export function orderedUuid(): string {
  // A random (version 4) UUID with its first 48 bits replaced by the time and its version set to 7.
  const time = Date.now().toString(16).padStart(12, "0");
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

async function trialIds(
  tx: Tx,
  studies: StudyReading[],
): Promise<Map<string, string> & { created?: string[] }> {
  const registries = new Map<string, string>();
  for (const s of studies) if (s.registry) registries.set(s.registry.id, s.registry.registry);
  if (registries.size === 0) return new Map();
  const rows = JSON.stringify(
    [...registries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, registry]) => ({ id, registry })),
  );
  const created = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO registered_trials (id, registry_id, registry)
    SELECT gen_random_uuid(), x.id, x.registry FROM jsonb_to_recordset(${rows}::jsonb) AS x(id text, registry text)
    ON CONFLICT (registry_id) DO NOTHING
    RETURNING id`;
  const found = await tx.$queryRaw<{ id: string; registryId: string }[]>`
    SELECT t.id, t.registry_id AS "registryId"
      FROM registered_trials t JOIN jsonb_to_recordset(${rows}::jsonb) AS x(id text, registry text) ON t.registry_id = x.id`;
  return Object.assign(new Map(found.map((r) => [r.registryId, r.id])), {
    created: created.map((r) => r.id),
  });
}

export interface ImportOptions {
  /**
   * Write the rows in short transactions into staging tables, yielding between them, then switch
   * them in with one final transaction: the app keeps answering while a large table is read in
   * (the embedded database has one session, which a long transaction would hold). The default on
   * the embedded database (EVIDENCE_EMBEDDED_DB=1).
   */
  staged?: boolean;
}

/** What the chunks of one import share: where they go and what is there already. */
interface ImportContext {
  sourceId: string;
  existing: Map<string, { id: string; contentHash: string; editedAt: Date | null }>;
  trials: Map<string, string> & { created?: string[] };
}

async function openImport(tx: Tx, request: ImportRequest, importable: StudyReading[]) {
  const source = await tx.evidenceSource.upsert({
    where: { name: request.sourceName },
    create: { name: request.sourceName, citation: request.citation ?? null },
    update: request.citation ? { citation: request.citation } : {},
  });
  const existing = new Map(
    (
      await tx.study.findMany({
        where: { sourceId: source.id },
        select: { id: true, rowKey: true, contentHash: true, editedAt: true },
      })
    ).map((s) => [s.rowKey, s]),
  );
  const trials = await trialIds(tx, importable);
  return { sourceId: source.id, existing, trials };
}

/** An import's tally, and how it works out each chunk's rows. */
function importRun(ctx: ImportContext, importable: StudyReading[], keys: string[]) {
  const tally = { added: [] as string[], updated: [] as string[], conflicts: [] as string[], unchanged: 0 };
  /** One chunk's rows, worked out in JavaScript. */
  const prepare = (start: number) => {
    const slice = importable.slice(start, start + CHUNK);
    const creates: Record<string, unknown>[] = [];
    const updates: { id: string; data: Prisma.StudyUncheckedUpdateInput }[] = [];
    const products: ProductRow[] = [];
    const arms: ArmRow[] = [];
    const coAdministered: CoAdministeredRow[] = [];
    for (const [i, s] of slice.entries()) {
      const rowKey = keys[start + i]!;
      const hash = contentHash(s);
      const before = ctx.existing.get(rowKey);
      const trialId = s.registry ? (ctx.trials.get(s.registry.id) ?? null) : null;
      if (before && before.contentHash === hash) {
        tally.unchanged++;
        continue;
      }
      if (before?.editedAt) {
        tally.conflicts.push(label(s));
        continue;
      }
      const id = before?.id ?? orderedUuid();
      const c = children(id, s);
      const content = studyContent(s);
      if (before) {
        updates.push({ id, data: { ...content, trialId, contentHash: hash, version: { increment: 1 } } });
        tally.updated.push(label(s));
      } else {
        creates.push({
          id,
          source_id: ctx.sourceId,
          row_key: rowKey,
          disease_code: content.diseaseCode,
          disease: content.disease,
          routes: content.routes,
          route_text: content.routeText,
          tissues: content.tissues,
          donors: content.donors,
          enrollment: content.enrollment,
          outcome: content.outcome,
          registry_text: content.registryText,
          trial_id: trialId,
          reference: content.reference,
          publication_year: content.publicationYear,
          first_author: content.firstAuthor,
          title: content.title,
          journal: content.journal,
          doi: content.doi,
          pmid: content.pmid,
          phase: content.phase,
          design_text: content.designText,
          design: content.design,
          source_line: content.sourceLine,
          source_text: content.sourceText,
          content_hash: hash,
          ...doseLists(c.arms),
        });
        tally.added.push(label(s));
      }
      products.push(...c.products);
      arms.push(...c.arms);
      coAdministered.push(...c.coAdministered);
    }
    return {
      size: slice.length,
      updates,
      creates: json(creates),
      products: json(products),
      arms: json(arms),
      coAdministered: json(coAdministered),
    };
  };
  return { tally, prepare };
}

type Chunk = ReturnType<ReturnType<typeof importRun>["prepare"]>;

/** Changed studies take their new content and lose their old products and arms. */
async function applyUpdates(tx: Tx, updates: Chunk["updates"]) {
  const replaced = updates.map((u) => u.id);
  for (const u of updates) await tx.study.update({ where: { id: u.id }, data: u.data });
  if (replaced.length > 0) {
    await tx.coAdministeredProduct.deleteMany({ where: { studyId: { in: replaced } } });
    await tx.doseArm.deleteMany({ where: { studyId: { in: replaced } } });
    await tx.cellProduct.deleteMany({ where: { studyId: { in: replaced } } });
  }
}

const TABLES = {
  studies: "studies",
  products: "cell_products",
  arms: "dose_arms",
  coAdministered: "co_administered_products",
} as const;
type Tables = Record<keyof typeof TABLES, string>;

async function insertChunk(tx: Tx, chunk: Chunk, into: Tables) {
  if (chunk.creates.count > 0) await insertStudies(tx, chunk.creates, into.studies);
  if (chunk.products.count > 0) await insertProducts(tx, chunk.products, into.products);
  if (chunk.arms.count > 0) await insertArms(tx, chunk.arms, into.arms);
  if (chunk.coAdministered.count > 0)
    await insertCoAdministered(tx, chunk.coAdministered, into.coAdministered);
}

/** The end of every import: indexes back, changed studies' dose lists, the batch and its audit. */
async function finishImport(
  tx: Tx,
  request: ImportRequest,
  ctx: ImportContext,
  tally: ReturnType<typeof importRun>["tally"],
  rebuild: string[],
  replacedIds: string[],
  rowsRead: number,
  leftOut: ImportOutcome["leftOut"],
): Promise<ImportOutcome> {
  for (const definition of rebuild) await tx.$executeRawUnsafe(definition);
  await tx.$executeRaw`SELECT set_config('evidence.import_writes_dose_lists', 'off', true)`;
  if (replacedIds.length > 0) await tx.$executeRaw`SELECT refresh_study_doses(${replacedIds}::uuid[])`;
  const { added, updated, conflicts, unchanged } = tally;
  const batch = await tx.importBatch.create({
    data: {
      sourceId: ctx.sourceId,
      fileName: request.fileName ?? null,
      format: request.format,
      rowsRead,
      added: added.length,
      updated: updated.length,
      unchanged,
      conflicts: conflicts.length,
      problems: [...request.problems, ...request.studies.flatMap((s) => s.problems)].slice(
        0,
        1000,
      ) as unknown as Prisma.InputJsonValue,
      createdById: request.actorId,
    },
  });
  await audit(tx, {
    actorId: request.actorId,
    action: "import.run",
    entityType: "ImportBatch",
    entityId: batch.id,
    after: {
      source: request.sourceName,
      added: added.length,
      updated: updated.length,
      unchanged,
      conflicts: conflicts.length,
      leftOut: leftOut.length,
    },
  });
  return { batchId: batch.id, rowsRead: batch.rowsRead, added, updated, unchanged, conflicts, leftOut };
}

/** Imports running in this process (the health check says "busy" while one runs staged). */
let stagedImports = 0;
export const importsRunning = () => stagedImports;

export async function importEvidence(
  db: Db,
  request: ImportRequest,
  onProgress: ImportProgress = () => {},
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const errorLines = new Set(
    [...request.problems, ...request.studies.flatMap((s) => s.problems)]
      .filter((p) => p.severity === "error" && p.line !== null)
      .map((p) => p.line!),
  );
  const importable = request.studies.filter((s) => !s.problems.some((p) => p.severity === "error"));
  const leftOut = [...request.problems, ...request.studies.flatMap((s) => s.problems)]
    .filter((p) => p.severity === "error")
    .map((p) => ({ line: p.line ?? 0, message: p.message }));
  const keys = rowKeys(importable);
  const total = importable.length;
  const rowsRead = request.studies.length + errorLines.size;
  const staged = options.staged ?? process.env.EVIDENCE_EMBEDDED_DB === "1";
  if (staged) return stagedImport(db, request, onProgress, { importable, keys, leftOut, rowsRead });

  return db.$transaction(
    async (tx) => {
      const ctx = await openImport(tx, request, importable);
      // New studies get their dose lists with them; changed ones are refreshed at the end.
      await tx.$executeRaw`SELECT set_config('evidence.import_writes_dose_lists', 'on', true)`;
      const rebuild = await bulkLoad(tx, keys.filter((k) => !ctx.existing.has(k)).length);
      const { tally, prepare } = importRun(ctx, importable, keys);
      const replacedIds: string[] = [];
      let done = 0;
      const write = async (chunk: Chunk) => {
        replacedIds.push(...chunk.updates.map((u) => u.id));
        await applyUpdates(tx, chunk.updates);
        await insertChunk(tx, chunk, TABLES);
        done += chunk.size;
        onProgress(done, total);
      };
      // The next chunk is worked out while PostgreSQL writes this one (two processes, two cores).
      let next = importable.length > 0 ? prepare(0) : null;
      for (let start = CHUNK; next; start += CHUNK) {
        const writing = write(next);
        next = start < importable.length ? await afterSend(() => prepare(start)) : null;
        await writing;
      }
      return finishImport(tx, request, ctx, tally, rebuild, replacedIds, rowsRead, leftOut);
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

/**
 * The staged import (see ImportOptions): a short transaction to find the source, the rows there
 * already and the registered trials; one short transaction per chunk into UNLOGGED staging
 * tables, with a pause between them for everyone else; then one transaction that applies the
 * changes and moves the staged rows in (loading in bulk when the import is large, as above).
 * Should it fail, the staging tables go, and so do the trials and the source it created.
 */
async function stagedImport(
  db: Db,
  request: ImportRequest,
  onProgress: ImportProgress,
  job: { importable: StudyReading[]; keys: string[]; leftOut: ImportOutcome["leftOut"]; rowsRead: number },
): Promise<ImportOutcome> {
  const { importable, keys, leftOut, rowsRead } = job;
  const tag = randomUUID().replace(/-/g, "").slice(0, 16);
  const stage: Tables = {
    studies: `import_stage_${tag}_studies`,
    products: `import_stage_${tag}_products`,
    arms: `import_stage_${tag}_arms`,
    coAdministered: `import_stage_${tag}_co_administered`,
  };
  stagedImports++;
  const ctx = await db.$transaction((tx) => openImport(tx, request, importable));
  try {
    for (const [k, table] of Object.entries(stage))
      await db.$executeRawUnsafe(
        `CREATE UNLOGGED TABLE ${table} (LIKE ${TABLES[k as keyof Tables]} INCLUDING DEFAULTS)`,
      );
    const { tally, prepare } = importRun(ctx, importable, keys);
    const updates: Chunk["updates"] = [];
    let done = 0;
    for (let start = 0; start < importable.length; start += CHUNK) {
      const chunk = prepare(start);
      updates.push(...chunk.updates);
      await db.$transaction((tx) => insertChunk(tx, chunk, stage));
      done += chunk.size;
      onProgress(done, importable.length);
      // Everyone else's statements run now.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('evidence.import_writes_dose_lists', 'on', true)`;
        const rebuild = await bulkLoad(tx, keys.filter((k) => !ctx.existing.has(k)).length);
        await applyUpdates(tx, updates);
        for (const [k, table] of Object.entries(stage)) {
          const target = TABLES[k as keyof Tables];
          const columns = await tx.$queryRaw<{ name: string }[]>`
            SELECT column_name AS name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ${target} AND is_generated = 'NEVER'
             ORDER BY ordinal_position`;
          const list = columns.map((c) => `"${c.name}"`).join(", ");
          await tx.$executeRawUnsafe(`INSERT INTO ${target} (${list}) SELECT ${list} FROM ${table}`);
        }
        return finishImport(
          tx,
          request,
          ctx,
          tally,
          rebuild,
          updates.map((u) => u.id),
          rowsRead,
          leftOut,
        );
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  } catch (error) {
    // Nothing of a failed import stays: the trials and the source it created go too.
    const created = ctx.trials.created ?? [];
    await db.$executeRaw`DELETE FROM registered_trials t WHERE t.id = ANY(${created}::uuid[])
                          AND NOT EXISTS (SELECT 1 FROM studies s WHERE s.trial_id = t.id)`.catch(() => {});
    await db.$executeRaw`DELETE FROM evidence_sources e WHERE e.id = ${ctx.sourceId}::uuid
                          AND NOT EXISTS (SELECT 1 FROM studies s WHERE s.source_id = e.id)
                          AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.source_id = e.id)`.catch(
      () => {},
    );
    throw error;
  } finally {
    for (const table of Object.values(stage))
      await db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    stagedImports--;
  }
}
