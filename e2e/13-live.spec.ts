// Two reviewers on one study in two browsers: what one annotates and tags appears on the other's
// page within two seconds without a reload, and each sees that the other has the study open and
// which field they are editing.
import { expect, test, type Page } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, signIn } from "./support/fixtures";

test.beforeAll(async () => {
  await importSeed(e2eDb());
});

const tagForm = (page: Page) => page.getByRole("form", { name: "Your tags" });

test("a teammate's annotation, tags and presence appear live", async ({ browser }) => {
  const db = e2eDb();
  const study = await db.study.findFirstOrThrow({
    where: { diseaseCode: "RA" },
    orderBy: { sourceLine: "asc" },
  });
  const a = await makeUser(db, "reviewer", { name: "Lia Live" });
  const b = await makeUser(db, "reviewer", { name: "Max Watcher" });
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  await signIn(pageA, a.email, FACTORY_PASSWORD);
  await signIn(pageB, b.email, FACTORY_PASSWORD);
  const url = `/studies/${study.id}`;
  try {
    // B tags first, so that (tagging blind) B may see the others' tags.
    await pageB.goto(url);
    await tagForm(pageB).getByRole("checkbox", { name: "Clinical efficacy" }).check();
    await tagForm(pageB).getByRole("button", { name: "Save my tags" }).click();
    await expect(pageB.getByText("Your tags are saved.")).toBeVisible();

    await pageA.goto(url);
    // Presence: each sees the other on the study, and B sees A edit the dose before A saves.
    await expect(pageA.getByTestId("presence")).toContainText("Max Watcher (viewing)", { timeout: 15_000 });
    await expect(pageB.getByTestId("presence")).toContainText("Lia Live (viewing)", { timeout: 15_000 });
    await pageA.locator("summary", { hasText: "Correct this study" }).click();
    await pageA
      .getByRole("form", { name: "Correct this study" })
      .getByLabel("Arm 1 dose", { exact: true })
      .focus();
    await expect(pageB.getByTestId("presence")).toContainText("Lia Live (editing the dose)", {
      timeout: 2000,
    });

    // B's page must not reload: a marker on its window survives only a soft refresh.
    await pageB.evaluate(() => {
      (window as unknown as { liveMarker: string }).liveMarker = "still here";
    });

    await pageA.getByLabel("Annotation", { exact: true }).fill("Seen live?");
    await pageA.getByRole("button", { name: "Add annotation" }).click();
    await expect(pageA.getByRole("article", { name: "Annotation by Lia Live" })).toBeVisible();
    await expect(pageB.getByRole("article", { name: "Annotation by Lia Live" })).toContainText("Seen live?", {
      timeout: 2000,
    });

    await tagForm(pageA).getByRole("checkbox", { name: "Safety / feasibility" }).check();
    await tagForm(pageA).getByRole("button", { name: "Save my tags" }).click();
    await expect(pageA.getByText("Your tags are saved.")).toBeVisible();
    await expect(pageB.getByTestId("other-tags")).toContainText("Lia Live: Safety / feasibility", {
      timeout: 2000,
    });
    await expect(pageB.getByTestId("live-notice")).toContainText("A teammate changed");
    expect(await pageB.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe(
      "still here",
    );
  } finally {
    await contextA.close();
    await contextB.close();
  }
});
