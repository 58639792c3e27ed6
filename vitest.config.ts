import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests get a database of their own, created and migrated by tests/support/global-db.ts.
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.TEST_DB_NAME ?? `evidence_test_${process.pid}`;
const testUrl = new URL(adminUrl);
testUrl.pathname = `/${dbName}`;

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-db.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          env: {
            TEST_DATABASE_ADMIN_URL: adminUrl,
            TEST_DB_NAME: dbName,
            DATABASE_URL: testUrl.toString(),
            NEXTAUTH_SECRET: "integration-tests-secret-that-is-long-enough",
            DATABASE_POOL_MAX: "20",
          },
        },
      },
    ],
  },
});
