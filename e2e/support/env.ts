// Where the end-to-end server runs and which throw-away database it uses.
import { databaseUrl } from "../../tests/support/databases";

// Set by playwright.config.ts to a free port (or by whoever runs the specs).
if (!process.env.E2E_PORT) throw new Error("E2E_PORT is not set: run the specs through playwright.config.ts");
export const E2E_PORT = Number(process.env.E2E_PORT);
export const E2E_DB_NAME = process.env.E2E_DB_NAME ?? "evidence_e2e";
export const E2E_DATABASE_URL = databaseUrl(E2E_DB_NAME);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_SECRET = "end-to-end-tests-secret-long-enough-0123456789";
