// The data version and the caches it keys, against real PostgreSQL with concurrent sessions: a
// value read while another session's write is still open must not outlive that write's commit.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../lib/server/platform/db";
import type { Db } from "../../lib/server/sql/client";
import { dataVersion, versionedCache } from "../../lib/server/sql/data-version";

afterAll(() => db().$disconnect());

async function categoryColour(id: string): Promise<string | null> {
  const row = await db().outcomeCategory.findUnique({ where: { id }, select: { colour: true } });
  return row?.colour ?? null;
}

describe("the data version", () => {
  it("moves on when a write commits, and not when nothing is written", async () => {
    const before = await dataVersion(db());
    expect(await dataVersion(db())).toBe(before);
    const id = randomUUID();
    await db().outcomeCategory.create({
      data: { id, name: `dv-${id}`, colour: "#111111", position: 9_000 },
    });
    expect(await dataVersion(db())).not.toBe(before);
    await db().outcomeCategory.delete({ where: { id } });
  });

  it("a value computed while a write is open is not kept past its commit", async () => {
    const id = randomUUID();
    await db().outcomeCategory.create({
      data: { id, name: `dv-${id}`, colour: "#111111", position: 9_001 },
    });
    const colours = versionedCache<string | null>();
    const read = () => colours(db(), id, () => categoryColour(id));
    expect(await read()).toBe("#111111");

    // Another session writes and, before it commits, a reader computes (seeing the old colour).
    let seenDuring: string | null = null;
    await db().$transaction(async (tx) => {
      await tx.outcomeCategory.update({ where: { id }, data: { colour: "#222222" } });
      seenDuring = await read();
    });
    expect(seenDuring).toBe("#111111"); // the write was not committed yet

    // Once it has committed, every read sees it.
    expect(await read()).toBe("#222222");
    expect(await categoryColour(id)).toBe("#222222");
    await db().outcomeCategory.delete({ where: { id } });
  });

  it("a reader inside its own open write keeps nothing: a rollback leaves no trace in the cache", async () => {
    const id = randomUUID();
    await db().outcomeCategory.create({
      data: { id, name: `dv-${id}`, colour: "#333333", position: 9_002 },
    });
    const colours = versionedCache<string | null>();
    await expect(
      db().$transaction(async (tx) => {
        await tx.outcomeCategory.update({ where: { id }, data: { colour: "#444444" } });
        // The transaction reads through the cache and sees its own uncommitted colour...
        // (The types keep a transaction from the caches today; the database must hold it anyway.)
        const own = await colours(tx as unknown as Db, id, async () => {
          const row = await tx.outcomeCategory.findUnique({ where: { id }, select: { colour: true } });
          return row?.colour ?? null;
        });
        expect(own).toBe("#444444");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // ...which never existed once it rolled back (the sequence did not go back).
    expect(await colours(db(), id, () => categoryColour(id))).toBe("#333333");
    await db().outcomeCategory.delete({ where: { id } });
  });
});
