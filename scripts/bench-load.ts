// `npm run bench:load -- [--studies 100000] [--clients 20] [--seconds 10] [--embedded-clients 5]
// [--live 100] [--only "study page"] [--profile DIR] [--no-embedded] [--build]`: what a person waits for,
// page by page, while a team works.
//
// 1. Builds the app if there is no build (or with --build).
// 2. Starts a PostgreSQL of its own (initdb in a temporary folder, a free port, pg_stat_statements
//    loaded) so that the database time of every statement can be read per page; where that is not
//    possible (no initdb, not root or postgres) it uses the server on 127.0.0.1:5432 and prints
//    no database times.
// 3. Fills a fresh database with --studies synthetic studies, a cohort and a share link, starts
//    the app (scripts/serve.ts) on a free loopback port and signs in --clients reviewers.
// 4. For each page, in alternation with a light signed-in page (/cohorts) as the in-run
//    reference, keeps --clients requests in flight for --seconds and prints requests/s,
//    p50/p95/p99, errors, the ratio to the reference, and the statements that took the most
//    database time per request.
//    Meanwhile --live open live connections (/api/live, a fifth of them on a study page with
//    presence) receive one change a second, written to the audit events as an edit would; it
//    prints how many arrived and how late.
// 5. The same, with --embedded-clients, for the embedded database (PGlite) holding the seed.
//
// Everything talks to 127.0.0.1 only, is bounded in time and stops by itself.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { gzipSync } from "node:zlib";
import { parseFilter } from "../lib/domain/filter/filter.ts";
import { storeFilter } from "../lib/domain/filter/stored.ts";
import { createPrismaClient, type Db } from "../lib/server/sql/client.ts";
import { migrate } from "../lib/server/sql/migrations.ts";
import { makeUser } from "../tests/support/factories.ts";
import { freePort, startEmbeddedDatabase } from "./embedded-db.ts";
import { startOwnPostgres } from "./own-postgres.ts";
import { pageScripts } from "./page-scripts.ts";
import { synthesise } from "./synth.ts";

const { values } = parseArgs({
  options: {
    studies: { type: "string", default: "100000" },
    clients: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    "embedded-clients": { type: "string", default: "5" },
    "no-embedded": { type: "boolean", default: false },
    // Open live connections (server-sent events) held beside the clients, fed one change a second.
    live: { type: "string", default: "100" },
    build: { type: "boolean", default: false },
    // Writes a CPU profile of each app process into this folder (for finding per-request work).
    profile: { type: "string" },
    // Runs only the pages whose name contains this text (e.g. "study page").
    only: { type: "string" },
  },
});
const STUDIES = Number(values.studies);
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const EMBEDDED_CLIENTS = Number(values["embedded-clients"]);
const LIVE = Number(values.live);
/** Streams per listening account (the app allows six per person). */
const STREAMS_PER_USER = 5;
const PASSWORD = "bench password, not a secret";
const TIMEOUT_MS = 10_000;
const cleanups: (() => Promise<void>)[] = [];

function say(line: string) {
  console.info(`[bench:load] ${line}`);
}

// ---------------------------------------------------------------------------------------------
// A PostgreSQL of the bench's own, so that pg_stat_statements can be loaded without touching the
// machine's server.

interface Postgres {
  adminUrl: string;
  statements: boolean;
}

async function ownPostgres(): Promise<Postgres | null> {
  const started = await startOwnPostgres([
    "shared_preload_libraries=pg_stat_statements",
    "pg_stat_statements.track=all",
    "shared_buffers=1GB",
    "max_connections=200",
  ]);
  if (!started.ok) {
    say(`could not start a PostgreSQL of its own (${started.reason})`);
    return null;
  }
  const own = started.pg;
  cleanups.push(() => own.destroy());
  say(`PostgreSQL 15 of its own on 127.0.0.1:${own.port} (pg_stat_statements loaded)`);
  return { adminUrl: own.adminUrl, statements: true };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The app.

function ensureBuild() {
  if (!values.build && existsSync(".next/BUILD_ID")) {
    say("using the existing build in .next (--build to rebuild)");
    return;
  }
  say("building the app");
  const res = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.status !== 0) throw new Error("the build failed");
}

async function startApp(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = values.profile
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`, "--import", "tsx", "scripts/serve.ts"]
    : ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts"];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  cleanups.push(stop);
  // Our own server: wait for the line it prints with our port, then for its health check.
  const deadline = Date.now() + 120_000;
  while (!output.includes(`listening on ${base}`)) {
    if (child.exitCode !== null) throw new Error(`the app exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the app did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const health = await request(base, "/api/health", {});
  if (health.status !== 200) throw new Error(`health check: ${health.status}`);
  return { base, child };
}

// ---------------------------------------------------------------------------------------------
// HTTP with keep-alive, one agent per client.

const agents = new Map<string, http.Agent>();
function agentOf(client: string): http.Agent {
  let agent = agents.get(client);
  if (!agent) agents.set(client, (agent = new http.Agent({ keepAlive: true, maxSockets: 4 })));
  return agent;
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(
  base: string,
  pathname: string,
  options: {
    timeout?: number;
    cookie?: string;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    client?: string;
  },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathname, base);
    const req = http.request(
      url,
      {
        method: options.method ?? "GET",
        agent: agentOf(options.client ?? "setup"),
        timeout: options.timeout ?? TIMEOUT_MS,
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          "accept-encoding": "identity",
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

function cookiesOf(res: Response): string[] {
  const set = res.headers["set-cookie"] ?? [];
  return set.map((c) => c.split(";")[0]!).filter((c) => !c.endsWith("="));
}

async function signIn(base: string, email: string, client: string): Promise<string> {
  const csrf = await request(base, "/api/auth/csrf", { client, timeout: 60_000 });
  const jar = cookiesOf(csrf);
  const token = (JSON.parse(csrf.body.toString()) as { csrfToken: string }).csrfToken;
  const form = new URLSearchParams({ csrfToken: token, email, password: PASSWORD, json: "true" });
  const res = await request(base, "/api/auth/callback/credentials", {
    client,
    timeout: 60_000,
    method: "POST",
    cookie: jar.join("; "),
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
  });
  const session = cookiesOf(res).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in of ${email} failed (${res.status})`);
  return session;
}

// ---------------------------------------------------------------------------------------------
// Load.

interface Run {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  bytes: number;
}

async function drive(base: string, cookies: string[], paths: string[], seconds: number): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let next = 0;
  await Promise.all(
    cookies.map(async (cookie, i) => {
      while (performance.now() < end) {
        const p = paths[next++ % paths.length]!;
        const t = performance.now();
        try {
          const res = await request(base, p, { cookie, client: `c${i}` });
          if (res.status !== 200) errors++;
          else latencies.push(performance.now() - t);
          bytes += res.body.length;
        } catch {
          errors++;
        }
      }
    }),
  );
  return {
    requests: latencies.length,
    errors,
    seconds: (performance.now() - start) / 1000,
    latencies,
    bytes,
  };
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
}

interface Statement {
  query: string;
  calls: number;
  ms: number;
}

async function topStatements(url: string | null): Promise<Statement[]> {
  if (!url) return [];
  const res = await adminQuery(
    url,
    `SELECT query, calls::int AS calls, total_exec_time AS ms FROM pg_stat_statements
      WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 4`,
  );
  return res.rows as Statement[];
}

interface PageResult {
  page: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  refRps: number;
  dbMsPerRequest: number | null;
  statements: Statement[];
}

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "–");

async function benchPages(
  label: string,
  base: string,
  cookies: string[],
  pages: { name: string; paths: string[] }[],
  statementsUrl: string | null,
): Promise<PageResult[]> {
  const reference = ["/cohorts"];
  // Warm up every page (compiles nothing in production, but fills caches and the JIT).
  for (const page of [{ name: "reference", paths: reference }, ...pages])
    await drive(base, cookies.slice(0, 2), page.paths, 1);
  const results: PageResult[] = [];
  for (const page of pages) {
    const ref = await drive(base, cookies, reference, SECONDS / 2);
    if (statementsUrl) await adminQuery(statementsUrl, "SELECT pg_stat_statements_reset()");
    const run = await drive(base, cookies, page.paths, SECONDS);
    const statements = await topStatements(statementsUrl);
    let dbMs: number | null = null;
    if (statementsUrl) {
      const all = await adminQuery(
        statementsUrl,
        `SELECT COALESCE(SUM(total_exec_time), 0) AS ms FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'`,
      );
      dbMs = Number((all.rows[0] as { ms: number }).ms) / Math.max(1, run.requests + run.errors);
    }
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const r: PageResult = {
      page: page.name,
      rps: run.requests / run.seconds,
      p50: pct(sorted, 0.5),
      p95: pct(sorted, 0.95),
      p99: pct(sorted, 0.99),
      errors: run.errors,
      refRps: ref.requests / ref.seconds,
      dbMsPerRequest: dbMs,
      statements,
    };
    results.push(r);
    say(
      `${label} ${page.name}: ${f(r.rps, 1)} req/s (reference ${f(r.refRps, 1)}, ${f(r.rps / r.refRps, 2)}×), p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, p99 ${f(r.p99)} ms, ${r.errors} errors` +
        (dbMs === null ? "" : `, database ${f(dbMs, 1)} ms/request`),
    );
    for (const s of statements.slice(0, 3))
      say(
        `    ${f(s.ms / Math.max(1, run.requests), 2)} ms/request, ${f(s.calls / Math.max(1, run.requests), 2)} calls/request: ${s.query.replace(/\s+/g, " ").slice(0, 110)}`,
      );
  }
  return results;
}

function table(label: string, results: PageResult[]) {
  console.info(`\n${label}`);
  console.info("| page | req/s | × reference | p50 ms | p95 ms | p99 ms | errors | db ms/req |");
  console.info("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results)
    console.info(
      `| ${r.page} | ${f(r.rps, 1)} | ${f(r.rps / r.refRps, 2)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.errors} | ${r.dbMsPerRequest === null ? "–" : f(r.dbMsPerRequest, 1)} |`,
    );
}

// ---------------------------------------------------------------------------------------------
// Open live connections beside the clients.

interface LiveLoad {
  stop(): Promise<{
    streams: number;
    open: number;
    written: number;
    delivered: number;
    expected: number;
    p50: number;
    p95: number;
    max: number;
  }>;
}

async function holdLiveConnections(
  base: string,
  url: string,
  cookies: string[],
  studyIds: string[],
): Promise<LiveLoad> {
  const writtenAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  let open = 0;
  const requests: http.ClientRequest[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < LIVE; i++) {
    const cookie = cookies[Math.floor(i / STREAMS_PER_USER) % cookies.length]!;
    const study = i % 5 === 0 ? `?study=${studyIds[i % studyIds.length]}` : "";
    ready.push(
      new Promise<void>((resolve, reject) => {
        const req = http.request(new URL(`/api/live${study}`, base), {
          agent: false,
          headers: { cookie, accept: "text/event-stream" },
        });
        req.on("response", (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`live connection refused (${res.statusCode})`));
            res.resume();
            return;
          }
          open += 1;
          let buffer = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              const message = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (message.includes("event: ready")) resolve();
              const id = /^id: (\d+)$/m.exec(message)?.[1];
              const at = id ? writtenAt.get(id) : undefined;
              if (at !== undefined) {
                delivered += 1;
                latencies.push(performance.now() - at);
              }
            }
          });
          res.on("close", () => (open -= 1));
        });
        req.on("error", (e) => reject(e));
        req.end();
        requests.push(req);
      }),
    );
  }
  await Promise.all(ready);
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  let stopped = false;
  let written = 0;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      const { rows } = await writer.query<{ id: string }>(
        `INSERT INTO audit_events (action, entity_type, entity_id, study_id)
         VALUES ('bench.live', 'annotation', 'bench', $1::uuid) RETURNING id::text AS id`,
        [studyIds[written % studyIds.length]],
      );
      writtenAt.set(rows[0]!.id, t);
      written += 1;
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  say(`${open} live connections open (${STREAMS_PER_USER} per account), one change a second`);
  return {
    async stop() {
      stopped = true;
      await loop;
      // The last change's delivery.
      await new Promise((r) => setTimeout(r, 1500));
      await writer.end();
      const stillOpen = open;
      for (const req of requests) req.destroy();
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        streams: LIVE,
        open: stillOpen,
        written,
        delivered,
        expected: written * LIVE,
        p50: pct(sorted, 0.5),
        p95: pct(sorted, 0.95),
        max: sorted[sorted.length - 1] ?? NaN,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Data the pages need: users, a cohort, a share link, some study ids.

async function prepare(db: Db, clients: number, listeners = 0) {
  const users: string[] = [];
  for (let i = 0; i < clients; i++) {
    const email = `bench-${i}@example.test`;
    await makeUser(db, i === 0 ? "admin" : "reviewer", { email, password: PASSWORD });
    users.push(email);
  }
  const liveUsers: string[] = [];
  for (let i = 0; i < Math.ceil(listeners / STREAMS_PER_USER); i++) {
    const email = `bench-live-${i}@example.test`;
    await makeUser(db, "reviewer", { email, password: PASSWORD });
    liveUsers.push(email);
  }
  const owner = await db.user.findFirstOrThrow({ where: { email: users[0] } });
  const diseaseRow = await db.$queryRaw<{ code: string }[]>`
    SELECT disease_code AS code FROM studies GROUP BY disease_code ORDER BY COUNT(*) DESC LIMIT 1`;
  const disease = diseaseRow[0]!.code;
  const cohort = await db.cohort.create({
    data: {
      slug: `bench-${randomBytes(4).toString("hex")}`,
      name: "Bench cohort",
      ownerId: owner.id,
      filter: storeFilter(parseFilter(new URLSearchParams({ disease })).filter),
    },
  });
  const token = randomBytes(32).toString("base64url");
  await db.shareLink.create({
    data: {
      cohortId: cohort.id,
      tokenHash: createHash("sha256").update(token, "utf8").digest("hex"),
      createdById: owner.id,
    },
  });
  const studyIds = (
    await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM studies ORDER BY id LIMIT 20`
  ).map((r) => r.id);
  const count = await db.study.count();
  return {
    users,
    liveUsers,
    disease,
    cohortSlug: cohort.slug,
    token,
    studyIds,
    pages: Math.max(1, Math.ceil(count / 25)),
  };
}

function pagesOf(p: Awaited<ReturnType<typeof prepare>>) {
  const all = allPagesOf(p);
  return values.only ? all.filter((page) => page.name.includes(values.only!)) : all;
}

function allPagesOf(p: Awaited<ReturnType<typeof prepare>>) {
  const d = encodeURIComponent(p.disease);
  return [
    { name: `dashboard (disease=${p.disease})`, paths: [`/?disease=${d}`] },
    {
      name: "dashboard (dose 1–5×10⁶/kg, I.V, registered)",
      paths: ["/?doseMin=1e6&doseMax=5e6&route=I.V&registered=yes"],
    },
    {
      name: "studies table (first, middle, sorted)",
      paths: ["/studies", `/studies?page=${Math.ceil(p.pages / 2)}`, "/studies?sort=enrollment&dir=desc"],
    },
    { name: `charts (disease=${p.disease})`, paths: [`/charts?disease=${d}`] },
    // What the charts page's chart then reads (its points are not in the page).
    { name: `chart data (disease=${p.disease})`, paths: [`/api/charts.json?disease=${d}&group=disease`] },
    { name: "a study page", paths: p.studyIds.map((id) => `/studies/${id}`) },
    { name: "a cohort page", paths: [`/cohorts/${p.cohortSlug}`] },
    { name: "a share page", paths: [`/share/${p.token}`] },
  ];
}

async function pageWeights(base: string, cookie: string, paths: string[]) {
  const scripts = new Map<string, number>();
  for (const p of paths) {
    const res = await request(base, p, { cookie, timeout: 60_000 });
    // First-load JavaScript: the scripts the page's HTML names and preloads, gzipped, without the
    // nomodule polyfills a current browser never fetches (as `npm run bench:first-load` counts).
    let js = 0;
    for (const src of pageScripts(res.body.toString()).loaded) {
      if (!scripts.has(src))
        scripts.set(src, gzipSync((await request(base, src, { timeout: 60_000 })).body).length);
      js += scripts.get(src)!;
    }
    say(
      `weight of ${p}: ${f(res.body.length / 1024)} kB HTML, ${f(gzipSync(res.body).length / 1024, 1)} kB gzipped; first-load JavaScript ${f(js / 1024)} kB gzipped`,
    );
  }
}

function machine(): string {
  const [l1, l5] = loadavg();
  return `${cpus().length} cores, load ${f(l1!, 2)} / ${f(l5!, 2)} (1/5 min), ${f(freemem() / 2 ** 30, 1)} of ${f(totalmem() / 2 ** 30, 1)} GiB free, Node ${process.version}`;
}

async function main() {
  const began = performance.now();
  say(`machine: ${machine()}`);
  ensureBuild();

  // --- server PostgreSQL at scale
  const own = await ownPostgres();
  const adminUrl =
    own?.adminUrl ?? process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `evidence_bench_load_${process.pid}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  if (!own)
    cleanups.push(
      async () => void (await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
    );
  const url = withDatabase(adminUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await migrate(client, { log: () => {} });
  if (own) await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await client.end();
  const db = createPrismaClient(url, 4);
  say(`synthesising ${STUDIES} studies`);
  await synthesise(db, STUDIES);
  await db.$executeRawUnsafe("ANALYZE");
  const prepared = await prepare(db, CLIENTS, LIVE);
  await db.$disconnect();

  const app = await startApp({ DATABASE_URL: url });
  const cookies: string[] = [];
  for (const [i, u] of prepared.users.entries()) cookies.push(await signIn(app.base, u, `c${i}`));
  say(`${cookies.length} clients signed in to ${app.base}`);
  await pageWeights(app.base, cookies[0]!, ["/charts", ...pagesOf(prepared).map((p) => p.paths[0]!)]);
  let live: LiveLoad | null = null;
  if (LIVE > 0) {
    const liveCookies: string[] = [];
    for (const [i, u] of prepared.liveUsers.entries()) liveCookies.push(await signIn(app.base, u, `l${i}`));
    live = await holdLiveConnections(app.base, url, liveCookies, prepared.studyIds);
  }
  const server = await benchPages(
    `[${STUDIES} studies, ${CLIENTS} clients${LIVE > 0 ? `, ${LIVE} live connections` : ""}]`,
    app.base,
    cookies,
    pagesOf(prepared),
    own ? url : null,
  );
  const liveResult = live ? await live.stop() : null;
  app.child.kill("SIGTERM");

  // --- embedded PostgreSQL (PGlite) with the seed
  let embedded: PageResult[] = [];
  if (!values["no-embedded"] && EMBEDDED_CLIENTS > 0) {
    const dir = await mkdtemp(path.join(tmpdir(), "evidence-bench-embedded-"));
    const pglite = await startEmbeddedDatabase(path.join(dir, "pglite"));
    cleanups.push(async () => {
      await pglite.stop();
      await rm(dir, { recursive: true, force: true });
    });
    const c = new pg.Client({ connectionString: pglite.url });
    await c.connect();
    await migrate(c, { log: () => {} });
    await c.end();
    const edb = createPrismaClient(pglite.url, 1);
    const { seedIfEmpty } = await import("../prisma/seed.ts");
    await seedIfEmpty(edb);
    const ep = await prepare(edb, EMBEDDED_CLIENTS);
    await edb.$disconnect();
    const eapp = await startApp({
      DATABASE_URL: pglite.url,
      DATABASE_POOL_MAX: "1",
      EVIDENCE_EMBEDDED_DB: "1",
    });
    const ecookies: string[] = [];
    for (const [i, u] of ep.users.entries()) ecookies.push(await signIn(eapp.base, u, `e${i}`));
    embedded = await benchPages(
      `[embedded, seed, ${EMBEDDED_CLIENTS} clients]`,
      eapp.base,
      ecookies,
      pagesOf(ep),
      null,
    );
    eapp.child.kill("SIGTERM");
  }

  table(
    `Server PostgreSQL, ${STUDIES} synthetic studies, ${CLIENTS} clients${LIVE > 0 ? ` beside ${LIVE} open live connections` : ""}, ${SECONDS} s per page`,
    server,
  );
  if (liveResult)
    console.info(
      `\nLive: ${liveResult.streams} connections (${liveResult.open} still open at the end), ${liveResult.written} changes written, ` +
        `${liveResult.delivered} of ${liveResult.expected} deliveries arrived; latency from commit p50 ${f(liveResult.p50)} ms, ` +
        `p95 ${f(liveResult.p95)} ms, max ${f(liveResult.max)} ms`,
    );
  if (embedded.length)
    table(
      `Embedded PostgreSQL (PGlite), the seed table, ${EMBEDDED_CLIENTS} clients, ${SECONDS} s per page`,
      embedded,
    );
  say(`machine after: ${machine()}; ${f((performance.now() - began) / 1000)} s in all`);
}

async function cleanup() {
  for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error("cleanup:", e));
  cleanups.length = 0;
  for (const a of agents.values()) a.destroy();
}

process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
const watchdog = setTimeout(() => {
  console.error("[bench:load] took longer than 30 minutes; stopping");
  void cleanup().then(() => process.exit(1));
}, 30 * 60_000);
watchdog.unref();

main()
  .then(cleanup)
  .then(() => process.exit(0))
  .catch(async (e: unknown) => {
    console.error(e);
    await cleanup();
    process.exit(1);
  });
