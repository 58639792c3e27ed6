// A reviewer filters the dashboard: the numbers and the table change, the URL carries the
// filter, and reloading, going back, or opening the link elsewhere shows the same.
import { expect, test, type Page } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

const stat = (page: Page, label: string) => page.locator(`[data-stat="${label}"] .value`);

async function expectNumbers(page: Page, studies: string, trials: string, patients: string) {
  await expect(stat(page, "Studies")).toHaveText(studies);
  await expect(stat(page, "Registered trials")).toHaveText(trials);
  await expect(stat(page, "Patients (deduplicated)")).toHaveText(patients);
}

test.beforeAll(async () => {
  await importSeed(e2eDb());
});

test("filters change the numbers and the table, and the URL carries them", async ({ page, browser }) => {
  const reviewer = await makeUser(e2eDb(), "reviewer");
  await signIn(page, reviewer.email, FACTORY_PASSWORD);
  await page.goto("/");
  await expectAccessible(page);
  const allStudies = await stat(page, "Studies").textContent();

  await page.getByRole("checkbox", { name: /^SLE · Systemic lupus erythematosus/ }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]disease=SLE/);
  // 11 SLE studies report 3 registered trials; NCT00698191's six publications count once.
  await expectNumbers(page, "11", "3", "443");
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("disease: SLE");

  await page.getByLabel("Registered").selectOption("no");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/registered=no/);
  await expectNumbers(page, "2", "0", "168");
  const url = page.url();

  await page.reload();
  await expectNumbers(page, "2", "0", "168");

  await page.goBack();
  await expect(page).not.toHaveURL(/registered=no/);
  await expectNumbers(page, "11", "3", "443");
  await page.goBack();
  await expect(stat(page, "Studies")).toHaveText(allStudies!);

  // The same link in another signed-in browser shows the same numbers.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const viewer = await makeUser(e2eDb(), "viewer");
  await signIn(otherPage, viewer.email, FACTORY_PASSWORD);
  await otherPage.goto(url);
  await expectNumbers(otherPage, "2", "0", "168");
  await expect(otherPage.getByRole("checkbox", { name: /^SLE/ })).toBeChecked();

  // The table shows the same studies, sortable, with the filter kept.
  await otherPage.getByRole("link", { name: "Show these 2 studies in the table" }).click();
  await expect(otherPage).toHaveURL(/\/studies\?.*disease=SLE/);
  await expect(otherPage.getByText("Studies 1–2 of 2")).toBeVisible();
  await otherPage.getByRole("link", { name: "n", exact: true }).click();
  await otherPage.getByRole("link", { name: "n ▲" }).click();
  await expect(otherPage.getByRole("columnheader", { name: "n ▼" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const firstRow = otherPage.locator("table.data tbody tr").first();
  await expect(firstRow).toContainText("[111]");
  await expectAccessible(otherPage);

  // The study page shows every field, its arms and products.
  await firstRow.getByRole("link", { name: "SLE" }).click();
  await expect(
    otherPage.getByRole("heading", { name: "Systemic lupus erythematosus (SLE) [111]" }),
  ).toBeVisible();
  await expect(otherPage.getByRole("region", { name: "Cell products" }).getByRole("row")).toHaveCount(3);
  await expectAccessible(otherPage);

  // The CSV export carries the same filter.
  await otherPage.goto(url.replace(/\/(\?|$)/, "/studies$1"));
  const download = otherPage.waitForEvent("download");
  await otherPage.getByRole("link", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(file, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true); // so that spreadsheets read it as UTF-8
  const csv = text.slice(1).trim().split("\r\n");
  expect(csv[0]).toMatch(/^id,disease_code,disease,/);
  expect(csv).toHaveLength(3);
  await other.close();
});

test("the studies table does not fetch every study it lists", async ({ page }) => {
  const reviewer = await makeUser(e2eDb(), "reviewer");
  await signIn(page, reviewer.email, FACTORY_PASSWORD);
  // Links that enter the viewport are prefetched by default: a table of 25 studies would send
  // 25 requests to the server for each reviewer who looks at it.
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (/\/studies\/[0-9a-f-]{36}/.test(new URL(r.url()).pathname)) fetched.push(r.url());
  });
  await page.goto("/studies?size=25");
  await expect(page.getByRole("table").first()).toBeVisible();
  await page.waitForLoadState("load");
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(1500);
  expect(fetched).toEqual([]);
  // Opening one is still a client-side navigation.
  await page.getByRole("table").first().locator('a[href^="/studies/"]').first().click();
  await expect(page).toHaveURL(/\/studies\/[0-9a-f-]{36}$/);
});
