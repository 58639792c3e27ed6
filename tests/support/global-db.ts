// Vitest global setup for integration tests: a fresh, migrated database, dropped afterwards.
import type { TestProject } from "vitest/node";
import { createFreshDatabase, dropDatabase } from "./databases";

export default async function setup(project: TestProject) {
  const name = project.config.env?.TEST_DB_NAME;
  if (!name) throw new Error("TEST_DB_NAME is not set (see vitest.config.ts)");
  await createFreshDatabase(name);
  return async () => {
    if (!process.env.KEEP_TEST_DB) await dropDatabase(name);
  };
}
