// The embedded database of `npm start` without DATABASE_URL: PostgreSQL compiled to
// WebAssembly (PGlite), kept in a folder of the project and served on a local port.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdir } from "node:fs/promises";
import net from "node:net";

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
  const db = await PGlite.create(dataDir);
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
