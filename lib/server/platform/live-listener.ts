// One instance's ear on the database: a dedicated connection that LISTENs for the audit trigger's
// notifications (and presence heartbeats), reconnecting with backoff after a dropped connection or
// a database restart and then catching up on the audit events it missed. On the embedded database
// (PGlite serves one session, which the pool needs) it polls the audit events instead.
import "server-only";
import pg from "pg";
import type { AuditNotification } from "../../domain/live";
import { AuditNotificationSchema, InboxNotificationSchema } from "../../domain/live-wire";
import {
  AUDIT_EVENTS_AFTER_SQL,
  LAST_AUDIT_EVENT_SQL,
  LAST_NOTIFICATION_SQL,
  NOTIFICATIONS_AFTER_SQL,
  auditNotifications,
} from "../sql/live";

export const EVENTS_CHANNEL = "evidence_events";
export const PRESENCE_CHANNEL = "evidence_presence";
export const INBOX_CHANNEL = "evidence_inbox";

export interface LiveListenerOptions {
  onEvent: (event: AuditNotification) => void;
  onPresence?: (payload: string) => void;
  /** A notification was written for this person (their inbox count changed). */
  onInbox?: (recipientId: string) => void;
  /** Reconnect delays start here and double up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How often the connection is checked with a query (a half-open socket says nothing). */
  pingMs?: number;
}

/** Runs the catch-up query on whatever connection the mode has. */
type RunQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

const SEEN_MAX = 4000;
// A transaction that took an id before another and committed after it is caught up on too.
const CATCH_UP_OVERLAP = 200n;

abstract class EventSourceBase {
  protected lastId: bigint | null = null;
  private readonly seen = new Set<string>();
  protected stopped = false;

  constructor(protected readonly options: LiveListenerOptions) {}

  protected deliver(event: AuditNotification) {
    // Keyed by content as well as id: a server that lost its last commits (a crash with
    // asynchronous commit, a failover to a replica that lagged) hands the same ids out again.
    const key = `${event.id}:${event.entityType}:${event.entityId}:${event.action}:${event.actorId ?? ""}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.seen.size > SEEN_MAX) this.seen.delete(this.seen.values().next().value!);
    const id = BigInt(event.id);
    if (this.lastId === null || id > this.lastId) this.lastId = id;
    try {
      this.options.onEvent(event);
    } catch (error) {
      console.error("live: a subscriber failed", error);
    }
  }

  /** Delivers what was written since the last event seen (or, the first time, starts from now). */
  protected async catchUp(run: RunQuery) {
    if (this.lastId === null) {
      const [row] = (await run(LAST_AUDIT_EVENT_SQL, [])) as { id: string }[];
      this.lastId = BigInt(row?.id ?? "0");
      return;
    }
    // Ids the server no longer has (see deliver) are caught up on from where it is now.
    const [last] = (await run(LAST_AUDIT_EVENT_SQL, [])) as { id: string }[];
    const now = BigInt(last?.id ?? "0");
    if (now < this.lastId) this.lastId = now;
    const from = this.lastId > CATCH_UP_OVERLAP ? this.lastId - CATCH_UP_OVERLAP : 0n;
    for (const event of auditNotifications(await run(AUDIT_EVENTS_AFTER_SQL, [from.toString(), 1000])))
      this.deliver(event);
  }

  private lastNotification: bigint | null = null;
  /** Notices up to this id were written before this listener began: never told again. */
  private inboxFloor = 0n;
  private readonly seenInbox = new Set<string>();

  /** Tells a notice's recipient once, whether it came by NOTIFY or by a catch-up. */
  private tellInbox(id: string, recipientId: string) {
    const key = `${id}:${recipientId}`;
    if (this.seenInbox.has(key) || BigInt(id) <= this.inboxFloor) return;
    this.seenInbox.add(key);
    if (this.seenInbox.size > SEEN_MAX) this.seenInbox.delete(this.seenInbox.values().next().value!);
    const n = BigInt(id);
    if (this.lastNotification === null || n > this.lastNotification) this.lastNotification = n;
    this.options.onInbox?.(recipientId);
  }

  protected inbox(payload: string) {
    try {
      const parsed = InboxNotificationSchema.safeParse(JSON.parse(payload));
      if (parsed.success) this.tellInbox(parsed.data.id, parsed.data.recipientId);
    } catch {
      // Not JSON: not ours.
    }
  }

  /** Tells each recipient of the notices written since the last one seen (the first time, starts
   * from now): after a reconnection, what was written meanwhile still reaches the header. */
  protected async catchUpInbox(run: RunQuery) {
    if (this.lastNotification === null) {
      const [row] = (await run(LAST_NOTIFICATION_SQL, [])) as { id: string }[];
      this.lastNotification = this.inboxFloor = BigInt(row?.id ?? "0");
      return;
    }
    // A server that lost its last commits hands their ids out again (see deliver).
    const [last] = (await run(LAST_NOTIFICATION_SQL, [])) as { id: string }[];
    const now = BigInt(last?.id ?? "0");
    if (now < this.lastNotification) {
      this.lastNotification = now;
      if (now < this.inboxFloor) this.inboxFloor = now;
    }
    const from = this.lastNotification > CATCH_UP_OVERLAP ? this.lastNotification - CATCH_UP_OVERLAP : 0n;
    const rows = (await run(NOTIFICATIONS_AFTER_SQL, [from.toString(), 1000])) as {
      id: string;
      recipientId: string;
    }[];
    for (const row of rows) this.tellInbox(row.id, row.recipientId);
  }

  abstract start(): void;
  abstract stop(): Promise<void>;
  abstract get connected(): boolean;
}

/** LISTEN on a dedicated connection of a PostgreSQL server. */
export class LiveListener extends EventSourceBase {
  private client: pg.Client | null = null;
  private ready = false;
  private pid: number | null = null;
  private delay: number;
  private timer: NodeJS.Timeout | null = null;
  private ping: NodeJS.Timeout | null = null;
  /** Resolves when the next (re)connection has caught up: tests wait on it. */
  private waiters: (() => void)[] = [];
  connects = 0;

  constructor(
    private readonly connectionString: string,
    options: LiveListenerOptions,
  ) {
    super(options);
    this.delay = options.minDelayMs ?? 250;
  }

  get connected() {
    return this.ready;
  }

  /** The backend pid of the listening connection (null while reconnecting), for tests. */
  backendPid(): number | null {
    return this.ready ? this.pid : null;
  }

  /** Waits until the listener is connected and has caught up. */
  whenConnected(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  start() {
    this.stopped = false;
    void this.connect();
  }

  private async connect() {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      options: "-c TimeZone=UTC",
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      application_name: "evidence-live",
    });
    this.client = client;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      this.ready = false;
      if (this.ping) clearInterval(this.ping);
      if (!this.stopped) console.warn(`live: listener connection lost (${String(error)}); reconnecting`);
      client.removeAllListeners();
      client.on("error", () => {});
      void client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on("error", fail);
    client.on("end", () => fail("connection ended"));
    client.on("notification", (message) => {
      if (!message.payload) return;
      if (message.channel === PRESENCE_CHANNEL) {
        this.options.onPresence?.(message.payload);
        return;
      }
      if (message.channel === INBOX_CHANNEL) {
        this.inbox(message.payload);
        return;
      }
      try {
        const parsed = AuditNotificationSchema.safeParse(JSON.parse(message.payload));
        if (parsed.success) this.deliver(parsed.data);
      } catch {
        // Not JSON: not ours.
      }
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      this.pid = rows[0]?.pid ?? null;
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
      await client.query(`LISTEN ${INBOX_CHANNEL}`);
      const run: RunQuery = async (sql, params) =>
        (await client.query<Record<string, unknown>>(sql, params)).rows;
      await this.catchUp(run);
      await this.catchUpInbox(run);
    } catch (error) {
      fail(error);
      return;
    }
    if (failed || this.stopped) return;
    this.ready = true;
    this.connects += 1;
    this.delay = this.options.minDelayMs ?? 250;
    this.ping = setInterval(() => {
      client.query("SELECT 1").catch(fail);
    }, this.options.pingMs ?? 15_000);
    this.ping.unref();
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private scheduleReconnect() {
    if (this.stopped || this.timer) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxDelayMs ?? 10_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, wait);
    this.timer.unref();
  }

  async stop() {
    this.stopped = true;
    this.ready = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.ping) clearInterval(this.ping);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.end().catch(() => {});
    }
  }
}

/** Polls the audit events through the app's own client (the embedded database). */
export class PollingListener extends EventSourceBase {
  private timer: NodeJS.Timeout | null = null;
  private ok = false;

  constructor(
    private readonly run: RunQuery,
    options: LiveListenerOptions,
    private readonly everyMs = 1000,
  ) {
    super(options);
  }

  get connected() {
    return this.ok;
  }

  start() {
    this.stopped = false;
    const tick = async () => {
      try {
        await this.catchUp(this.run);
        await this.catchUpInbox(this.run);
        this.ok = true;
      } catch {
        this.ok = false; // busy or restarting: the next tick tries again
      }
      if (!this.stopped) {
        this.timer = setTimeout(() => void tick(), this.everyMs);
        this.timer.unref();
      }
    };
    void tick();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    return Promise.resolve();
  }
}
