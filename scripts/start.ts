// `npm start`: prepares everything and starts the app at http://localhost:$PORT (3000).
// Without DATABASE_URL it runs an embedded PostgreSQL kept in ./.data (or $EVIDENCE_DATA_DIR)
// and makes a local session secret; with DATABASE_URL it uses that server.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { migrate } from "../lib/server/sql/migrations.ts";
import {
  embeddedDataDir,
  lockEmbedded,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from "./embedded-db.ts";

const root = process.cwd();
const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`[start] PORT must be a port number from 1 to 65535, not "${process.env.PORT}"`);
  process.exit(1);
}
const say = (line: string) => console.info(`[start] ${line}`);
const shown = (p: string) => (p.startsWith(root + path.sep) ? path.relative(root, p) : p);
const started = Date.now();

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(full) : (await stat(full)).mtimeMs);
  }
  return newest;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const res = spawnSync(cmd, args, { stdio: "inherit", env });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

async function ensureGeneratedClient() {
  const client = path.join(root, "lib/generated/prisma/client.ts");
  const schema = path.join(root, "prisma/schema.prisma");
  if (existsSync(client) && (await stat(client)).mtimeMs >= (await stat(schema)).mtimeMs) return;
  say("generating the Prisma client");
  run(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
  });
}

async function ensureBuild() {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (existsSync(buildId)) {
    const built = (await stat(buildId)).mtimeMs;
    const files = [
      "next.config.js",
      "instrumentation.ts",
      "package.json",
      "package-lock.json",
      "tsconfig.json",
      "prisma/schema.prisma",
    ];
    const sources = Math.max(
      ...(await Promise.all(
        ["app", "components", "lib", "types"].map((d) => newestMtime(path.join(root, d))),
      )),
      ...(await Promise.all(
        files
          .filter((f) => existsSync(path.join(root, f)))
          .map(async (f) => (await stat(path.join(root, f))).mtimeMs),
      )),
    );
    if (built >= sources) return;
  }
  say("building the app (first start or changed sources; this takes a minute or two)");
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
  });
}

async function localSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  say(`generated a local session secret in ${shown(file)} (set NEXTAUTH_SECRET to use your own)`);
  return secret;
}

async function main() {
  let embedded: EmbeddedDatabase | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };

  let unlock = async () => {};
  if (!process.env.DATABASE_URL) {
    const dataDir = embeddedDataDir();
    unlock = await lockEmbedded(dataDir);
    embedded = await startEmbeddedDatabase(path.join(dataDir, "pglite"));
    env.DATABASE_URL = embedded.url;
    env.DATABASE_POOL_MAX = "1";
    // Imports there go in short staged transactions (lib/server/sql/import-evidence.ts).
    env.EVIDENCE_EMBEDDED_DB = "1";
    env.NEXTAUTH_SECRET ??= await localSecret(dataDir);
    say(`embedded PostgreSQL (PGlite) in ${shown(dataDir)}`);
  } else {
    say("using the PostgreSQL server in DATABASE_URL");
    if (!process.env.NEXTAUTH_SECRET) {
      throw new Error(
        "NEXTAUTH_SECRET is not set. With DATABASE_URL, set it yourself: openssl rand -base64 32",
      );
    }
  }
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  const stopEmbedded = async () => {
    if (embedded) await embedded.stop().catch((e: unknown) => console.error("stopping the database:", e));
    embedded = undefined;
    await unlock();
  };

  try {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      const applied = await migrate(client, { log: (l) => say(l) });
      say(applied.length ? `${applied.length} migration(s) applied` : "database schema is up to date");
    } finally {
      await client.end();
    }
    await ensureGeneratedClient();
    // Loaded only now: they need the generated client that the line above may have just made.
    const { seedIfEmpty } = await import("../prisma/seed.ts");
    const { createPrismaClient } = await import("../lib/server/sql/client.ts");
    const db = createPrismaClient(env.DATABASE_URL!, 1);
    try {
      const seeded = await seedIfEmpty(db);
      if (seeded) say(`imported the seed table: ${seeded.added.length} studies`);
    } finally {
      await db.$disconnect();
    }
    await ensureBuild();
  } catch (error) {
    await stopEmbedded();
    throw error;
  }

  say(`prepared in ${((Date.now() - started) / 1000).toFixed(1)} s; starting on port ${port}`);
  // The app's server (scripts/serve.ts): Next.js behind a listener that binds to HOST (this
  // machine only unless set) and knows each request's socket address.
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts"], {
    stdio: "inherit",
    env,
  });
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    child.kill(signal);
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  child.on("exit", (code) => {
    void stopEmbedded().then(() => process.exit(stopping ? 0 : (code ?? 1)));
  });
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
