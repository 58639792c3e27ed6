// Cohorts against real PostgreSQL: saving, ownership, versions, freezing and what changed
// since, read-only share links (revocation, expiry, nothing else reachable), and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStoredFilter } from "../../lib/domain/filter";
import { parseFilter } from "../../lib/domain/filter/filter";
import {
  createCohort,
  deleteCohort,
  duplicateCohort,
  findCohort,
  freezeCohort,
  frozenChanges,
  listCohorts,
  unfreezeCohort,
  updateCohort,
  updateCohortFilter,
  cohortView,
} from "../../lib/server/cohorts";
import { createShareLink, revokeShareLink, sharedCohort } from "../../lib/server/shares";
import { queryDashboard } from "../../lib/server/sql/dashboard";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { hashToken } from "../../lib/server/platform/tokens";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

let alice: SessionUser; // reviewer, owner
let bob: SessionUser; // another reviewer
let admin: SessionUser;
let viewer: SessionUser;

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  alice = await makeUser(db(), "reviewer");
  bob = await makeUser(db(), "reviewer");
  admin = await makeUser(db(), "admin");
  viewer = await makeUser(db(), "viewer");
});
afterAll(() => db().$disconnect());

const auditOf = (entityId: string) =>
  db().auditEvent.findMany({
    where: { entityId },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true },
  });

async function load(ref: string, as: SessionUser = alice) {
  const c = await findCohort(as, ref);
  if (!c) throw new Error(`no cohort ${ref}`);
  return c;
}

describe("saving and opening cohorts", () => {
  it("saves the filter and settings of the URL, opens by slug or id, and is audited", async () => {
    const { id, slug } = await createCohort(alice, {
      name: "SLE bone-marrow cohort",
      description: "For the SLE subgroup",
      filterQuery: "disease=SLE&source=BM&weight=60&estimated=exclude",
    });
    expect(slug).toMatch(/^sle-bone-marrow-cohort-[a-z2-9]{8}$/);
    const bySlug = await load(slug, viewer);
    const byId = await load(id, viewer);
    expect(byId.id).toBe(bySlug.id);
    expect(bySlug.reading.filter.diseases).toEqual(["SLE"]);
    expect(bySlug.reading.filter.sources).toEqual(["BM"]);
    expect(bySlug.reading.filter.includeEstimated).toBe(false);
    expect(bySlug.reading.filter.referenceWeightKg).toBe(60);
    expect(bySlug.canManage).toBe(false); // a viewer
    expect((await load(slug, alice)).canManage).toBe(true);
    expect((await load(slug, admin)).canManage).toBe(true);
    expect((await load(slug, bob)).canManage).toBe(false);
    expect(await auditOf(id)).toEqual([{ action: "cohort.create", actorId: alice.id }]);
    const listed = await listCohorts(viewer, "bone-marrow");
    expect(listed.map((c) => c.id)).toContain(id);
    expect(await listCohorts(viewer, "no such words anywhere")).toEqual([]);
  });

  it("opens filters saved by older versions, dropping only what it no longer understands", async () => {
    expect(readStoredFilter({ query: "disease=RA&shape=round&route=I.V" })).toMatchObject({
      filter: { diseases: ["RA"], routes: ["I.V"] },
      ignored: [],
    });
    // The object shape of early versions, with one field a later version refuses.
    const old = readStoredFilter({ diseases: ["MS"], donors: ["martian"], referenceWeightKg: 80 });
    expect(old.filter.diseases).toEqual(["MS"]);
    expect(old.filter.donors).toEqual([]);
    expect(old.ignored).toEqual(["donor"]);
    expect(old.filter.referenceWeightKg).toBe(80);
    const row = await db().cohort.create({
      data: {
        slug: "legacy-cohort",
        name: "Legacy",
        ownerId: alice.id,
        filter: { diseases: ["MS"] },
        filterVersion: 0,
      },
    });
    const opened = await load(row.slug);
    const { filter } = parseFilter({ disease: "MS" });
    expect((await cohortView(alice, opened)).stats).toEqual(await queryDashboard(db(), filter));
  });

  it("refuses anonymous callers and viewers", async () => {
    const input = { name: "x", description: "", filterQuery: "" };
    await expect(createCohort(null, input)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(createCohort(viewer, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(findCohort(null, "legacy-cohort")).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("ownership and versions", () => {
  it("lets only the owner or an admin edit, freeze, share or delete; anyone in the team duplicates", async () => {
    const { id } = await createCohort(alice, {
      name: "Alice's RA",
      description: "",
      filterQuery: "disease=RA",
    });
    const c = await load(id);
    const before = await db().cohort.findUniqueOrThrow({ where: { id } });
    const ref = { id, version: c.version };
    await expect(updateCohort(bob, { ...ref, name: "Bob's now", description: "" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(updateCohortFilter(bob, { ...ref, filterQuery: "disease=MS" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(freezeCohort(bob, ref)).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteCohort(bob, ref)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createShareLink(bob, { cohortId: id, expiresInDays: null, showAnnotations: false }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateCohort(viewer, { ...ref, name: "Viewer's", description: "" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await db().cohort.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await db().shareLink.count({ where: { cohortId: id } })).toBe(0);

    const copy = await duplicateCohort(bob, { id });
    const copied = await load(copy.slug, bob);
    expect(copied.owner).toBe(bob.name);
    expect(copied.reading.filter.diseases).toEqual(["RA"]);

    await updateCohort(admin, { ...ref, name: "Renamed by an admin", description: "" });
    expect((await load(id)).name).toBe("Renamed by an admin");
  });

  it("shows a new or revoked share link on the cohort at once (its read is cached)", async () => {
    const { id } = await createCohort(alice, { name: "Shared soon", description: "", filterQuery: "" });
    expect((await load(id)).shareLinks).toEqual([]);
    await createShareLink(alice, { cohortId: id, expiresInDays: 7, showAnnotations: true });
    const [link] = (await load(id)).shareLinks;
    expect(link).toMatchObject({
      showAnnotations: true,
      revokedAt: null,
      expired: false,
      createdBy: alice.name,
    });
    await revokeShareLink(alice, { id: link!.id });
    expect((await load(id)).shareLinks[0]!.revokedAt).not.toBeNull();
    // Another reader, who may not manage it, sees no links of the same cached cohort.
    expect((await load(id, bob)).shareLinks).toEqual([]);
  });

  it("refuses a save against a stale version and writes nothing", async () => {
    const { id } = await createCohort(alice, { name: "Versioned", description: "", filterQuery: "" });
    const v1 = (await load(id)).version;
    await updateCohort(alice, { id, version: v1, name: "First save", description: "" });
    await expect(
      updateCohort(alice, { id, version: v1, name: "Stale save", description: "" }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("now named “First save”"),
    });
    expect((await load(id)).name).toBe("First save");
  });

  it("lets exactly one of two simultaneous saves of the same version through", async () => {
    const { id } = await createCohort(alice, { name: "Race", description: "", filterQuery: "" });
    const version = (await load(id)).version;
    const results = await Promise.allSettled(
      ["One", "Two", "Three", "Four"].map((name) =>
        updateCohort(alice, { id, version, name, description: "" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const after = await load(id);
    expect(after.version).toBe(version + 1);
    expect(await db().auditEvent.count({ where: { entityId: id, action: "cohort.update" } })).toBe(1);
  });
});

describe("live and frozen cohorts", () => {
  it("keeps the frozen members and numbers while the data changes, and says what changed", async () => {
    const { id, slug } = await createCohort(alice, {
      name: "SLE frozen",
      description: "",
      filterQuery: "disease=SLE",
    });
    const live = await cohortView(alice, await load(id));
    expect(live.stats.studies).toBe(11);

    const { members } = await freezeCohort(alice, { id, version: (await load(id)).version });
    expect(members).toBe(11);
    const frozen = await load(slug, bob);
    expect(frozen.frozenAt).not.toBeNull();
    expect(frozen.frozenSettings).toEqual({
      referenceWeightKg: 70,
      includeEstimated: true,
      doseScale: "per_administration",
    });
    expect((await cohortView(bob, frozen)).stats).toEqual(live.stats);
    expect(await frozenChanges(bob, frozen)).toMatchObject({
      removed: 0,
      changedCount: 0,
      addedCount: 0,
      leftFilter: 0,
    });
    await expect(
      updateCohortFilter(alice, { id, version: frozen.version, filterQuery: "disease=RA" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });

    // The data changes: one member is corrected, one RA study is recoded as SLE.
    const [member] = await db().study.findMany({
      where: { diseaseCode: "SLE" },
      orderBy: { sourceLine: "asc" },
      take: 1,
    });
    await db().study.update({
      where: { id: member!.id },
      data: { enrollment: (member!.enrollment ?? 0) + 100, version: { increment: 1 } },
    });
    const [ra] = await db().study.findMany({ where: { diseaseCode: "RA", trialId: null }, take: 1 });
    await db().study.update({
      where: { id: ra!.id },
      data: { diseaseCode: "SLE", version: { increment: 1 } },
    });
    try {
      const after = await load(slug, bob);
      const view = await cohortView(bob, after);
      expect(view.stats).toEqual(live.stats); // the numbers that were shared
      expect(view.table.total).toBe(11);
      const changes = (await frozenChanges(bob, after))!;
      expect(changes.changedCount).toBe(1);
      expect(changes.changed.map((s) => s.id)).toEqual([member!.id]);
      expect(changes.addedCount).toBe(1);
      expect(changes.added.map((s) => s.id)).toEqual([ra!.id]);
      expect(changes.now.studies).toBe(12);

      // Live again: it follows the data.
      await unfreezeCohort(alice, { id, version: after.version });
      const relive = await load(slug);
      expect(relive.frozenAt).toBeNull();
      expect((await cohortView(alice, relive)).stats.studies).toBe(12);
      expect(await db().cohortStudy.count({ where: { cohortId: id } })).toBe(0);
    } finally {
      await db().study.update({ where: { id: ra!.id }, data: { diseaseCode: "RA" } });
      await db().study.update({ where: { id: member!.id }, data: { enrollment: member!.enrollment } });
    }
    expect((await auditOf(id)).map((e) => e.action)).toEqual([
      "cohort.create",
      "cohort.freeze",
      "cohort.unfreeze",
    ]);
  });
});

describe("frozen members outlive their studies", () => {
  it("keeps a deleted study's snapshot in the member list and counts it as removed", async () => {
    const { id, slug } = await createCohort(alice, {
      name: "SS frozen",
      description: "",
      filterQuery: "disease=SS",
    });
    await freezeCohort(alice, { id, version: 1 });
    const ss = await db().study.findFirstOrThrow({ where: { diseaseCode: "SS" } });
    await db().study.delete({ where: { id: ss.id } });
    const frozen = await load(slug, bob);
    const view = await cohortView(bob, frozen);
    expect(view.table.total).toBe(1);
    expect(view.table.rows.map((r) => r.id)).toEqual([ss.id]);
    expect((await frozenChanges(bob, frozen))!.removed).toBe(1);
  });
});

describe("read-only share links", () => {
  it("open one cohort without a session, stop on revocation and on expiry, and reveal no names", async () => {
    const { id } = await createCohort(alice, {
      name: "Shared MS",
      description: "MS trials",
      filterQuery: "disease=MS",
    });
    const other = await createCohort(alice, { name: "Other", description: "", filterQuery: "disease=RA" });
    const link = await createShareLink(alice, { cohortId: id, expiresInDays: null, showAnnotations: false });
    const token = link.path.replace("/share/", "");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    // Only the hash is stored.
    const stored = await db().shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(await db().shareLink.findMany())).not.toContain(token);

    const shared = (await sharedCohort(token))!;
    expect(shared.name).toBe("Shared MS");
    expect(shared.stats.studies).toBe(14);
    expect(shared.annotations).toBeNull();
    expect(JSON.stringify(shared)).not.toContain(alice.name);
    expect(JSON.stringify(shared)).not.toContain(alice.email);
    expect(JSON.stringify(shared)).not.toContain(other.id);

    // Near misses and other shapes open nothing.
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const bad of [flipped, token.slice(1), `${token}x`, "", hashToken(token), id, other.slug])
      expect(await sharedCohort(bad)).toBeNull();

    await revokeShareLink(alice, { id: link.id });
    expect(await sharedCohort(token)).toBeNull();

    const expiring = await createShareLink(alice, { cohortId: id, expiresInDays: 1, showAnnotations: true });
    const t2 = expiring.path.replace("/share/", "");
    expect((await sharedCohort(t2))!.annotations).toEqual([]);
    await db().shareLink.update({
      where: { id: expiring.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await sharedCohort(t2)).toBeNull();

    await expect(revokeShareLink(bob, { id: expiring.id })).rejects.toMatchObject({ code: "forbidden" });
    expect((await auditOf(link.id)).map((e) => e.action)).toEqual(["share_link.create", "share_link.revoke"]);
  });

  it("shows the team's annotation texts only when the owner ticked it", async () => {
    const { id } = await createCohort(alice, {
      name: "Annotated",
      description: "",
      filterQuery: "disease=T1DM",
    });
    const study = await db().study.findFirstOrThrow({ where: { diseaseCode: "T1DM" } });
    await db().annotation.create({
      data: { studyId: study.id, authorId: bob.id, body: "Check the dose unit", field: "dose" },
    });
    const withNotes = await createShareLink(alice, {
      cohortId: id,
      expiresInDays: 30,
      showAnnotations: true,
    });
    const shared = (await sharedCohort(withNotes.path.replace("/share/", "")))!;
    expect(shared.annotations).toEqual([
      expect.objectContaining({
        studyId: study.id,
        body: "Check the dose unit",
        field: "dose",
        status: "open",
      }),
    ]);
    expect(JSON.stringify(shared)).not.toContain(bob.name);
    const without = await createShareLink(alice, {
      cohortId: id,
      expiresInDays: null,
      showAnnotations: false,
    });
    expect((await sharedCohort(without.path.replace("/share/", "")))!.annotations).toBeNull();
  });

  it("deleting a cohort ends its links, and is audited", async () => {
    const { id } = await createCohort(alice, { name: "Short-lived", description: "", filterQuery: "" });
    const link = await createShareLink(alice, { cohortId: id, expiresInDays: null, showAnnotations: false });
    await deleteCohort(admin, { id, version: (await load(id)).version });
    expect(await findCohort(alice, id)).toBeNull();
    expect(await sharedCohort(link.path.replace("/share/", ""))).toBeNull();
    expect((await auditOf(id)).map((e) => [e.action, e.actorId])).toEqual([
      ["cohort.create", alice.id],
      ["cohort.delete", admin.id],
    ]);
  });
});
