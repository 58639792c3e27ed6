// When the database stops answering: a form keeps what the person typed and says what happened,
// sign-in says so without the database's address or the driver's words, and once the database is
// back the same form saves. The database is made to refuse connections (ALLOW_CONNECTIONS false)
// and its open connections are ended, as a restart or an outage would.
import pg from "pg";
import { expect, test } from "@playwright/test";
import { adminUrl } from "../tests/support/databases";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { importSeed, SEED_SOURCE } from "../prisma/seed";
import { E2E_DB_NAME } from "./support/env";
import { e2eDb, signIn } from "./support/fixtures";

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function databaseDown() {
  await admin(async (c) => {
    await c.query(`ALTER DATABASE "${E2E_DB_NAME}" WITH ALLOW_CONNECTIONS false`);
    await c.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [E2E_DB_NAME],
    );
  });
}

async function databaseUp() {
  await admin((c) => c.query(`ALTER DATABASE "${E2E_DB_NAME}" WITH ALLOW_CONNECTIONS true`));
}

test.beforeAll(async () => {
  await e2eDb().evidenceSource.deleteMany({ where: { name: { not: SEED_SOURCE.name } } });
  await importSeed(e2eDb());
});
test.afterEach(databaseUp);

test("a form keeps what was typed when the database is down, and saves once it is back", async ({ page }) => {
  const reviewer = await makeUser(e2eDb(), "reviewer");
  const study = await e2eDb().study.findFirstOrThrow({ orderBy: { sourceLine: "asc" } });
  await signIn(page, reviewer.email, FACTORY_PASSWORD);
  await page.goto(`/studies/${study.id}`);
  const text = "The dose in the text (Table 2) differs from the abstract: check with the authors.";
  const form = page.getByRole("form", { name: "New annotation" });
  await form.getByLabel("Annotation").fill(text);

  await databaseDown();
  await form.getByRole("button", { name: "Add annotation" }).click();
  // (Next.js's route announcer is an empty alert too.)
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toContainText("The database cannot be reached right now. Nothing was saved");
  await expect(alert).not.toContainText(/prisma|127\.0\.0\.1|ECONN|postgres/i);
  await expect(form.getByLabel("Annotation")).toHaveValue(text);

  await databaseUp();
  await form.getByRole("button", { name: "Add annotation" }).click();
  await expect(page.getByRole("article", { name: /Annotation by/ }).first()).toContainText(
    "differs from the abstract",
  );
});

test("signing in while the database is down says so, without its address", async ({ page }) => {
  const user = await makeUser(e2eDb(), "viewer");
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(FACTORY_PASSWORD);
  await databaseDown();
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toContainText("Signing in is not possible right now: the database cannot be reached.");
  await expect(page.locator("body")).not.toContainText(/prisma|\$queryRaw|127\.0\.0\.1|5432|ECONNREFUSED/i);
  await databaseUp();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
