// The live channel against a real PostgreSQL: the audit trigger's notifications reach every app
// instance listening on the database, a listener whose connection the server kills reconnects and
// catches up on what it missed, and blind tagging holds over the channel (a reviewer who has not
// tagged a study is not told that its tags changed, while the same channel carries them other news).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveChange } from "../../lib/domain/live";
import type { AuditNotification } from "../../lib/domain/live";
import { createAnnotation } from "../../lib/server/annotations";
import { setBlindTagging } from "../../lib/server/categories";
import { liveReady, stopLive, subscribeLive } from "../../lib/server/live";
import { db } from "../../lib/server/platform/db";
import { LiveListener } from "../../lib/server/platform/live-listener";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { audit } from "../../lib/server/sql/audit";
import { saveAssessment } from "../../lib/server/tags";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

const url = process.env.DATABASE_URL!;

async function until(what: string, check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function writeEvent(marker: string) {
  await db().$transaction((tx) =>
    audit(tx, { actorId: null, action: "test.live", entityType: "annotation", entityId: marker }),
  );
}

let study: string;
let ann: SessionUser; // tags the study
let ben: SessionUser; // does not
let cat: SessionUser; // tags it too, while the others watch
let admin: SessionUser;
let category: string;

beforeAll(async () => {
  [ann, ben, cat, admin] = await Promise.all([
    makeUser(db(), "reviewer", { name: "Ann" }),
    makeUser(db(), "reviewer", { name: "Ben" }),
    makeUser(db(), "reviewer", { name: "Cat" }),
    makeUser(db(), "admin"),
  ]);
  if ((await db().study.count()) === 0) await importSeed(db());
  study = (await db().study.findFirstOrThrow({ orderBy: { id: "asc" } })).id;
  const c = await db().outcomeCategory.create({
    data: { name: `Live ${Date.now()}`, colour: "#0072B2", position: 99 },
  });
  category = c.id;
});

afterAll(async () => {
  await stopLive();
  // Leave the shared test database as it was found: other files count categories and tags.
  const ours = [ann, ben, cat, admin].map((u) => u.id);
  await db().annotation.deleteMany({ where: { authorId: { in: ours } } });
  await db().tagAssessment.deleteMany({ where: { reviewerId: { in: ours } } });
  await db().outcomeCategory.delete({ where: { id: category } });
  await db().$disconnect();
});

describe("listeners on one database", () => {
  it("two instances both receive an event, and one survives its connection being killed", async () => {
    const got: [AuditNotification[], AuditNotification[]] = [[], []];
    const a = new LiveListener(url, { onEvent: (e) => got[0].push(e), minDelayMs: 50, maxDelayMs: 200 });
    const b = new LiveListener(url, { onEvent: (e) => got[1].push(e), minDelayMs: 50, maxDelayMs: 200 });
    a.start();
    b.start();
    try {
      await Promise.all([a.whenConnected(), b.whenConnected()]);
      await writeEvent("first");
      await until("both instances", () => got.every((g) => g.some((e) => e.entityId === "first")));
      const event = got[0].find((e) => e.entityId === "first")!;
      // Ids and kinds only: the notification carries no before or after.
      expect(Object.keys(event).sort()).toEqual([
        "action",
        "actorId",
        "entityId",
        "entityType",
        "id",
        "studyId",
      ]);

      // The server ends the listening connection (as a restart would); an event written while it is
      // away still arrives (caught up from the audit events), and so does the next one.
      const pid = a.backendPid();
      expect(pid).not.toBeNull();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      } finally {
        await admin.end();
      }
      await until("the connection to drop", () => !a.connected);
      await writeEvent("while-away");
      await until("the listener to reconnect", () => a.connected && a.backendPid() !== pid);
      await writeEvent("after");
      await until("events after the restart", () =>
        ["while-away", "after"].every((m) => got[0].some((e) => e.entityId === m)),
      );
      expect(a.connects).toBe(2);
      // Each event once, though the catch-up overlaps what was already delivered.
      const ids = got[0].map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      // The other instance, its connection untouched, receives it too (in its own time).
      await until("the other instance", () => got[1].some((e) => e.entityId === "after"));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe("the live channel of the app", () => {
  it("refuses viewers and anonymous callers", async () => {
    const viewer = await makeUser(db(), "viewer");
    const noop = { studyId: null, change: () => {}, presence: () => {} };
    expect(() => subscribeLive(null, noop)).toThrow(/signed in/i);
    expect(() => subscribeLive(viewer, noop)).toThrow(/role/i);
  });

  it("while tagging blind, tells only those who tagged a study that its tags changed", async () => {
    await setBlindTagging(admin, { blindTagging: true });
    await saveAssessment(ann, { studyId: study, version: 0, categoryIds: [category] });
    const seen = new Map<string, LiveChange[]>([
      [ann.id, []],
      [ben.id, []],
      [admin.id, []],
    ]);
    const subs = [ann, ben, admin].map((user) =>
      subscribeLive(user, { studyId: study, change: (c) => seen.get(user.id)!.push(c), presence: () => {} }),
    );
    try {
      await liveReady();
      await saveAssessment(cat, { studyId: study, version: 0, categoryIds: [category] });
      await until("Ann and the admin to hear of the tags", () =>
        [ann.id, admin.id].every((id) => seen.get(id)!.some((c) => c.kind === "tags")),
      );
      // An annotation on the same study reaches Ben: his channel works, it just said nothing of tags.
      await createAnnotation(cat, { studyId: study, parentId: null, field: null, body: "Dose checked" });
      await until("Ben to hear of the annotation", () =>
        seen.get(ben.id)!.some((c) => c.kind === "annotation"),
      );
      expect(seen.get(ben.id)!.map((c) => c.kind)).toEqual(["annotation"]);
      const told = seen.get(ann.id)!.find((c) => c.kind === "tags")!;
      expect(told).toEqual({ id: told.id, kind: "tags", studyId: study, cohortId: null, own: false });

      // Once blind tagging is off, Ben hears of tags too.
      await setBlindTagging(admin, { blindTagging: false });
      await saveAssessment(cat, { studyId: study, version: 1, categoryIds: [] });
      await until("Ben to hear of the tags", () => seen.get(ben.id)!.some((c) => c.kind === "tags"));
    } finally {
      for (const unsubscribe of subs) unsubscribe();
      await setBlindTagging(admin, { blindTagging: true });
    }
  });
});
