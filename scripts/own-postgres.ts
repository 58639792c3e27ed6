// A PostgreSQL 15 server of one program's own: initdb in a temporary folder, a free loopback
// port, trust authentication, started and stopped with pg_ctl (as the postgres user when run as
// root). The load benchmark uses it to load pg_stat_statements without touching the machine's
// server; the live channel's test restarts it under a listening app.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./embedded-db.ts";

const BIN = "/usr/lib/postgresql/15/bin";

export interface OwnPostgres {
  port: number;
  adminUrl: string;
  /** Stops the server as a crash would (immediate) or politely (fast), and starts it again. */
  restart(mode?: "fast" | "immediate"): void;
  stop(mode?: "fast" | "immediate"): void;
  start(): void;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

/** Starts the server, or says why it cannot (no initdb on this machine, a failed start). */
export async function startOwnPostgres(
  settings: string[] = [],
): Promise<{ ok: true; pg: OwnPostgres } | { ok: false; reason: string }> {
  if (!existsSync(`${BIN}/initdb`)) return { ok: false, reason: `no ${BIN}/initdb on this machine` };
  const asRoot = process.getuid?.() === 0;
  const runAs = (args: string[]) =>
    asRoot
      ? spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8" })
      : spawnSync(args[0]!, args.slice(1), { encoding: "utf8" });
  const dir = await mkdtemp(path.join(tmpdir(), "evidence-pg-"));
  await chmod(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  const init = runAs([`${BIN}/initdb`, "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  if (init.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    return { ok: false, reason: init.stderr.trim().split("\n").pop() ?? "initdb failed" };
  }
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    ...settings.map((s) => `-c ${s}`),
  ].join(" ");
  const pgCtl = (...args: string[]) => runAs([`${BIN}/pg_ctl`, "-D", data, ...args]);
  const start = () => {
    const res = pgCtl("-o", options, "-l", path.join(dir, "log"), "-w", "start");
    if (res.status !== 0) throw new Error(`PostgreSQL did not start: ${res.stderr.trim()}`);
  };
  const stop = (mode: "fast" | "immediate" = "fast") => {
    pgCtl("-m", mode, "-w", "stop");
  };
  try {
    start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { ok: false, reason: String(error) };
  }
  return {
    ok: true,
    pg: {
      port,
      adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      start,
      stop,
      restart(mode = "fast") {
        stop(mode);
        start();
      },
      async destroy() {
        stop("immediate");
        await rm(dir, { recursive: true, force: true });
      },
    },
  };
}
