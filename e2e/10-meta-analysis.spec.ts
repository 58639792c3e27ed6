// A reviewer enters outcome data for a few seed studies, opens the meta-analysis, switches the
// estimator (the pooled numbers change), downloads the forest plot, and opens the same analysis
// from a cohort link with the choices saved with the cohort.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

test.beforeAll(async () => {
  await importSeed(e2eDb());
});

const OUTCOME = "clinical response at 6 months";

test("outcome data, pooled estimate, estimators, plots and a cohort's saved analysis", async ({ page }) => {
  const db = e2eDb();
  const reviewer = await makeUser(db, "reviewer", { name: "Meta Reviewer" });
  await signIn(page, reviewer.email, FACTORY_PASSWORD);
  const studies = await db.study.findMany({
    where: { diseaseCode: "MS", trialId: null },
    orderBy: { sourceLine: "asc" },
    take: 4,
  });
  const data = [
    [9, 10],
    [3, 12],
    [10, 20],
    [15, 16],
  ];
  for (const [i, study] of studies.entries()) {
    await page.goto(`/studies/${study.id}`);
    const form = page.getByRole("form", { name: "New outcome data" });
    await form.getByLabel("Outcome").fill(OUTCOME);
    await form.getByLabel("Events").fill(String(data[i]![0]));
    await form.getByLabel("Total").fill(String(data[i]![1]));
    await form.getByRole("button", { name: "Add outcome data" }).click();
    await expect(page.getByRole("form", { name: `Outcome data: ${OUTCOME}` })).toBeVisible();
  }
  // A bad entry is refused with the field named, and nothing is written.
  await page.getByRole("form", { name: "New outcome data" }).getByLabel("Outcome").fill("adverse events");
  await page.getByRole("form", { name: "New outcome data" }).getByLabel("Events").fill("30");
  await page.getByRole("form", { name: "New outcome data" }).getByLabel("Total").fill("16");
  await page.getByRole("button", { name: "Add outcome data" }).click();
  await expect(page.getByText("Events: more events than participants")).toBeVisible();
  expect(await db.outcomeData.count({ where: { outcome: "adverse events" } })).toBe(0);

  // The analysis of the MS studies.
  await page.goto("/?disease=MS");
  await page.locator("main").getByRole("link", { name: "Meta-analysis", exact: true }).click();
  await expect(page).toHaveURL(/\/analysis\?disease=MS/);
  await expect(page.getByTestId("pooled")).toContainText("logit proportion");
  const reml = await page.getByTestId("heterogeneity").textContent();
  await expect(page.locator('svg[data-export="forest"]')).toContainText("Pooled (REML; k = 4)");
  await expectAccessible(page);

  await page.getByLabel("Model").selectOption("DL");
  await page.getByRole("button", { name: "Update analysis" }).click();
  await expect(page).toHaveURL(/method=DL/);
  await expect(page.locator('svg[data-export="forest"]')).toContainText("Pooled (DL; k = 4)");
  const dl = await page.getByTestId("heterogeneity").textContent();
  expect(dl).not.toBe(reml);
  const estimateDl = await page.getByTestId("estimate").textContent();
  await page.getByLabel("Model").selectOption("PM");
  await page.getByLabel("Knapp–Hartung (HKSJ)").check();
  await page.getByRole("button", { name: "Update analysis" }).click();
  await expect(page).toHaveURL(/knha=1/);
  await expect(page.getByTestId("estimate")).not.toHaveText(estimateDl!);
  await expect(page.getByTestId("r-code")).toContainText(
    'rma(yi, vi, data = dat, method = "PM", test = "knha"',
  );

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("group", { name: "Download the forest plot" })
      .getByRole("button", { name: "Download SVG" })
      .click(),
  ]);
  const svg = readFileSync(await download.path(), "utf8");
  expect(svg).toContain("<svg");
  expect(svg).toContain("Forest plot: clinical response at 6 months");
  expect(svg).toContain("Proportion (logit scale)");

  // Save a cohort, keep the DL choice with it, and open the analysis from its link.
  await page.goto("/?disease=MS");
  await page.getByText("Save as a cohort…").click();
  await page.getByLabel("Cohort name").fill("MS for pooling");
  await page.getByRole("button", { name: "Save this filter as a cohort" }).click();
  await expect(page.getByRole("heading", { name: "MS for pooling" })).toBeVisible();
  const cohortUrl = page.url();
  await page.locator("main").getByRole("link", { name: "Meta-analysis", exact: true }).click();
  await expect(page).toHaveURL(/\/analysis\?cohort=/);
  await page.getByLabel("Model").selectOption("DL");
  await page.getByRole("button", { name: "Update analysis" }).click();
  await expect(page.getByTestId("estimate")).toHaveText(estimateDl!);
  await page.getByRole("button", { name: "Save with the cohort" }).click();
  await expect(page.getByText("These analysis choices are saved with the cohort")).toBeVisible();

  await page.goto(cohortUrl);
  await page.locator("main").getByRole("link", { name: "Meta-analysis", exact: true }).click();
  await expect(page.getByLabel("Model")).toHaveValue("DL");
  await expect(page.getByTestId("estimate")).toHaveText(estimateDl!);
});

test("a trial reported by several studies enters the pool once, and the reviewer picks which", async ({
  page,
}) => {
  const db = e2eDb();
  const viewer = await makeUser(db, "viewer");
  const trial = await db.registeredTrial.findUniqueOrThrow({ where: { registryId: "NCT00698191" } });
  const [first, second] = await db.study.findMany({
    where: { trialId: trial.id },
    orderBy: { sourceLine: "asc" },
    take: 2,
  });
  const lone = await db.study.findMany({ where: { diseaseCode: "SLE", trialId: null }, take: 2 });
  const outcome = "renal response";
  for (const [s, x, n] of [
    [first!, 10, 40],
    [second!, 30, 60],
    [lone[0]!, 5, 20],
    [lone[1]!, 12, 18],
  ] as const) {
    await db.outcomeData.create({ data: { studyId: s.id, outcome, design: "single_arm", xi: x, ni: n } });
  }
  await signIn(page, viewer.email, FACTORY_PASSWORD);
  await page.goto(`/analysis?disease=SLE&outcome=${encodeURIComponent(outcome)}`);
  await expect(page.locator('svg[data-export="forest"]')).toContainText("k = 3");
  const form = page.getByRole("form", { name: "One study per trial" });
  await expect(form).toContainText("NCT00698191");
  // The larger study stands for the trial by default; the other is left out, with the reason.
  await expect(
    page.getByRole("region", { name: "Left out" }).or(page.locator("section", { hasText: "Left out" })),
  ).toContainText("reports the same trial (NCT00698191)");
  const radios = form.getByRole("radio");
  await expect(radios.nth(1)).toBeChecked();
  await radios.nth(0).check();
  await form.getByRole("button", { name: "Use these studies" }).click();
  await expect(page).toHaveURL(new RegExp(`use_0=${first!.id}`));
  await expect(
    page.getByRole("form", { name: "One study per trial" }).getByRole("radio").nth(0),
  ).toBeChecked();
  await expect(page.locator('svg[data-export="forest"]')).toContainText("k = 3");
  await expectAccessible(page);
});
