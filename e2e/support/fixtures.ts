// Shared helpers for specs: a database client for factories, sign-in, and the axe check.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { createPrismaClient, type Db } from "../../lib/server/sql/client";
import { E2E_DATABASE_URL } from "./env";

let client: Db | undefined;
export function e2eDb(): Db {
  client ??= createPrismaClient(E2E_DATABASE_URL, 2);
  return client;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** No serious or critical axe-core violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  // After a server action the page re-renders; let the document settle (title back in place).
  await expect(page).toHaveTitle(/\S/);
  // Pages with live updates keep a stream open, so the network is never idle: wait for the page
  // to load and for whatever it is still reading (aria-busy) to arrive.
  await page.waitForLoadState("load");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // A live page refreshes itself after a change (its own too): while React swaps the new render
  // in, the document can lack its title for a moment. Such a moment is not what a person reads, so
  // the check is run again until it passes or the same violations stay for five seconds.
  await expect(async () => {
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
      `axe violations on ${page.url()}`,
    ).toEqual([]);
  }).toPass({ timeout: 5_000, intervals: [250, 500, 1_000] });
}
