// A reviewer compares doses on the charts: changes grouping, reference weight and view (the URL
// follows), opens a study from a point, and downloads the chart as PNG, SVG and CSV.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { readEvidenceTable } from "../lib/domain/import/evidence-table";
import { importEvidence } from "../lib/server/sql/import-evidence";
import { importSeed, SEED_SOURCE } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

test.beforeAll(async () => {
  // The seed table only, whatever other specs imported before.
  await e2eDb().evidenceSource.deleteMany({ where: { name: { not: SEED_SOURCE.name } } });
  await importSeed(e2eDb());
});

const summary = (page: Page) => page.getByTestId("chart-summary");
const drawn = (page: Page) => page.locator("svg.recharts-surface").first();
/** "Drawn at" of the first estimated arm in the chart's data table (the arms come in id order);
 * the table is drawn when it is opened. */
async function firstEstimatedDose(page: Page) {
  const details = page.locator("details.chart-data");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator("summary").click();
  return page
    .locator('[aria-label="Arms drawn on the chart"] tbody tr', { hasText: "(estimated)" })
    .first()
    .locator("td")
    .nth(6)
    .textContent();
}

async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test("dose charts follow their controls, open studies and download as PNG, SVG and CSV", async ({ page }) => {
  const reviewer = await makeUser(e2eDb(), "reviewer");
  await signIn(page, reviewer.email, FACTORY_PASSWORD);
  await page.getByRole("navigation").getByRole("link", { name: "Charts", exact: true }).click();
  await expect(page).toHaveURL(/\/charts$/);
  await expect(drawn(page)).toBeVisible();
  await expect(summary(page)).toContainText("64 arms with a dose in cells/kg");
  await expect(summary(page)).toContainText("28 of them estimated from total cells at 70 kg");
  await expect(summary(page)).toContainText("1 arm dosed per joint and 2 per ml are shown apart");
  await expect(page.getByRole("heading", { name: /^Per joint \(1 arm\)/ })).toBeVisible();
  await expect(page.getByText("Data table: the 67 arms drawn")).toBeVisible();
  await expect(page.getByRole("list", { name: "Legend" })).toContainText(
    "Hollow: estimated from total cells at 70 kg",
  );
  // The seed's 6 ranges and 3 means ± SD are drawn with whiskers, and the legend says so.
  await expect(page.getByRole("list", { name: "Legend" })).toContainText(
    "Whisker: range or mean ± SD as reported",
  );
  await expect(drawn(page).locator(".recharts-errorBar")).toHaveCount(9);
  await expectAccessible(page);

  // Group by cell source: the chart, its title and the URL change.
  await page.getByLabel("Group by").selectOption("tissue");
  await page.getByRole("button", { name: "Update chart" }).click();
  await expect(page).toHaveURL(/[?&]group=tissue/);
  await expect(
    page.getByRole("heading", { name: "MSC doses by cell source (cells/kg, log scale)" }),
  ).toBeVisible();
  await expect(drawn(page)).toContainText("Bone marrow");
  await expect(page.getByRole("table").first()).toContainText("Umbilical cord");

  // A reference weight of 60 kg: estimated doses move and the URL keeps it with the grouping.
  const at70 = await firstEstimatedDose(page);
  expect(at70).toContain("(estimated)");
  await page.getByRole("form", { name: "Chart settings" }).getByLabel("Reference weight (kg)").fill("60");
  await page.getByRole("button", { name: "Update chart" }).click();
  await expect(page).toHaveURL(/weight=60/);
  await expect(page).toHaveURL(/group=tissue/);
  await expect(summary(page)).toContainText("estimated from total cells at 60 kg");
  expect(await firstEstimatedDose(page)).not.toBe(at70);
  await page.reload();
  await expect(summary(page)).toContainText("estimated from total cells at 60 kg");
  await expect(page.getByLabel("Group by")).toHaveValue("tissue");

  // Downloads: valid PNG, an SVG that holds its title and axis labels, and the data.
  await expect(drawn(page)).toBeVisible();
  const png = await downloaded(page, "Download PNG");
  expect(png.name).toBe("dose-chart-groups.png");
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(10_000);
  const svg = await downloaded(page, "Download SVG");
  const text = svg.bytes.toString("utf8");
  expect(
    text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'),
  ).toBe(true);
  expect(text).toContain("Dose (cells/kg, log scale)");
  expect(text).toContain("Grouped by cell source (arms)");
  expect(text).toContain("MSC doses by cell source");
  expect(text).toContain("Reference body weight 60 kg");
  expect(text.trimEnd().endsWith("</svg>")).toBe(true);
  const csv = await downloaded(page, "Download data (CSV)");
  const lines = csv.bytes.toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^study_id,arm_id,disease,cell_source,/);
  expect(lines).toHaveLength(1 + 67);

  // Dose ladders, then dose against enrollment coloured by disease.
  await page.getByRole("radio", { name: "Dose ladders" }).check();
  await page.getByRole("button", { name: "Update chart" }).click();
  await expect(page).toHaveURL(/view=ladders/);
  await expect(summary(page)).toContainText("give two or more doses in cells/kg");
  await expectAccessible(page);

  await page.getByRole("radio", { name: "Dose against…" }).check();
  await page.getByLabel("Colour by").selectOption("disease");
  await page.getByRole("button", { name: "Update chart" }).click();
  await expect(page).toHaveURL(/view=scatter/);
  await expect(page).toHaveURL(/colour=disease/);
  await expect(page.getByRole("list", { name: "Legend" })).toContainText("SLE");
  await expect(drawn(page)).toContainText("Enrollment (patients, log scale)");

  // A point opens its study (the last one drawn is on top of any it overlaps).
  await drawn(page).locator(".recharts-scatter circle").last().click();
  await expect(page).toHaveURL(/\/studies\/[0-9a-f-]{36}$/);
});

test("the chart's data table works by keyboard", async ({ page }) => {
  const viewer = await makeUser(e2eDb(), "viewer");
  await signIn(page, viewer.email, FACTORY_PASSWORD);
  await page.goto("/charts?disease=SLE");
  await expect(summary(page)).toContainText("arms with a dose in cells/kg");
  const toggle = page.getByText(/^Data table: the \d+ arms drawn$/);
  const firstLink = page.getByRole("region", { name: "Arms drawn on the chart" }).getByRole("link").first();
  // Opened by keyboard; a key pressed while the page is still hydrating may be lost, so the
  // check presses it again until the table shows.
  await expect(async () => {
    if (!(await toggle.evaluate((s) => (s.parentElement as HTMLDetailsElement).open))) {
      await toggle.focus();
      await page.keyboard.press("Enter");
    }
    await expect(firstLink).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await firstLink.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/studies\/[0-9a-f-]{36}$/);
});

test("the filter panel and the chart settings keep each other's choices", async ({ page }) => {
  const viewer = await makeUser(e2eDb(), "viewer");
  await signIn(page, viewer.email, FACTORY_PASSWORD);
  await page.goto("/charts?weight=60&estimated=exclude&group=tissue");
  // One place on the page to set the reference weight and estimated doses: the chart settings.
  await expect(page.getByLabel("Reference weight (kg)")).toHaveCount(1);
  await expect(page.getByLabel("Estimated doses")).toHaveCount(1);
  await expect(summary(page)).toContainText("estimated doses are left out by the filter");

  await page.getByRole("form", { name: "Filter studies" }).getByRole("checkbox", { name: /^SLE/ }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/disease=SLE/);
  for (const kept of [/weight=60/, /estimated=exclude/, /group=tissue/]) await expect(page).toHaveURL(kept);
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("SLE");

  const settings = page.getByRole("form", { name: "Chart settings" });
  await settings.getByLabel("Reference weight (kg)").fill("65");
  await settings.getByLabel("Estimated doses").selectOption("include");
  await page.getByRole("button", { name: "Update chart" }).click();
  await expect(page).toHaveURL(/weight=65/);
  await expect(page).not.toHaveURL(/estimated=exclude/);
  for (const kept of [/disease=SLE/, /group=tissue/]) await expect(page).toHaveURL(kept);
  await expect(summary(page)).toContainText("estimated from total cells at 65 kg");
  await expectAccessible(page);
});

test("doses per administration or cumulative: charts, dashboard, studies and a study page", async ({
  page,
}) => {
  // A real table that says how often each dose was given (PMC8375136 Table 2, IBD trials).
  const text = readFileSync("tests/fixtures/pmc8375136-table2-ibd.csv", "utf8");
  const table = readEvidenceTable(text, "csv", { disease: "IBD" });
  await importEvidence(e2eDb(), {
    sourceName: "PMC8375136 Table 2",
    format: "csv",
    studies: table.studies,
    problems: table.problems,
    actorId: null,
  });
  try {
    const reviewer = await makeUser(e2eDb(), "reviewer");
    await signIn(page, reviewer.email, FACTORY_PASSWORD);
    await page.goto("/charts?disease=IBD");
    // The seed's 16 IBD arms and the table's 10 MSC arms; its 5 HSC transplants are no MSC dose.
    await expect(summary(page)).toContainText("26 arms with a dose in cells/kg");
    await expect(page.getByRole("heading", { name: /^MSC doses by disease/ })).toBeVisible();

    const settings = page.getByRole("form", { name: "Chart settings" });
    await settings.getByLabel("Dose scale").selectOption("cumulative");
    await page.getByRole("button", { name: "Update chart" }).click();
    await expect(page).toHaveURL(/scale=cumulative/);
    await expect(page).toHaveURL(/disease=IBD/);
    // Only the arms whose number of administrations the table gives have a cumulative dose.
    await expect(summary(page)).toContainText("10 arms with a cumulative dose in cells/kg");
    await expect(summary(page)).toContainText(
      "with a dose but no stated number of administrations are left out",
    );
    await expect(page.getByRole("heading", { name: /^Cumulative: MSC doses by disease/ })).toBeVisible();
    await expect(drawn(page)).toContainText("Cumulative dose (cells/kg, log)");
    // Forbes 2014: 2 × 10⁶/kg given 4 times.
    await page.getByText(/^Data table: the \d+ arms drawn$/).click();
    const forbes = page.getByRole("region", { name: "Arms drawn on the chart" }).getByRole("row", {
      name: /Forbes 2014 \[53\]|\[53\]/,
    });
    await expect(forbes).toContainText("8 × 10⁶");
    await expectAccessible(page);

    // The choice follows into the dashboard and the studies table through the filter.
    await page.goto("/?disease=IBD&scale=cumulative");
    await expect(page.getByRole("heading", { name: "Cumulative dose in cells/kg" })).toBeVisible();
    await expect(page.getByText("No number of administrations")).toBeVisible();
    await page.goto("/studies?coadmin=HSC");
    await expect(page.getByText("Studies 1–5 of 5")).toBeVisible();
    await expect(page.getByRole("table").first()).toContainText("with HSC");
    await expect(page.getByRole("table").first()).toContainText("Burt 2010 [49]");
    await expectAccessible(page);

    // A study page: the citation, how often the dose was given, and per administration or in all.
    const zhang = await e2eDb().study.findFirstOrThrow({
      where: { firstAuthor: "Zhang", reference: "[50]" },
    });
    await page.goto(`/studies/${zhang.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Zhang 2018 [50]");
    const arms = page.getByRole("region", { name: "Dose arms" });
    await expect(arms).toContainText("4 administrations");
    await expect(arms).toContainText("Cells/kg at 70 kg");
    await page.goto(`/studies/${zhang.id}?scale=cumulative`);
    await expect(page.getByRole("region", { name: "Dose arms" })).toContainText(
      "Cumulative cells/kg at 70 kg",
    );
    await expect(page.getByRole("region", { name: "Dose arms" })).toContainText("4 × 10⁶");
    await expectAccessible(page);
  } finally {
    await e2eDb().evidenceSource.deleteMany({ where: { name: "PMC8375136 Table 2" } });
  }
});

test("the charts page reads its points once, from the chart data, not in its HTML", async ({ page }) => {
  const viewer = await makeUser(e2eDb(), "viewer");
  await signIn(page, viewer.email, FACTORY_PASSWORD);
  const read = page.waitForResponse((r) => r.url().includes("/api/charts.json?") && r.status() === 200);
  const html = await (await page.goto("/charts?disease=SLE"))!.text();
  const data = (await (await read).json()) as {
    points: { armId: string }[];
    otherPoints: { armId: string }[];
  };
  expect(data.points.length).toBeGreaterThan(0);
  // Not one arm's id is in the page itself: the chart and its data table draw from the read.
  for (const p of data.points) expect(html).not.toContain(p.armId);
  await expect(drawn(page)).toBeVisible();
  await page.getByText(/^Data table: the \d+ arms drawn$/).click();
  const rows = page.getByRole("region", { name: "Arms drawn on the chart" }).locator("tbody tr");
  await expect(rows).toHaveCount(data.points.length + data.otherPoints.length);
  await expectAccessible(page);
});
