// Which failures are the database being out of reach (told as "try again in a moment") and which
// are not, on errors the real driver raises; neither kind shows its text to a person.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../lib/server/platform/db";
import { isDatabaseUnavailable, unexpected } from "../../lib/server/platform/errors";
import { createPrismaClient } from "../../lib/server/sql/client";

afterAll(() => db().$disconnect());

const caught = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
};

describe("errors", () => {
  it("a database that does not answer is unavailable, and the message says only that", async () => {
    const nowhere = createPrismaClient("postgresql://postgres@127.0.0.1:1/none", 1);
    const error = await caught(() => nowhere.$queryRaw`SELECT 1`);
    await nowhere.$disconnect();
    expect(isDatabaseUnavailable(error)).toBe(true);
    const told = unexpected(error);
    expect(told.code).toBe("unavailable");
    expect(told.message).not.toMatch(/127\.0\.0\.1|prisma|ECONN/i);
  });

  it("a failing statement is not the database being down, and is told without its text", async () => {
    const error = await caught(() => db().$queryRaw`SELECT 1/0`);
    expect(isDatabaseUnavailable(error)).toBe(false);
    const told = unexpected(error);
    expect(told.code).toBe("internal");
    expect(told.message).not.toMatch(/division|zero|prisma/i);
  });
});
