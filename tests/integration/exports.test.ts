// Exports against real PostgreSQL: a filter the database could not run is refused before the
// response starts (an error status, never a success with a header row), a failure after that
// breaks the transfer rather than ending it as a complete file, and unreadable filter parameters
// are dropped and named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter, type CohortFilter } from "../../lib/domain/filter/filter";
import { exportRows, streamExport, type ExportRow } from "../../lib/server/exports";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { importSeed } from "../../prisma/seed";
import { makeUser } from "../support/factories";

let viewer: SessionUser;
beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
  viewer = await makeUser(db(), "viewer");
});
afterAll(() => db().$disconnect());

const reading = (q: string) => parseFilter(new URLSearchParams(q));

describe("exports", () => {
  it("refuse before streaming when the query fails, with no internals in the body", async () => {
    // A filter that could not have come from a URL: an enrollment beyond PostgreSQL's integer.
    const filter: CohortFilter = { ...reading("").filter, enrollmentMin: 2 ** 40 };
    const res = await streamExport(exportRows(viewer, filter), "csv", { filter, ignored: [] });
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(body).toContain("could not be read");
    expect(body).not.toMatch(/prisma|postgres|integer|out of range|\$queryRaw/i);
  });

  it("break the transfer when a later batch fails, never ending it as a complete file", async () => {
    const rows: ExportRow[] = [];
    for await (const row of exportRows(viewer, reading("disease=SLE").filter)) rows.push(row);
    async function* failing(): AsyncGenerator<ExportRow> {
      yield rows[0]!;
      await Promise.resolve();
      throw new Error("connection lost");
    }
    for (const format of ["csv", "json"] as const) {
      const res = await streamExport(failing(), format, reading(""));
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
    }
  });

  it("drop and name filter parameters the database could not take, and export the rest", async () => {
    const res = await streamExport(
      exportRows(viewer, reading("nMin=2147483648&disease=SLE").filter),
      "json",
      reading("nMin=2147483648&disease=SLE"),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Filter-Ignored")).toBe("nMin");
    const body = JSON.parse(await res.text()) as { ignored: string[]; studies: ExportRow[] };
    expect(body.ignored).toEqual(["nMin"]);
    expect(body.studies.length).toBeGreaterThan(0);
    expect(body.studies.every((s) => s.disease_code === "SLE")).toBe(true);
  });
});
