// Two reviewers in two browsers annotate and tag the same study; each sees the other's work
// after a reload; a correction saved against a stale version shows the other's change and can
// be applied again; admins see agreement, categories and the team's activity.
import { expect, test, type Page } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

test.beforeAll(async () => {
  await importSeed(e2eDb());
});

const tagForm = (page: Page) => page.getByRole("form", { name: "Your tags" });
const correction = (page: Page) => page.getByRole("form", { name: "Correct this study" });

test("two reviewers annotate and tag one study, and a stale correction is caught", async ({ browser }) => {
  const db = e2eDb();
  const study = await db.study.findFirstOrThrow({
    where: { diseaseCode: "T1DM" },
    orderBy: { sourceLine: "asc" },
  });
  const a = await makeUser(db, "reviewer", { name: "Ada Annotator" });
  const b = await makeUser(db, "reviewer", { name: "Ben Tagger" });
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  // What is checked here holds without live updates (a dropped connection, a proxy that buffers):
  // the pages get none, so that a refresh cannot pick up the other's version before a save.
  for (const context of [contextA, contextB]) await context.route("**/api/live**", (r) => r.abort());
  await signIn(pageA, a.email, FACTORY_PASSWORD);
  await signIn(pageB, b.email, FACTORY_PASSWORD);
  const url = `/studies/${study.id}`;

  try {
    // A annotates the dose and tags two categories.
    await pageA.goto(url);
    await pageA.getByLabel("About").selectOption("dose");
    await pageA
      .getByLabel("Annotation", { exact: true })
      .fill("Is this dose **per kg** or total?\n- check Table 2");
    await pageA.getByRole("button", { name: "Add annotation" }).click();
    const threadA = pageA.getByRole("article", { name: "Annotation by Ada Annotator" });
    await expect(threadA).toContainText("on Dose");
    await expect(threadA.locator("strong", { hasText: "per kg" })).toBeVisible();
    await tagForm(pageA).getByRole("checkbox", { name: "Clinical efficacy" }).check();
    await tagForm(pageA).getByRole("checkbox", { name: "Safety / feasibility" }).check();
    await tagForm(pageA).getByRole("button", { name: "Save my tags" }).click();
    await expect(pageA.getByText("Your tags are saved.")).toBeVisible();
    await expectAccessible(pageA);

    // B sees A's annotation, but not A's tags until B has tagged (blind).
    await pageB.goto(url);
    await expect(pageB.getByRole("article", { name: "Annotation by Ada Annotator" })).toContainText(
      "or total?",
    );
    await expect(pageB.getByTestId("other-tags")).toContainText("1 other reviewer has tagged this study");
    await expect(pageB.getByTestId("other-tags")).not.toContainText("Ada Annotator");
    await tagForm(pageB).getByRole("checkbox", { name: "Clinical efficacy" }).check();
    await tagForm(pageB).getByRole("checkbox", { name: "Safety / feasibility" }).check();
    await tagForm(pageB).getByRole("button", { name: "Save my tags" }).click();
    await expect(pageB.getByTestId("other-tags")).toContainText(
      "Ada Annotator: Clinical efficacySafety / feasibility",
    );
    await expect(pageB.getByTestId("consensus")).toContainText("every reviewer who tagged agrees");
    // B replies.
    const threadB = pageB.getByRole("article", { name: "Annotation by Ada Annotator" });
    await threadB.getByRole("textbox", { name: "Reply" }).fill("Per kg: Table 2 says 1 × 10^6/kg.");
    await threadB.getByRole("button", { name: "Reply" }).click();
    await expect(threadB).toContainText("Ben Tagger");

    // A reloads and sees B's reply and the consensus.
    await pageA.reload();
    await expect(threadA).toContainText("Per kg: Table 2 says");
    await expect(pageA.getByTestId("consensus")).toContainText("Clinical efficacy");
    await expect(pageA.getByTestId("other-tags")).toContainText("Ben Tagger");
    // B cannot edit A's annotation: no edit button on it.
    await pageB.reload();
    await expect(
      pageB.locator(`[data-annotation]`).first().getByRole("button", { name: "Edit" }),
    ).toHaveCount(0);
    // A resolves the thread.
    await threadA.getByRole("button", { name: "Resolve" }).click();
    await expect(threadA.locator(".status-badge")).toHaveText("Resolved");

    // Both open the correction form; B saves first; A's save is refused with B's change.
    await pageA.locator("summary", { hasText: "Correct this study" }).click();
    await pageB.locator("summary", { hasText: "Correct this study" }).click();
    const enrollment = String((study.enrollment ?? 0) + 3);
    await correction(pageB).getByLabel("Enrollment").fill(enrollment);
    await pageB.getByRole("button", { name: "Save correction" }).click();
    await expect(pageB.getByText("Correction saved; the doses were read again.")).toBeVisible();
    await correction(pageA).getByLabel("Outcome").fill("Insulin independence in 3 of 9 patients (corrected)");
    await pageA.getByRole("button", { name: "Save correction" }).click();
    const refusal = pageA.getByRole("alert").filter({ hasText: "corrected this study after you opened it" });
    await expect(refusal).toContainText("Ben Tagger");
    await expect(refusal).toContainText(`enrollment: ${study.enrollment} → ${enrollment}`);
    // A keeps the outcome A typed; the field A did not touch shows B's value. Saving again applies both.
    await expect(correction(pageA).getByLabel("Outcome")).toHaveValue(
      "Insulin independence in 3 of 9 patients (corrected)",
    );
    await expect(correction(pageA).getByLabel("Enrollment")).toHaveValue(enrollment);
    await pageA.getByRole("button", { name: "Save correction" }).click();
    await expect(pageA.getByText("Correction saved; the doses were read again.")).toBeVisible();
    const saved = await db.study.findUniqueOrThrow({ where: { id: study.id } });
    expect(saved.enrollment).toBe(Number(enrollment));
    expect(saved.outcome).toBe("Insulin independence in 3 of 9 patients (corrected)");

    // The study's history has all of it.
    await pageA.reload();
    const history = pageA
      .getByRole("region", { name: "History" })
      .or(pageA.locator("section", { has: pageA.getByRole("heading", { name: "History" }) }));
    await expect(history.first()).toContainText("Ben Tagger corrected the study");
    await expect(history.first()).toContainText("Ada Annotator annotated the study");
    await expect(history.first()).toContainText("Ben Tagger replied to an annotation");
  } finally {
    await db.study.update({
      where: { id: study.id },
      data: { enrollment: study.enrollment, outcome: study.outcome, editedAt: null, editedById: null },
    });
    await contextA.close();
    await contextB.close();
  }
});

test("agreement, categories and activity pages", async ({ page }) => {
  const admin = await makeUser(e2eDb(), "admin", { name: "Ida Admin" });
  await signIn(page, admin.email, FACTORY_PASSWORD);
  await page.goto("/agreement");
  await expect(page.getByRole("heading", { name: "Tag agreement" })).toBeVisible();
  await expect(page.locator('tr[data-category="Clinical efficacy"]')).toBeVisible();
  await expectAccessible(page);

  await page.goto("/admin/categories");
  await page.getByRole("form", { name: "New category" }).getByLabel("Name").fill("Quality of life");
  await page.getByRole("button", { name: "Create category" }).click();
  await expect(page.getByRole("form", { name: "Category Quality of life" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/admin/activity");
  await expect(page.getByRole("region", { name: "Activity" })).toContainText("created an outcome category");
  await page.getByLabel("Who").selectOption({ label: "Ida Admin" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/actor=/);
  await expect(page.getByRole("region", { name: "Activity" }).getByRole("row")).toHaveCount(2);
  await expectAccessible(page);
});
