// The live channel of one app instance: the audit trigger's notifications (through one listening
// connection, platform/live-listener.ts) fanned out to the signed-in reviewers and admins who have a
// page open, each event filtered by what its receiver may see, and who has which study open.
// Browsers get only "this kind of thing changed on this study or cohort", never content; while the
// team tags blind, a reviewer who has not tagged a study is not even told that its tags changed.
import "server-only";
import { z } from "zod";
import type { PresenceEntry, PresenceMessage } from "../contracts/live";
import {
  PRESENCE_TTL_MS,
  liveKindOf,
  type AuditNotification,
  type LiveChange,
  type PresenceHeartbeat,
  PRESENCE_FIELDS,
} from "../domain/live";
import { roleAtLeast } from "../domain/roles";
import { teamSettings } from "./categories";
import { db } from "./platform/db";
import { forbidden, notSignedIn } from "./platform/errors";
import { LiveListener, PRESENCE_CHANNEL, PollingListener } from "./platform/live-listener";
import { serverEnv } from "./platform/env";
import type { SessionUser } from "./platform/session-user";
import { reviewersWhoAssessed, reviewersWhoTagged } from "./sql/live";

/** Open live connections one person may have on one instance (tabs, windows). */
export const MAX_STREAMS_PER_USER = 6;

export interface LiveSubscriber {
  user: SessionUser;
  /** The study whose presence the page shows, if any. */
  studyId: string | null;
  change(change: LiveChange): void;
  presence(message: PresenceMessage): void;
}

interface PresenceRecord extends PresenceEntry {
  tab: string;
  expires: number;
}

const PresenceWireSchema = z.object({
  studyId: z.uuid(),
  userId: z.uuid(),
  name: z.string().max(200),
  field: z.enum(PRESENCE_FIELDS),
  tab: z.string().max(64),
  leaving: z.boolean(),
});

/** Whether `user` may learn that this event happened (see the module comment). */
export async function mayLearn(
  event: AuditNotification,
  receivers: SessionUser[],
  blindTagging: boolean,
): Promise<Set<string>> {
  const kind = liveKindOf(event);
  const allowed = new Set<string>();
  if (!kind) return allowed;
  const restricted: SessionUser[] = [];
  for (const user of receivers) {
    const hidden =
      user.role === "reviewer" &&
      user.id !== event.actorId &&
      event.studyId !== null &&
      ((kind === "tags" && blindTagging) || kind === "risk of bias");
    if (hidden) restricted.push(user);
    else if (roleAtLeast(user.role, "reviewer")) allowed.add(user.id);
  }
  if (restricted.length > 0 && event.studyId) {
    const ids = restricted.map((u) => u.id);
    const ok =
      kind === "tags"
        ? await reviewersWhoTagged(db(), event.studyId, ids)
        : await reviewersWhoAssessed(db(), event.studyId, ids);
    for (const id of ok) allowed.add(id);
  }
  return allowed;
}

let inboxSeq = 0;

class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  private readonly presence = new Map<string, Map<string, PresenceRecord>>();
  private listener: LiveListener | PollingListener | null = null;
  private sweep: NodeJS.Timeout | null = null;
  readonly embedded = process.env.EVIDENCE_EMBEDDED_DB === "1";

  private ensureStarted() {
    if (this.listener) return;
    const options = {
      onEvent: (event: AuditNotification) => void this.dispatch(event),
      onPresence: (payload: string) => this.applyPresenceWire(payload),
      onInbox: (recipientId: string) => this.inbox(recipientId),
    };
    this.listener = this.embedded
      ? new PollingListener((sql, params) => db().$queryRawUnsafe<unknown[]>(sql, ...params), options)
      : new LiveListener(serverEnv().DATABASE_URL, options);
    this.listener.start();
    this.sweep = setInterval(() => this.expirePresence(), 5000);
    this.sweep.unref();
  }

  streamsOf(userId: string) {
    let n = 0;
    for (const s of this.subscribers) if (s.user.id === userId) n += 1;
    return n;
  }

  add(subscriber: LiveSubscriber): () => void {
    this.ensureStarted();
    this.subscribers.add(subscriber);
    if (subscriber.studyId) subscriber.presence(this.presenceMessage(subscriber.studyId, subscriber.user.id));
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  private async dispatch(event: AuditNotification) {
    if (this.subscribers.size === 0 || !liveKindOf(event)) return;
    const subscribers = [...this.subscribers];
    let allowed: Set<string>;
    try {
      const blind = (await teamSettings()).blindTagging;
      allowed = await mayLearn(
        event,
        [...new Map(subscribers.map((s) => [s.user.id, s.user])).values()],
        blind,
      );
    } catch (error) {
      console.error("live: could not decide who may see an event; sent to nobody", error);
      return;
    }
    const kind = liveKindOf(event)!;
    for (const s of subscribers) {
      if (!allowed.has(s.user.id)) continue;
      s.change({
        id: event.id,
        kind,
        studyId: event.studyId,
        cohortId: kind === "cohort" ? event.entityId : null,
        own: event.actorId === s.user.id,
      });
    }
  }

  /** Tells only the recipient's streams that their inbox has something new. */
  private inbox(recipientId: string) {
    inboxSeq += 1;
    for (const s of this.subscribers)
      if (s.user.id === recipientId)
        s.change({ id: `n${inboxSeq}`, kind: "inbox", studyId: null, cohortId: null, own: false });
  }

  /** Records a heartbeat: across instances through NOTIFY, on the embedded database here. */
  async heartbeat(user: SessionUser, input: PresenceHeartbeat) {
    this.ensureStarted();
    const wire = JSON.stringify({
      studyId: input.studyId,
      userId: user.id,
      name: user.name.slice(0, 200),
      field: input.field,
      tab: input.tab,
      leaving: input.leaving ?? false,
    });
    if (this.embedded) this.applyPresenceWire(wire);
    else await db().$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, ${wire})`;
  }

  private applyPresenceWire(payload: string) {
    let wire: z.infer<typeof PresenceWireSchema>;
    try {
      const parsed = PresenceWireSchema.safeParse(JSON.parse(payload));
      if (!parsed.success) return;
      wire = parsed.data;
    } catch {
      return;
    }
    const key = `${wire.userId}:${wire.tab}`;
    let study = this.presence.get(wire.studyId);
    const before = study?.get(key);
    if (wire.leaving) {
      if (!before) return;
      study!.delete(key);
    } else {
      if (!study) this.presence.set(wire.studyId, (study = new Map<string, PresenceRecord>()));
      study.set(key, {
        userId: wire.userId,
        name: wire.name,
        field: wire.field,
        tab: wire.tab,
        expires: Date.now() + PRESENCE_TTL_MS,
      });
      if (before && before.field === wire.field) return; // nothing new to show
    }
    this.announce(wire.studyId);
  }

  private expirePresence() {
    const now = Date.now();
    for (const [studyId, study] of this.presence) {
      let changed = false;
      for (const [key, record] of study)
        if (record.expires <= now) {
          study.delete(key);
          changed = true;
        }
      if (study.size === 0) this.presence.delete(studyId);
      if (changed) this.announce(studyId);
    }
  }

  private presenceMessage(studyId: string, receiverId: string): PresenceMessage {
    const people = new Map<string, PresenceEntry>();
    for (const r of this.presence.get(studyId)?.values() ?? []) {
      if (r.userId === receiverId) continue;
      const seen = people.get(r.userId);
      // One entry a person: the tab where they are editing wins over one where they only look.
      if (!seen || seen.field === "viewing")
        people.set(r.userId, { userId: r.userId, name: r.name, field: r.field });
    }
    return { studyId, people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  }

  private announce(studyId: string) {
    for (const s of this.subscribers)
      if (s.studyId === studyId) s.presence(this.presenceMessage(studyId, s.user.id));
  }

  /** Resolves once this instance listens (the embedded database's polling is ready at once). */
  async ready() {
    this.ensureStarted();
    if (this.listener instanceof LiveListener) await this.listener.whenConnected();
  }

  async stop() {
    if (this.sweep) clearInterval(this.sweep);
    await this.listener?.stop();
    this.listener = null;
  }
}

const globalForLive = globalThis as unknown as { evidenceLive?: LiveHub };
function hub(): LiveHub {
  return (globalForLive.evidenceLive ??= new LiveHub());
}

/** Why a person may not open the live channel, or null. Viewers and share links get nothing. */
function assertLive(user: SessionUser | null): SessionUser {
  if (!user) throw notSignedIn();
  if (!roleAtLeast(user.role, "reviewer")) throw forbidden("follow the team's changes live");
  return user;
}

export class TooManyStreams extends Error {}

/** Subscribes a signed-in reviewer or admin; returns the unsubscribe function. */
export function subscribeLive(
  actor: SessionUser | null,
  subscriber: Omit<LiveSubscriber, "user">,
): () => void {
  const user = assertLive(actor);
  if (hub().streamsOf(user.id) >= MAX_STREAMS_PER_USER) throw new TooManyStreams();
  return hub().add({ ...subscriber, user });
}

export async function presenceHeartbeat(actor: SessionUser | null, input: PresenceHeartbeat): Promise<void> {
  const user = assertLive(actor);
  await hub().heartbeat(user, input);
}

/** Resolves once this instance receives the database's notifications (tests, start-up). */
export async function liveReady() {
  await hub().ready();
}

/** Stops this instance's listener (tests, shutdown). */
export async function stopLive() {
  await hub().stop();
}
