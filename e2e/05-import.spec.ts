// An administrator pastes a review table, reads the preview with its problems by line,
// confirms, watches the import, and finds the studies; the same table again changes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

const ARDS = readFileSync(path.join(process.cwd(), "tests/fixtures/pmc8242476-table1-ards.md"), "utf8");

test("import a pasted table through a preview that lists its problems", async ({ page }) => {
  const admin = await makeUser(e2eDb(), "admin");
  await signIn(page, admin.email, FACTORY_PASSWORD);
  await page.goto("/admin/import");
  await expectAccessible(page);

  // Without a disease for the table, the preview explains what is missing.
  await page.getByLabel("…or paste the table").fill(ARDS);
  await page.getByLabel("Name of the table").fill("ARDS trials (J Leukoc Biol 2021, Table 1)");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText(/no Disease \(Condition, Indication\) column/)).toBeVisible();

  await page.getByLabel("Disease of every row (optional)").fill("ARDS");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText(/rows read as/)).toContainText("5 rows read as md");
  const problems = page.getByRole("table", { name: "Problems found in the table" });
  await expect(problems.getByRole("row")).toHaveCount(4);
  await expect(problems.getByRole("row").nth(1)).toContainText("5");
  await expect(problems.getByRole("row").nth(1)).toContainText("Enrollment 20(10/10) splits into 2 groups");
  await expectAccessible(page);

  const importButton = page.getByRole("button", { name: "Import 5 studies" });
  await expect(importButton).toBeDisabled();
  await page.getByLabel("I have read the 3 problems above").check();
  await importButton.click();
  await expect(page.getByRole("status").filter({ hasText: "Import finished" })).toContainText(
    "5 added, 0 updated, 0 left alone",
  );

  expect(await e2eDb().study.count({ where: { diseaseCode: "ARDS" } })).toBe(5);
  await page.goto("/studies");
  await expect(page.getByRole("cell", { name: "NCT02095444" })).toBeVisible();

  // The same table again: nothing changes.
  await page.goto("/admin/import");
  await page.getByLabel("…or paste the table").fill(ARDS);
  await page.getByLabel("Name of the table").fill("ARDS trials (J Leukoc Biol 2021, Table 1)");
  await page.getByLabel("Disease of every row (optional)").fill("ARDS");
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByLabel("I have read the 3 problems above").check();
  await page.getByRole("button", { name: "Import 5 studies" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import finished" })).toContainText(
    "0 added, 0 updated, 5 left alone",
  );
  expect(await e2eDb().study.count({ where: { diseaseCode: "ARDS" } })).toBe(5);
});

test("a binary file is refused with the reason, and nothing is written", async ({ page }) => {
  const admin = await makeUser(e2eDb(), "admin");
  await signIn(page, admin.email, FACTORY_PASSWORD);
  await page.goto("/admin/import");
  await page.getByLabel("Table file").setInputFiles({
    name: "trials.xlsx",
    mimeType: "application/octet-stream",
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
  });
  await page.getByLabel("Name of the table").fill("A spreadsheet");
  const before = await e2eDb().study.count();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not a text table" })).toContainText("Excel .xlsx");
  expect(await e2eDb().study.count()).toBe(before);
});
