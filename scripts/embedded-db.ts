// The embedded database of `npm start` without DATABASE_URL: PostgreSQL compiled to
// WebAssembly (PGlite), kept in a folder of the project and served on a local port.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedDatabase(dataDir: string, port?: number): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  // pg_trgm backs the free-text filter's trigram index on product texts.
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  await db.query("SET TIME ZONE 'UTC'");
  const listenPort = port ?? (await freePort());
  // PGlite has one session: the app talks to it through a single pooled connection.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: listenPort, maxConnections: 4 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/** The default embedded data folder of `npm start`. */
export function embeddedDataDir(): string {
  return path.resolve(process.env.EVIDENCE_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

const lockFile = (dataDir: string) => path.join(dataDir, "app.pid");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed process whose parent died too may linger as a zombie until it is reaped.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

/** Records that the app holds the embedded database (PGlite allows one process at a time). */
export async function lockEmbedded(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  if (existsSync(file)) {
    const pid = Number((await readFile(file, "utf8")).trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${pid} (npm start). Stop it first, or set DATABASE_URL.`,
      );
    }
  }
  await writeFile(file, String(process.pid));
  return async () => {
    await rm(file, { force: true });
  };
}

/** For command-line tools: opens the embedded database when the app is not running. */
export async function openEmbeddedForTool(): Promise<EmbeddedDatabase> {
  const dataDir = embeddedDataDir();
  if (!existsSync(path.join(dataDir, "pglite"))) {
    throw new Error(
      `No DATABASE_URL and no embedded database in ${dataDir}: run npm start once, or set DATABASE_URL.`,
    );
  }
  const unlock = await lockEmbedded(dataDir);
  const db = await startEmbeddedDatabase(path.join(dataDir, "pglite"));
  return {
    url: db.url,
    stop: async () => {
      await db.stop();
      await unlock();
    },
  };
}
