// The app's HTTP server: Next.js in this process, behind a listener that knows each request's
// socket address. `npm start` runs it after preparing the database; so do the end-to-end tests.
//
// - It binds to HOST (default 127.0.0.1, this machine only): set HOST=0.0.0.0 to serve a network.
// - It tells the app who is on the other end of the socket, in a header no client can set
//   (x-evidence-peer), and appends that address to X-Forwarded-For as a proxy would. Sign-in
//   limits per client rest on it: behind TRUSTED_PROXY_COUNT proxies the client is that many
//   hops to the left of the socket's address; with none, it is the socket's address itself.
// - While no administrator exists, it prints a one-time setup code: the first-run page asks for
//   it when opened from another machine, so a stranger on the network cannot claim the instance.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import next from "next";
import { PEER_HEADER } from "../lib/domain/client-address.ts";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "127.0.0.1";

async function needsSetup(): Promise<boolean> {
  const { createPrismaClient } = await import("../lib/server/sql/client.ts");
  const db = createPrismaClient(process.env.DATABASE_URL!, 1);
  try {
    return (await db.user.count()) === 0;
  } catch {
    return false;
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  if (!process.env.EVIDENCE_SETUP_CODE && process.env.DATABASE_URL && (await needsSetup())) {
    process.env.EVIDENCE_SETUP_CODE = randomBytes(9).toString("base64url");
    console.info(
      `[start] no administrator yet. Open the app to create one; from another machine the page asks for this one-time setup code: ${process.env.EVIDENCE_SETUP_CODE}`,
    );
  }
  const app = next({ dev: false, hostname, port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    const peer = req.socket.remoteAddress ?? "";
    req.headers[PEER_HEADER] = peer;
    const forwarded = req.headers["x-forwarded-for"];
    const hops = Array.isArray(forwarded) ? forwarded.join(", ") : forwarded;
    req.headers["x-forwarded-for"] = hops ? `${hops}, ${peer}` : peer;
    void handle(req, res);
  });
  server.listen(port, hostname, () => {
    console.info(
      `[start] listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`,
    );
    if (hostname === "127.0.0.1" || hostname === "localhost" || hostname === "::1")
      console.info("[start] only this machine can connect; set HOST=0.0.0.0 to serve others");
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
