// Run by Playwright's webServer before the app starts: a fresh, migrated, empty database.
import { assertLocal, createFreshDatabase } from "../../tests/support/databases";
import { E2E_DATABASE_URL, E2E_DB_NAME } from "./env";

assertLocal(E2E_DATABASE_URL);
await createFreshDatabase(E2E_DB_NAME);
console.info(`[e2e] fresh database ${E2E_DB_NAME}`);
