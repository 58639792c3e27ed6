// Reviewer A saves a cohort and shares its link; reviewer B opens it and sees the same numbers;
// A freezes it, the data changes, B still sees the frozen numbers and what changed; a read-only
// token link works signed out, exposes nothing else, and stops when revoked.
import { expect, test, type Page } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

const stat = (page: Page, label: string) => page.locator(`[data-stat="${label}"] .value`);

async function expectNumbers(page: Page, studies: string, patients: string) {
  await expect(stat(page, "Studies")).toHaveText(studies);
  await expect(stat(page, "Patients (deduplicated)")).toHaveText(patients);
}

test.beforeAll(async () => {
  await importSeed(e2eDb());
});

test("save, share, freeze and share read-only: the numbers that were shared stay shared", async ({
  browser,
}) => {
  const a = await makeUser(e2eDb(), "reviewer", { name: "Ada Reviewer" });
  const b = await makeUser(e2eDb(), "reviewer", { name: "Bea Reviewer" });
  const contextA = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const pageA = await contextA.newPage();
  await signIn(pageA, a.email, FACTORY_PASSWORD);

  // A filters the dashboard to SLE and saves it as a cohort.
  await pageA.goto("/?disease=SLE");
  await expectNumbers(pageA, "11", "443");
  await pageA.getByText("Save as a cohort…").click();
  await pageA.getByLabel("Cohort name").fill("SLE cohort for the subgroup analysis");
  await pageA.getByLabel("Description (optional)").fill("All SLE trials of Table 1");
  await pageA.getByRole("button", { name: "Save this filter as a cohort" }).click();
  await expect(pageA).toHaveURL(/\/cohorts\/sle-cohort-for-the-subgroup-analysis-[a-z2-9]{8}$/);
  await expect(pageA.getByRole("heading", { name: "SLE cohort for the subgroup analysis" })).toBeVisible();
  await expect(pageA.getByText("Live: follows the data")).toBeVisible();
  await expectNumbers(pageA, "11", "443");
  await expect(pageA.locator("svg.recharts-surface").first()).toBeVisible();
  await expectAccessible(pageA);

  // The copy button puts the cohort's stable link on the clipboard.
  await pageA.getByRole("button", { name: "Copy link" }).first().click();
  await expect(pageA.getByRole("button", { name: "Link copied" })).toBeVisible();
  const link = await pageA.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(pageA.url());

  // B opens it in another browser and sees the same numbers, without the owner's controls.
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  await signIn(pageB, b.email, FACTORY_PASSWORD);
  await pageB.goto(link);
  await expectNumbers(pageB, "11", "443");
  await expect(pageB.getByText("Saved by Ada Reviewer")).toBeVisible();
  await expect(pageB.getByRole("button", { name: "Freeze" })).toHaveCount(0);
  await expect(pageB.getByRole("button", { name: "Create read-only link" })).toHaveCount(0);
  await expect(pageB.getByRole("button", { name: "Duplicate" })).toBeVisible();

  // A freezes it.
  await pageA.getByRole("button", { name: "Freeze" }).click();
  await expect(pageA.getByText(/^Frozen \d{4}-\d\d-\d\d/).first()).toBeVisible();
  await expect(pageA.getByTestId("frozen-changes")).toContainText(
    "Nothing: the same filter selects the same studies",
  );

  // The data changes: a member is corrected and an RA study is recoded as SLE.
  const db = e2eDb();
  const member = await db.study.findFirstOrThrow({ where: { diseaseCode: "SLE", trialId: null } });
  const ra = await db.study.findFirstOrThrow({ where: { diseaseCode: "RA", trialId: null } });
  await db.study.update({
    where: { id: member.id },
    data: { enrollment: (member.enrollment ?? 0) + 50, version: { increment: 1 } },
  });
  await db.study.update({ where: { id: ra.id }, data: { diseaseCode: "SLE", version: { increment: 1 } } });
  try {
    await pageB.reload();
    await expectNumbers(pageB, "11", "443"); // the frozen numbers
    const changes = pageB.getByTestId("frozen-changes");
    await expect(changes).toContainText("1 new study matches the filter and is not in the cohort");
    await expect(changes).toContainText("1 member study was edited or re-imported with other values");
    await expect(changes).toContainText("Live now, the same filter gives 12 studies");
    await expectAccessible(pageB);
    // The live dashboard moved on.
    await pageB.goto("/?disease=SLE");
    await expectNumbers(pageB, "12", `${443 + 50 + (ra.enrollment ?? 0)}`);
  } finally {
    await db.study.update({ where: { id: ra.id }, data: { diseaseCode: "RA" } });
    await db.study.update({ where: { id: member.id }, data: { enrollment: member.enrollment } });
  }

  // A read-only link for someone outside the team.
  await pageA.reload();
  await pageA.getByRole("button", { name: "Create read-only link" }).click();
  const shareUrl = await pageA.getByRole("textbox", { name: "Read-only link" }).inputValue();
  expect(shareUrl).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  const token = shareUrl.split("/share/")[1]!;

  const outsider = await browser.newContext();
  const pageC = await outsider.newPage();
  await pageC.goto(shareUrl);
  await expect(pageC.getByRole("heading", { name: "SLE cohort for the subgroup analysis" })).toBeVisible();
  await expectNumbers(pageC, "11", "443");
  await expect(pageC.getByText("Read-only shared cohort")).toBeVisible();
  await expect(pageC.locator("body")).not.toContainText("Ada Reviewer");
  await expect(pageC.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expect(pageC.locator('a[href^="/"]')).toHaveCount(0); // no way into the app
  await expect(pageC.locator("svg.recharts-surface").first()).toBeVisible();
  await expectAccessible(pageC);
  // The chart's points come from the link's own chart endpoint, not from the page's HTML.
  const chart = await outsider.request.get(`/api/share/${token}/chart.json`);
  expect(chart.status()).toBe(200);
  expect(((await chart.json()) as { points: unknown[] }).points.length).toBeGreaterThan(0);
  expect((await outsider.request.get(`/api/share/${token.slice(0, -2)}xx/chart.json`)).status()).toBe(404);

  // The token opens nothing else: not other pages, not other filters, not the exports.
  const filtered = await pageC.goto(`/share/${token}?disease=RA&cohort=x`);
  expect(filtered?.status()).toBe(200);
  await expectNumbers(pageC, "11", "443");
  for (const path of [
    `/share/${token}/studies`,
    `/share/${token.slice(0, -2)}`,
    `/cohorts?token=${token}`,
    `/studies?share=${token}`,
  ]) {
    const res = await outsider.request.get(path, { maxRedirects: 0 });
    expect([307, 404], path).toContain(res.status());
    if (res.status() === 307) expect(res.headers()["location"], path).toContain("/sign-in");
  }
  for (const path of [`/api/studies.csv?token=${token}`, `/api/studies.json?share=${token}`]) {
    const res = await outsider.request.get(path, {
      headers: { Authorization: `Bearer ${token}`, Cookie: `token=${token}` },
    });
    expect(res.status(), path).toBe(401);
  }

  // Revoked: the link stops at once.
  await pageA.reload();
  await pageA.getByRole("button", { name: "Revoke" }).click();
  await expect(pageA.getByText(/^revoked /)).toBeVisible();
  const gone = await pageC.goto(shareUrl);
  expect(gone?.status()).toBe(404);
  expect((await outsider.request.get(`/api/share/${token}/chart.json`)).status()).toBe(404);
  await expect(pageC.locator("body")).not.toContainText("SLE cohort for the subgroup analysis");

  await contextA.close();
  await contextB.close();
  await outsider.close();
});

test("cohorts are listed, searched and compared side by side", async ({ page }) => {
  const reviewer = await makeUser(e2eDb(), "reviewer");
  await signIn(page, reviewer.email, FACTORY_PASSWORD);
  for (const [name, query, studies] of [
    ["Compare: MS", "disease=MS", "14"],
    ["Compare: RA", "disease=RA", "11"],
  ] as const) {
    await page.goto(`/?${query}`);
    await expect(stat(page, "Studies")).toHaveText(studies);
    await page.getByText("Save as a cohort…").click();
    await page.getByLabel("Cohort name").fill(name);
    await page.getByRole("button", { name: "Save this filter as a cohort" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
  }
  await page.goto("/cohorts");
  await page.getByLabel("Search by name, description or owner").fill("Compare:");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=Compare/);
  await expect(page.getByRole("region", { name: "Saved cohorts" }).getByRole("row")).toHaveCount(3);
  await expectAccessible(page);
  await page.getByRole("checkbox", { name: "Compare Compare: MS" }).check();
  await page.getByRole("checkbox", { name: "Compare Compare: RA" }).check();
  await page.getByRole("button", { name: "Compare the ticked cohorts" }).click();
  await expect(page).toHaveURL(/\/cohorts\/compare\?c=/);
  const studiesRow = page.locator('tr[data-row="Studies"]');
  await expect(studiesRow).toContainText("14");
  await expect(studiesRow).toContainText("11");
  await expect(page.locator("svg.recharts-surface").first()).toContainText("Compare: MS");
  await expectAccessible(page);
});
