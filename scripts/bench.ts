// `npm run bench -- [--sizes 1000,10000,100000] [--runs 30]`: for each size, a fresh database on
// the local PostgreSQL with that many synthetic studies; then, in the same run, times
// (a) the dashboard aggregates through the app's own code (Prisma client, driver adapter),
// computed afresh, (b) the very same SQL run bare through node-postgres (the dashboard's two
// statements at once on two connections, as the app runs them; (a) and (b) in alternation),
// (a') the app's cached path for a repeated view of unchanged data, (c) a page of the studies
// table (first page and a middle page, offset pagination), and (d) the dose chart's data,
// computed and cached. Prints medians, p95 and the ratio a/b.
import { parseArgs } from "node:util";
import pg from "pg";
import { parseFilter } from "../lib/domain/filter/filter.ts";
import { cachedDashboard, dashboardSql, queryDashboard } from "../lib/server/sql/dashboard.ts";
import { cachedDoseChart, queryDoseChart } from "../lib/server/sql/dose-chart.ts";
import { CONNECTION_OPTIONS, createPrismaClient } from "../lib/server/sql/client.ts";
import { queryStudyTable } from "../lib/server/sql/study-table.ts";
import { createFreshDatabase, dropDatabase } from "../tests/support/databases.ts";
import { synthesise } from "./synth.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    runs: { type: "string", default: "30" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);

const FILTERS = {
  "all studies": "",
  "disease=SLE": "disease=SLE",
  "dose 1–5 × 10⁶/kg, I.V, registered": "doseMin=1e6&doseMax=5e6&route=I.V&registered=yes",
  "search 'relapse', bone marrow": "q=relapse&source=BM",
};

async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]!,
  };
}

/** Times two functions in alternation, so that both see the same moments of a machine whose
 * speed drifts (on this one, by up to a third between minutes). */
async function timePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[{ median: number; p95: number }, { median: number; p95: number }]> {
  const samples: [number[], number[]] = [[], []];
  const fns = [a, b];
  for (let i = 0; i < 3; i++) for (const fn of fns) await fn(); // warm up
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      samples[k]!.push(performance.now() - t);
    }
  }
  const stats = (v: number[]) => {
    v.sort((x, y) => x - y);
    return {
      median: v[Math.floor(v.length / 2)]!,
      p95: v[Math.min(v.length - 1, Math.ceil(v.length * 0.95) - 1)]!,
    };
  };
  return [stats(samples[0]), stats(samples[1])];
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
console.info(`node ${process.version}, ${runs} timed runs per query after 3 warm-up runs; medians and p95`);
for (const size of sizes) {
  const name = `evidence_bench_${size}`;
  const url = await createFreshDatabase(name);
  const t = performance.now();
  // The data is written by its own client, as an import would; the timings below use fresh
  // connections, as the app's server would.
  const writer = createPrismaClient(url, 4);
  await synthesise(writer, size);
  await writer.$disconnect();
  const db = createPrismaClient(url, 4);
  const bare = new pg.Client({ connectionString: url, options: CONNECTION_OPTIONS });
  const bare2 = new pg.Client({ connectionString: url, options: CONNECTION_OPTIONS });
  try {
    await bare.connect();
    await bare2.connect();
    // What autovacuum does after a bulk load (PostgreSQL ≥ 13 vacuums after inserts too): statistics
    // and the visibility map, which index-only scans read.
    await bare.query("VACUUM ANALYZE");
    const arms = (await bare.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM dose_arms")).rows[0]!.n;
    console.info(
      `\n${size.toLocaleString("en")} studies, ${arms.toLocaleString("en")} arms (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    for (const [label, query] of Object.entries(FILTERS)) {
      const { filter } = parseFilter(new URLSearchParams(query));
      const { facets, doses } = dashboardSql(filter);
      const [app, raw] = await timePair(
        () => queryDashboard(db, filter),
        () => Promise.all([bare.query(facets.text, facets.values), bare2.query(doses.text, doses.values)]),
      );
      const cached = await time(() => cachedDashboard(db, filter));
      console.info(
        `  dashboard [${label}]: app ${ms(app.median)} (p95 ${ms(app.p95)}), bare SQL ${ms(raw.median)} (p95 ${ms(raw.p95)}), ratio ${(app.median / raw.median).toFixed(2)}; app with cache ${ms(cached.median)} (p95 ${ms(cached.p95)})`,
      );
    }
    for (const [label, query] of Object.entries(FILTERS)) {
      const { filter } = parseFilter(new URLSearchParams(query));
      const cold = await time(() => queryDoseChart(db, filter, { groupBy: "disease" }));
      const warm = await time(() => cachedDoseChart(db, filter, { groupBy: "disease" }));
      console.info(
        `  dose chart [${label}]: computed ${ms(cold.median)} (p95 ${ms(cold.p95)}); app with cache ${ms(warm.median)} (p95 ${ms(warm.p95)})`,
      );
    }
    for (const [label, query] of Object.entries(FILTERS).slice(0, 3)) {
      const { filter } = parseFilter(new URLSearchParams(query));
      const first = await time(() =>
        queryStudyTable(db, filter, { sort: "table", direction: "asc", page: 1, pageSize: 50 }),
      );
      const sorted = await time(() =>
        queryStudyTable(db, filter, {
          sort: "enrollment",
          direction: "desc",
          page: 1,
          pageSize: 50,
        }),
      );
      const deep = await time(() =>
        queryStudyTable(db, filter, {
          sort: "table",
          direction: "asc",
          page: Math.max(1, Math.floor(size / 50 / 2)),
          pageSize: 50,
        }),
      );
      console.info(
        `  table [${label}]: page 1 ${ms(first.median)} (p95 ${ms(first.p95)}), by enrollment ${ms(sorted.median)}, middle page ${ms(deep.median)} (p95 ${ms(deep.p95)})`,
      );
    }
  } finally {
    await bare.end().catch(() => undefined);
    await bare2.end().catch(() => undefined);
    await db.$disconnect();
    await dropDatabase(name);
  }
}
