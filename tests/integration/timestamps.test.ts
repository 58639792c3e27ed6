// timestamptz values survive a round trip through the driver adapter unchanged, whatever
// the server's default time zone, because the app's connections run in UTC.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../lib/server/sql/client";

const db = createPrismaClient(process.env.DATABASE_URL!, 2);
afterAll(() => db.$disconnect());

describe("timestamps", () => {
  it("round-trip to the millisecond, and the session runs in UTC", async () => {
    const when = new Date("2026-03-29T01:30:00.123Z"); // inside a European DST change
    const user = await db.user.create({
      data: { email: `tz-${Date.now()}@example.test`, name: "TZ", passwordHash: "x", disabledAt: when },
    });
    const read = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(read.disabledAt?.toISOString()).toBe(when.toISOString());
    const [zone] = await db.$queryRaw<{ TimeZone: string }[]>`SHOW TIME ZONE`;
    expect(zone?.TimeZone).toBe("UTC");
    // What a plain SQL client in another zone sees is the same instant.
    const other = new pg.Client({
      connectionString: process.env.DATABASE_URL,
      options: "-c TimeZone=Pacific/Auckland",
    });
    await other.connect();
    const res = await other.query<{ t: Date }>(`SELECT disabled_at AS t FROM users WHERE id = $1`, [user.id]);
    await other.end();
    expect(res.rows[0]?.t.toISOString()).toBe(when.toISOString());
    // now() on the server and the app's clock agree.
    const [row] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    expect(Math.abs(row!.now.getTime() - Date.now())).toBeLessThan(5_000);
  });
});
