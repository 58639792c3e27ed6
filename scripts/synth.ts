// `npm run db:synth -- --studies 100000 [--seed 1]`: adds seeded-random synthetic studies to
// DATABASE_URL through the importer (so they have products, arms, registered trials and
// normalised doses like real rows). The same seed always makes the same studies.
import { parseArgs } from "node:util";
import { NO_CITATION } from "../lib/domain/import/citation.ts";
import { armsOfCell, type StudyReading } from "../lib/domain/import/evidence-table.ts";
import { readCellProduct } from "../lib/domain/import/product.ts";
import { readRegistryId } from "../lib/domain/registry.ts";
import { importEvidence } from "../lib/server/sql/import-evidence.ts";
import pg from "pg";
import { createPrismaClient, type Db } from "../lib/server/sql/client.ts";
import { migrationStatus } from "../lib/server/sql/migrations.ts";

/** Synthetic tables repeat their dose texts: read each once. */
const readings = new Map<string, ReturnType<typeof armsOfCell>["arms"][number]>();
function readArm(text: string) {
  let arm = readings.get(text);
  if (!arm) {
    arm = armsOfCell(text, {}, 0).arms[0]!;
    readings.set(text, arm);
  }
  return { ...arm };
}

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISEASES: [string, string, number][] = [
  ["RA", "Rheumatoid arthritis", 14],
  ["T1DM", "Type 1 diabetes mellitus", 10],
  ["MS", "Multiple sclerosis", 14],
  ["SLE", "Systemic lupus erythematosus", 12],
  ["IBD", "Inflammatory bowel disease", 12],
  ["SS", "Sjogren's syndrome", 3],
  ["GvHD", "Graft-versus-host disease", 12],
  ["ARDS", "Acute respiratory distress syndrome", 8],
  ["OA", "Osteoarthritis", 9],
  ["ALS", "Amyotrophic lateral sclerosis", 6],
];
const ROUTES: [string[], number][] = [
  [["I.V"], 70],
  [["I.T"], 8],
  [["I.L"], 7],
  [["I.A"], 4],
  [["I.T", "I.V"], 4],
  [["Intra-articular"], 7],
];
const PRODUCTS: [string, number][] = [
  ["Autologous BM-MSC", 22],
  ["BM-MSC", 14],
  ["Allogeneic BM-MSC", 8],
  ["hUC-MSC", 24],
  ["hUC-MSC with IFN-γ", 2],
  ["AD-MSC", 10],
  ["Autologous AD-MSC", 6],
  ["AD-ASC + Vit D", 2],
  ["WJ-MSC", 6],
  ["Placenta-MSC", 3],
  ["MSC-NP", 2],
  ["MB-MSC", 1],
];
const OUTCOMES = [
  "Clinical efficacy",
  "Safe and feasible",
  "No added benefit over standard care",
  "Immunomodulatory effects",
  "Relapse after 6 months",
];

export function synthesiseStudies(count: number, seed = 1): StudyReading[] {
  const random = mulberry32(seed);
  const weighted = <T>(items: [T, number][]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [item, w] of items) if ((r -= w) <= 0) return item;
    return items[0]![0];
  };
  const logNormal = (median: number, sigma: number) =>
    median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
  const trials = Math.max(1, Math.round(count * 0.45));
  const studies: StudyReading[] = [];
  // Publications of one registered trial share its disease, route and product, as in real tables.
  const trialDesign = new Map<
    number,
    { disease: readonly [string, string]; routes: string[]; product: string }
  >();
  const design = () => ({
    disease: weighted(DISEASES.map(([c, n, w]) => [[c, n] as const, w])),
    routes: weighted(ROUTES),
    product: weighted(PRODUCTS),
  });
  for (let i = 0; i < count; i++) {
    const registered = random() < 0.6;
    const trial = Math.floor(random() * trials);
    let d = design();
    if (registered) {
      d = trialDesign.get(trial) ?? d;
      trialDesign.set(trial, d);
    }
    const [code, name] = d.disease;
    const routes = d.routes;
    const productText = d.product;
    const enrollment = Math.max(3, Math.round(logNormal(22, 0.9)));
    const armsCount = random() < 0.15 ? 2 + Math.floor(random() * 2) : 1;
    const kind = random();
    const doseTexts: string[] = [];
    for (let a = 0; a < armsCount; a++) {
      const mantissa = Number(logNormal(1.5, 0.8).toPrecision(2));
      if (kind < 0.6) doseTexts.push(`${mantissa} × 106/kg`);
      else if (kind < 0.9) doseTexts.push(`${mantissa} × 108 cells`);
      else if (kind < 0.94) doseTexts.push(`${Math.round(mantissa * 20)} × 106/joint`);
      else if (kind < 0.96) doseTexts.push(`${mantissa} × 106/ml`);
      else doseTexts.push("Unknown");
    }
    const registryText = registered ? `NCT${String(10_000_000 + trial).padStart(8, "0")}` : "Unknown";
    const registry = readRegistryId(registryText);
    const arms = doseTexts.map((t) => ({
      ...readArm(t),
      n: armsCount > 1 ? Math.max(1, Math.round(enrollment / armsCount)) : enrollment,
    }));
    studies.push({
      line: i + 2,
      endLine: i + 2,
      sourceText: `synthetic row ${i + 1}`,
      diseaseCode: code,
      disease: name,
      routes,
      routeText: routes.join(" & "),
      products: [readCellProduct(productText)],
      arms,
      coAdministered: [],
      enrollment: armsCount > 1 ? arms.reduce((s, a) => s + (a.n ?? 0), 0) : enrollment,
      outcome: OUTCOMES[Math.floor(random() * OUTCOMES.length)]!,
      registryText,
      registry: registry.kind === "id" ? registry.value : null,
      reference: `[S${i + 1}]`,
      citation: { ...NO_CITATION, year: 2005 + Math.floor(random() * 20) },
      phase: null,
      designText: null,
      problems: [],
    });
  }
  return studies;
}

export async function synthesise(db: Db, count: number, seed = 1) {
  return importEvidence(db, {
    sourceName: `Synthetic studies (seed ${seed})`,
    citation: "Generated by npm run db:synth for load tests; not real trials.",
    format: "csv",
    studies: synthesiseStudies(count, seed),
    problems: [],
    actorId: null,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { studies: { type: "string", default: "10000" }, seed: { type: "string", default: "1" } },
  });
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set.");
    process.exit(1);
  }
  // A database without the app's tables (or with migrations pending) says what to run.
  const check = new pg.Client({ connectionString: url });
  try {
    await check.connect();
    const { pending, problems } = await migrationStatus(check);
    if (pending.length || problems.length) {
      console.error(
        pending.length
          ? `The database in DATABASE_URL lacks ${pending.length} migration(s) of this version of the app. Run \`npm run db:migrate\` first, then this again.`
          : `The database in DATABASE_URL has migrations this version does not know (${problems.join(", ")}).`,
      );
      process.exit(1);
    }
  } catch (error) {
    console.error(
      `Cannot reach the database in DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  } finally {
    await check.end().catch(() => {});
  }
  const db = createPrismaClient(url, 2);
  const started = Date.now();
  const outcome = await synthesise(db, Number(values.studies), Number(values.seed));
  console.info(
    `${outcome.added.length} synthetic studies added, ${outcome.unchanged} already there (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  await db.$disconnect();
}
