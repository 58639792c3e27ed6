// A reviewer enters outcome data per arm (dose–response) for a multi-arm seed study on its page,
// then brings in more by CSV on the analysis page: a preview names a problem by its line, a
// corrected file imports, and the study page shows every arm's data. With a second multi-arm
// study imported, the analysis page fits a spline (knots at percentiles, then at chosen doses),
// reads the doses off the curve and exports it as SVG and PNG.
import { expect, test, type Page } from "@playwright/test";
import { importSeed, SEED_SOURCE } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

let studyId: string;

test.beforeAll(async () => {
  await e2eDb().evidenceSource.deleteMany({ where: { name: { not: SEED_SOURCE.name } } });
  await importSeed(e2eDb());
  // Seed study [46] (NCT01663116) has three arms: 1, 2 and 4 × 10⁶/kg.
  studyId = (await e2eDb().study.findFirstOrThrow({ where: { reference: "[46]" } })).id;
  await e2eDb().armOutcome.deleteMany({ where: { studyId } });
});

const REFERENCE = "Reference (control) arm, dose 0";
const ARM = ["Arm 1: 1 × 106/kg", "Arm 2: 2 × 106/kg", "Arm 3: 4 × 106/kg"] as const;
const remission = (page: Page) => page.getByRole("table", { name: "Outcome data per arm: remission" });

// Invented numbers, not the study's results.
test("a reviewer enters per-arm data on a study page and imports more by CSV", async ({ page }) => {
  const reviewer = await makeUser(e2eDb(), "reviewer");
  await signIn(page, reviewer.email, FACTORY_PASSWORD);

  // By hand: the reference arm of a new outcome, then arm 1 in the table it makes.
  await page.goto(`/studies/${studyId}`);
  const entry = page.getByRole("group", { name: "Enter another outcome per arm" });
  await entry.getByLabel("Outcome", { exact: true }).fill("remission");
  await entry.getByLabel(`Events, ${REFERENCE}`).fill("2");
  await entry.getByLabel(`Total, ${REFERENCE}`).fill("10");
  await entry.getByRole("button", { name: `Add the data of ${REFERENCE}` }).click();
  // Saved, the outcome gets its own table and the entry stops drawing one.
  await expect(entry.getByText("“remission” is above: enter its arms there.")).toBeVisible();
  await expect(remission(page).getByLabel(`Events, ${REFERENCE}`)).toHaveValue("2");
  await remission(page).getByLabel(`Events, ${ARM[0]}`).fill("3");
  await remission(page).getByLabel(`Total, ${ARM[0]}`).fill("10");
  await remission(page)
    .getByRole("button", { name: `Add the data of ${ARM[0]}` })
    .click();
  await expect(remission(page).getByRole("button", { name: `Save the data of ${ARM[0]}` })).toBeVisible();
  await expect(remission(page).getByLabel(`Events, ${ARM[0]}`)).toHaveValue("3");
  await expectAccessible(page);

  // By CSV, on the analysis page: a line naming an arm the study lacks is named by its line.
  await page.goto("/analysis");
  await page.getByText("Import per-arm outcome data (CSV)").click();
  const form = page.getByRole("form", { name: "Import per-arm outcome data" });
  const csv = form.getByLabel("Or paste it");
  await csv.fill(["study,arm,outcome,cases,n", "[46],2,remission,5,10", "[46],7,remission,6,10"].join("\n"));
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByRole("status")).toContainText("nothing would be imported");
  const problems = form.getByRole("table", { name: "Problems found in the file" });
  await expect(problems.getByRole("row")).toHaveCount(2);
  await expect(problems.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("3");
  await expect(problems.getByRole("row").nth(1)).toContainText("[46] has no arm 7 (it has 3)");
  await expect(form.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  await expectAccessible(page);

  // Corrected: arm 3 by its dose, and arm 1 changed through the registry id; what was typed stayed.
  await expect(csv).toHaveValue(/\[46\],7,remission/);
  await csv.fill(
    [
      "study,arm,outcome,cases,n",
      "[46],2,remission,5,10",
      "46,4 x 106/kg,remission,6,10",
      "NCT01663116,1,remission,4,10",
    ].join("\n"),
  );
  await expect(form.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByRole("status")).toContainText("Ready: 2 new, 1 changed, 0 unchanged.");
  const rows = form.getByRole("table", { name: "Rows that would be imported" });
  await expect(rows.getByRole("row")).toHaveCount(4);
  await expect(rows.getByRole("row").nth(3)).toContainText("Changed");
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("status")).toContainText("Imported: 2 new, 1 changed, 0 unchanged.");
  await expect(csv).toHaveValue("");
  await expectAccessible(page);

  // The study page shows every arm's data.
  await page.goto(`/studies/${studyId}`);
  await expect(remission(page).getByLabel(`Events, ${REFERENCE}`)).toHaveValue("2");
  await expect(remission(page).getByLabel(`Events, ${ARM[0]}`)).toHaveValue("4");
  await expect(remission(page).getByLabel(`Events, ${ARM[1]}`)).toHaveValue("5");
  await expect(remission(page).getByLabel(`Events, ${ARM[2]}`)).toHaveValue("6");
  await expect(remission(page).getByLabel(`Total, ${ARM[2]}`)).toHaveValue("10");
  await expectAccessible(page);

  // The dose–response view fits the arms and draws them; a shape the four arms cannot carry is
  // refused with the reason, the choices staying in the address.
  await page.goto("/analysis?dro=remission");
  const section = page.getByRole("region", { name: "Dose–response: remission" });
  await expect(section.getByTestId("dose-response-summary")).toContainText("Across arms");
  await expect(section.getByTestId("dose-response-summary")).toContainText("4 arms");
  await expect(section.getByRole("img", { name: /Dose–response curve of remission/ })).toBeVisible();
  // The arms download as the CSV that the R code beside them refits.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("button", { name: "Download the arms (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("dose-response-remission-arms.csv");
  await section.getByText("R code that refits this from the arms' CSV").click();
  await expect(section.getByTestId("dose-response-r-code")).toContainText('escalc(measure = "PLO"');
  await expect(section.getByTestId("dose-response-r-code")).toContainText("dose-response-remission-arms.csv");
  await expectAccessible(page);
  await section.getByLabel("Dose shape").selectOption("quadratic");
  await section.getByRole("button", { name: "Fit" }).click();
  await expect(page).toHaveURL(/dr=quadratic/);
  await expect(page).toHaveURL(/dro=remission/);
  await expect(
    page.getByRole("region", { name: "Dose–response: remission" }).getByRole("status"),
  ).toContainText("cannot be fitted with this shape: too few arms (4)");
  await expectAccessible(page);

  // More arms by CSV: seed study [115] (NCT01659762) has arms of 2, 5 and 10 × 10⁶/kg; with its
  // control arm, eight arms in two studies carry a spline.
  await page.getByText("Import per-arm outcome data (CSV)").click();
  await csv.fill(
    [
      "study,arm,outcome,cases,n",
      "[115],reference,remission,1,4",
      "[115],1,remission,2,4",
      "[115],2,remission,3,4",
      "[115],3,remission,3,4",
    ].join("\n"),
  );
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByRole("status")).toContainText("Ready: 4 new, 0 changed, 0 unchanged.");
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("status")).toContainText("Imported: 4 new");

  const fitted = page.getByRole("region", { name: "Dose–response: remission" });
  await fitted.getByLabel("Dose shape").selectOption("rcs");
  await fitted.getByLabel("Spline knots").selectOption("3");
  await fitted.getByRole("button", { name: "Fit" }).click();
  await expect(page).toHaveURL(/dr=rcs/);
  const spline = page.getByRole("region", { name: "Dose–response: remission" });
  await expect(spline.getByTestId("dose-response-summary")).toContainText("2 studies, 8 arms");
  await expect(spline.getByTestId("dose-response-summary")).toContainText("non-linearity");
  await expect(spline.getByText(/Knots at .* \(Harrell's percentiles of the arms' doses\)/)).toBeVisible();
  const readings = spline.getByTestId("dose-readings");
  await expect(readings.getByRole("row", { name: /ED50/ })).toBeVisible();
  await expect(readings.getByRole("row", { name: /Dose of the largest effect/ })).toBeVisible();

  // Knots at chosen doses, kept in the address and in the R code.
  await spline.getByLabel("…or knots at doses (10⁶ cells/kg)").fill("1, 2, 5");
  await spline.getByRole("button", { name: "Fit" }).click();
  await expect(page).toHaveURL(/drv=1%2C\+2%2C\+5/);
  const chosen = page.getByRole("region", { name: "Dose–response: remission" });
  await expect(chosen.getByText("Knots at 1.00, 2.00, 5.00 (chosen doses)")).toBeVisible();
  await chosen.getByText("R code that refits this from the arms' CSV").click();
  await expect(chosen.getByTestId("dose-response-r-code")).toContainText("k <- c(1, 2, 5)");

  // The curve exports as CSV (doses with estimates and bands), SVG and PNG.
  const [curveCsv] = await Promise.all([
    page.waitForEvent("download"),
    chosen.getByRole("button", { name: "Download the curve (CSV)" }).click(),
  ]);
  expect(curveCsv.suggestedFilename()).toBe("dose-response-remission-curve.csv");
  const curveText = await (await import("node:fs/promises")).readFile(await curveCsv.path(), "utf8");
  expect(curveText.split("\n")[0]).toBe("dose_1e6_cells_per_kg,estimate,ci_lower,ci_upper,pi_lower,pi_upper");
  const curveRows = curveText.trim().split("\n").slice(1);
  expect(curveRows.length).toBeGreaterThanOrEqual(11);
  for (const row of curveRows) expect(row.split(",").map(Number).every(Number.isFinite), row).toBe(true);
  const [svg] = await Promise.all([
    page.waitForEvent("download"),
    chosen
      .getByRole("group", { name: "Download the dose-response plot" })
      .getByRole("button", { name: "Download SVG" })
      .click(),
  ]);
  expect(svg.suggestedFilename()).toBe("dose-response-remission-curve.svg");
  const svgText = await (await import("node:fs/promises")).readFile(await svg.path(), "utf8");
  expect(svgText).toContain("<svg");
  expect(svgText).toContain("Dose–response: remission");
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    chosen
      .getByRole("group", { name: "Download the dose-response plot" })
      .getByRole("button", { name: "Download PNG" })
      .click(),
  ]);
  expect(png.suggestedFilename()).toBe("dose-response-remission-curve.png");
  const pngBytes = await (await import("node:fs/promises")).readFile(await png.path());
  expect(pngBytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  // Within studies: each dosed arm's log relative risk against its study's control arm.
  await chosen.getByLabel("Within or across studies").selectOption("within");
  await chosen.getByLabel("Dose shape").selectOption("linear");
  await chosen.getByRole("button", { name: "Fit" }).click();
  await expect(page).toHaveURL(/drm=within/);
  const within = page.getByRole("region", { name: "Dose–response: remission" });
  await expect(within.getByTestId("dose-response-summary")).toContainText(
    "Within studies (two-stage, REML): 2 studies",
  );
  await within.getByText("R code that refits this from the arms' CSV").click();
  await expect(within.getByTestId("dose-response-r-code")).toContainText("dosresmeta(formula = logrr ~ dose");
  await within.getByLabel("Dose shape").selectOption("rcs");
  // A knot list that cannot be used is named, and stays in its field to be corrected.
  await within.getByLabel("…or knots at doses (10⁶ cells/kg)").fill("1, 1");
  await within.getByRole("button", { name: "Fit" }).click();
  await expect(
    page.getByRole("region", { name: "Dose–response: remission" }).getByRole("alert"),
  ).toContainText("Knots at doses “1, 1”: give 3 to 5 different doses");
  await expectAccessible(page);
});
