// The live channel survives a database restart: a listener on a PostgreSQL of the test's own
// (initdb on a free port, so the machine's server is never touched) keeps delivering after the
// server is stopped, as a crash would (immediate) and as an administrator would (fast), and
// delivers what was written while it was reconnecting: audit events and inbox notices.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditNotification } from "../../lib/domain/live";
import { LiveListener } from "../../lib/server/platform/live-listener";
import { migrate } from "../../lib/server/sql/migrations";
import { startOwnPostgres, type OwnPostgres } from "../../scripts/own-postgres";

let server: OwnPostgres;
let url: string;
const MARKERS = ["before", "during-immediate", "after-immediate", "during-fast", "after-fast"];
/** One account per marker, so that an inbox notice tells which write it came from. */
const recipients = new Map(MARKERS.map((m) => [m, randomUUID()]));

async function until(what: string | (() => string), check: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Writes an audit event as the app does (its trigger notifies on commit), retrying while the
 * server is still starting. */
async function writeEvent(marker: string) {
  for (let attempt = 0; ; attempt += 1) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query(
        `INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('test.live', 'annotation', $1)`,
        [marker],
      );
      // And an inbox notice for the person named after the marker (their trigger, their channel).
      await client.query(
        `INSERT INTO notifications (recipient_id, kind, message) VALUES ($1::uuid, 'mention', $2)`,
        [recipients.get(marker), marker],
      );
      return;
    } catch (error) {
      if (attempt > 40) throw error;
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

beforeAll(async () => {
  const started = await startOwnPostgres();
  if (!started.ok) throw new Error(`this test needs a PostgreSQL of its own: ${started.reason}`);
  server = started.pg;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query("CREATE DATABASE live_restart");
  await admin.end();
  const u = new URL(server.adminUrl);
  u.pathname = "/live_restart";
  url = u.toString();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(client, { log: () => {} });
    for (const [marker, id] of recipients)
      await client.query(
        `INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, 'x', now())`,
        [id, `${marker}@example.test`, marker],
      );
    // The server commits asynchronously (as the bench's does): make the schema durable, so that
    // a crash can lose only the test's own last writes.
    await client.query("CHECKPOINT");
  } finally {
    await client.end();
  }
});

afterAll(async () => {
  await server?.destroy();
});

describe("a database restart", () => {
  it("is survived: events written while the listener reconnects and after arrive, each once", async () => {
    const got: AuditNotification[] = [];
    const told: string[] = [];
    const listener = new LiveListener(url, {
      onEvent: (e) => got.push(e),
      onInbox: (recipientId) => told.push(recipientId),
      minDelayMs: 50,
      maxDelayMs: 500,
      pingMs: 200,
    });
    listener.start();
    const has = (m: string) => got.some((e) => e.entityId === m) && told.includes(recipients.get(m)!);
    try {
      await listener.whenConnected();
      await writeEvent("before");
      await until("the first event", () => has("before"));

      for (const mode of ["immediate", "fast"] as const) {
        const connects = listener.connects;
        server.stop(mode);
        await until(`the listener to notice the ${mode} stop`, () => !listener.connected);
        server.start();
        // Written as soon as the server is back, possibly before the listener is: caught up.
        await writeEvent(`during-${mode}`);
        await until(
          `the listener to reconnect after the ${mode} restart`,
          () => listener.connects > connects,
        );
        await writeEvent(`after-${mode}`);
        await until(
          () =>
            `events around the ${mode} restart (got ${JSON.stringify(got.map((e) => [e.id, e.entityId]))})`,
          () => has(`during-${mode}`) && has(`after-${mode}`),
        );
      }
      // Each event once. (Ids may repeat: the server runs with asynchronous commit, so a crash
      // may lose the last commit and hand its id out again; the listener tells them apart.)
      expect(got.map((e) => e.entityId)).toEqual(MARKERS);
      // Each inbox notice reached its recipient once, those written while reconnecting included.
      expect(told).toEqual(MARKERS.map((m) => recipients.get(m)));
    } finally {
      await listener.stop();
    }
  });
});
