// Working as a team: a mention reaches a teammate's header live and their inbox; an admin assigns
// a filter's studies to two reviewers from the studies table; a reviewer works through "My queue"
// with "Next study", and the team page shows the progress.
import { expect, test } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

test.beforeAll(async () => {
  await importSeed(e2eDb());
});

test("a mention arrives live in the header and the inbox", async ({ browser }) => {
  const db = e2eDb();
  const study = await db.study.findFirstOrThrow({
    where: { diseaseCode: "SLE" },
    orderBy: { sourceLine: "asc" },
  });
  const ria = await makeUser(db, "reviewer", { name: "Ria Mentioner" });
  const sam = await makeUser(db, "reviewer", { name: "Samira Inbox" });
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  try {
    await signIn(pageA, ria.email, FACTORY_PASSWORD);
    await signIn(pageB, sam.email, FACTORY_PASSWORD);
    await pageB.goto("/");
    await expect(pageB.getByTestId("inbox-link")).toHaveAccessibleName("Inbox");

    await pageA.goto(`/studies/${study.id}`);
    await expect(pageA.getByText("@SamiraInbox")).toBeVisible(); // the hint names teammates
    await pageA.getByLabel("Annotation", { exact: true }).fill("@SamiraInbox is the dose per kg here?");
    await pageA.getByRole("button", { name: "Add annotation" }).click();
    await expect(pageA.getByRole("article", { name: "Annotation by Ria Mentioner" })).toBeVisible();

    // Sam's dashboard, not reloaded, shows the unread count within two seconds.
    await expect(pageB.getByTestId("inbox-link")).toHaveAccessibleName("Inbox 1 unread", { timeout: 2000 });
    await pageB.getByTestId("inbox-link").click();
    await expect(pageB).toHaveURL(/\/inbox$/);
    const item = pageB.getByTestId("inbox").getByRole("listitem").first();
    await expect(item).toContainText("Ria Mentioner mentioned you on");
    await expect(item).toContainText("is the dose per kg here?");
    await expectAccessible(pageB);
    await item.getByRole("button", { name: "Open" }).click();
    await expect(pageB).toHaveURL(new RegExp(`/studies/${study.id}#notes$`));
    await expect(pageB.getByTestId("inbox-link")).toHaveAccessibleName("Inbox");
  } finally {
    await contextA.close();
    await contextB.close();
  }
});

test("an admin assigns a filter's studies; a reviewer works through the queue", async ({ browser }) => {
  const db = e2eDb();
  const admin = await makeUser(db, "admin", { name: "Ada Assigner" });
  const ria = await makeUser(db, "reviewer", { name: "Rhea Queue" });
  await makeUser(db, "reviewer", { name: "Sol Queue" });
  const ra = await db.study.findMany({
    where: { diseaseCode: "RA" },
    orderBy: [{ sourceLine: "asc" }, { id: "asc" }],
  });
  expect(ra.length).toBeGreaterThan(1);
  // Other specs tag the first RA study; without their tags, Rhea's will be no conflict.
  await db.tagAssessment.deleteMany({ where: { studyId: ra[0]!.id } });
  await db.consensusTag.deleteMany({ where: { studyId: ra[0]!.id } });
  const adminContext = await browser.newContext();
  const reviewerContext = await browser.newContext();
  const pageA = await adminContext.newPage();
  const pageR = await reviewerContext.newPage();
  try {
    await signIn(pageA, admin.email, FACTORY_PASSWORD);
    await pageA.goto("/studies?disease=RA");
    await pageA.getByRole("link", { name: "Assign these studies…" }).click();
    await expect(pageA).toHaveURL(/\/team\?/);
    const form = pageA.locator("#assign");
    await expect(form).toContainText(`${ra.length} studies`);
    await form.getByLabel("Task").selectOption("tag");
    await form.getByRole("checkbox", { name: "Rhea Queue" }).check();
    await form.getByRole("checkbox", { name: "Sol Queue" }).check();
    await form.getByRole("radio", { name: /Every study to each reviewer/ }).check();
    await form.getByRole("button", { name: "Assign" }).click();
    await expect(form.getByRole("status")).toContainText(`${ra.length * 2} assignments made`);
    await expect(pageA.getByTestId("progress-tag")).toContainText("Rhea Queue");
    await expectAccessible(pageA);

    await signIn(pageR, ria.email, FACTORY_PASSWORD);
    await pageR.goto("/queue");
    await expect(pageR.getByTestId("queue-counts")).toHaveText(`${ra.length} to do, 0 done, 0 in conflict.`);
    await expectAccessible(pageR);
    // By keyboard: the "Next study" link opens the first study at its tags.
    const next = pageR.getByRole("link", { name: "Next study →" });
    await next.focus();
    await pageR.keyboard.press("Enter");
    await expect(pageR).toHaveURL(new RegExp(`/studies/${ra[0]!.id}#tags$`));
    await expect(pageR.getByTestId("queue-next")).toContainText("Assigned to you: tag outcome categories");
    const tags = pageR.getByRole("form", { name: "Your tags" });
    await tags.getByRole("checkbox", { name: "Clinical efficacy" }).check();
    await tags.getByRole("button", { name: "Save my tags" }).click();
    await expect(pageR.getByText("Your tags are saved.")).toBeVisible();
    await pageR.getByRole("link", { name: "Next study in this queue →" }).click();
    await expect(pageR).toHaveURL(new RegExp(`/studies/${ra[1]!.id}#tags$`));

    await pageR.goto("/queue");
    await expect(pageR.getByTestId("queue-counts")).toHaveText(
      `${ra.length - 1} to do, 1 done, 0 in conflict.`,
    );
    await pageA.reload();
    const row = pageA.getByTestId("progress-tag").getByRole("row", { name: /Rhea Queue/ });
    await expect(row.getByRole("cell").nth(0)).toHaveText("1");
  } finally {
    await adminContext.close();
    await reviewerContext.close();
  }
});
