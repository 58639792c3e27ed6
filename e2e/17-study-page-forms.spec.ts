// A study page's closed forms (another outcome's risk-of-bias assessment, the correction) are not
// rendered with the page; they appear when opened, by mouse or keyboard, and keep what was typed
// when closed and opened again. The page loads only the risk-of-bias tool its design takes.
import { expect, test } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";
import { answerLow, ROB2_LOW } from "./support/rob";

test.beforeAll(async () => {
  await importSeed(e2eDb());
});

test("closed forms appear when opened and keep what was typed", async ({ page }) => {
  const db = e2eDb();
  // A study no other spec touches: the last line of the table, made a non-randomised study.
  const study = await db.study.findFirstOrThrow({ orderBy: { sourceLine: "desc" } });
  await db.study.update({ where: { id: study.id }, data: { design: "non_randomised" } });
  const reviewer = await makeUser(db, "reviewer", { name: "Lena Lazy" });
  await signIn(page, reviewer.email, FACTORY_PASSWORD);

  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.goto(`/studies/${study.id}`);
  await expect(page.getByTestId("rob-tool")).toContainText("ROBINS-I");
  // The reviewer's own form is open; another outcome's and the correction are not rendered yet.
  await expect(
    page.getByRole("form", { name: "Your risk-of-bias assessment: the study as a whole" }),
  ).toBeVisible();
  const another = page.getByRole("form", { name: "New risk-of-bias assessment" });
  await expect(another).toHaveCount(0);
  await expect(page.getByLabel("Study design")).toHaveCount(0);

  // Opened by the mouse, typed into, closed, opened again: the text is still there.
  const summary = page.locator("summary", { hasText: "Assess another outcome" });
  await summary.click();
  await expect(another).toBeVisible();
  await another.getByLabel("Outcome", { exact: true }).fill("ACR20 at 12 weeks");
  await another.getByLabel(/^1\.1 /).selectOption("Y");
  await summary.click();
  await expect(another).toBeHidden();
  await summary.click();
  await expect(another.getByLabel("Outcome", { exact: true })).toHaveValue("ACR20 at 12 weeks");
  await expect(another.getByLabel(/^1\.1 /)).toHaveValue("Y");

  // The correction by keyboard: focus its summary, Enter opens it.
  await page.locator("summary", { hasText: "Correct this study" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Study design")).toHaveValue("non_randomised");
  await expectAccessible(page);

  // ROBINS-I's questions came in a chunk of their own; RoB 2's never reached the page.
  const bodies = await Promise.all(
    [...new Set(scripts)].map(async (u) => (await page.request.get(u)).text()),
  );
  expect(bodies.some((b) => b.includes("Bias due to confounding"))).toBe(true);
  expect(bodies.some((b) => b.includes("Bias arising from the randomisation process"))).toBe(false);
});

test("what is typed before the page's scripts have loaded is kept and counted", async ({ page }) => {
  const db = e2eDb();
  // Seed study [46] has three dose arms and a reference arm.
  const study = await db.study.findFirstOrThrow({ where: { reference: "[46]" } });
  await db.study.update({ where: { id: study.id }, data: { design: "randomised" } });
  const reviewer = await makeUser(db, "reviewer", { name: "Early Typist" });
  await signIn(page, reviewer.email, FACTORY_PASSWORD);

  // The page's scripts are held back while the person types into the server-rendered page.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/studies/${study.id}`, { waitUntil: "commit" });
  const entry = page.getByRole("group", { name: "Enter another outcome per arm" });
  await entry.getByLabel("Outcome", { exact: true }).fill("early remission");
  const rob = page.getByRole("form", { name: /^Your risk-of-bias assessment/ }).first();
  await rob.getByLabel(/^1\.1 /).selectOption("Y");
  release();

  // Once the scripts run, the entry draws the typed outcome's arms, and the early answer counts.
  await expect(entry.getByLabel("Events, Reference (control) arm, dose 0")).toBeVisible();
  await expect(entry.getByLabel("Outcome", { exact: true })).toHaveValue("early remission");
  await answerLow(rob, ROB2_LOW.slice(1));
  await expect(rob.getByLabel(/^1\.1 /)).toHaveValue("Y");
  await expect(rob.getByTestId("suggested-overall")).toContainText("Low");
});
