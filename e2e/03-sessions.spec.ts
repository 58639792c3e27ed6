// Sessions end when they should: an account disabled by an admin, a password changed
// elsewhere; repeated wrong passwords are refused for a while, and the page says so.
import { expect, test } from "@playwright/test";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";

test("disabling an account ends its open session at once", async ({ browser }) => {
  const admin = await makeUser(e2eDb(), "admin", { name: "Dora Admin" });
  const reviewer = await makeUser(e2eDb(), "reviewer", { name: "Ravi Reviewer" });

  const reviewerContext = await browser.newContext();
  const reviewerPage = await reviewerContext.newPage();
  await signIn(reviewerPage, reviewer.email, FACTORY_PASSWORD);
  await expect(reviewerPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin.email, FACTORY_PASSWORD);
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: "Disable Ravi Reviewer" }).click();
  await expect(adminPage.getByText("Account disabled; its sessions have ended.")).toBeVisible();
  await expect(adminPage.locator(`tr[data-email="${reviewer.email}"]`)).toContainText("Disabled");

  await reviewerPage.goto("/studies");
  await expect(reviewerPage).toHaveURL(/\/sign-in/);
  expect(await (await reviewerContext.request.get("/api/auth/session")).json()).not.toHaveProperty("user");

  // Signing in again is refused with the reason.
  await reviewerPage.getByLabel("E-mail").fill(reviewer.email);
  await reviewerPage.getByLabel("Password").fill(FACTORY_PASSWORD);
  await reviewerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(reviewerPage.getByText("This account has been disabled")).toBeVisible();

  // Changing the role of an enabled account takes effect on the next request.
  await adminPage.getByRole("button", { name: "Enable Ravi Reviewer" }).click();
  await expect(adminPage.getByText("Account enabled.")).toBeVisible();
  await adminPage.getByLabel("Role of Ravi Reviewer").selectOption("viewer");
  await adminPage.getByRole("button", { name: "Change role of Ravi Reviewer" }).click();
  await expect(adminPage.getByText("Role changed.")).toBeVisible();
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: reviewer.id } })).role).toBe("viewer");
  await adminContext.close();
  await reviewerContext.close();
});

test("changing the password keeps this session and ends the others", async ({ browser }) => {
  const user = await makeUser(e2eDb(), "reviewer", { name: "Pat Password" });
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const laptopPage = await laptop.newPage();
  const phonePage = await phone.newPage();
  await signIn(laptopPage, user.email, FACTORY_PASSWORD);
  await signIn(phonePage, user.email, FACTORY_PASSWORD);

  await laptopPage.goto("/account");
  await expectAccessible(laptopPage);
  await laptopPage.getByLabel("Current password").fill("not my password");
  await laptopPage.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await laptopPage.getByLabel("Repeat the new password").fill("a brand new passphrase");
  await laptopPage.getByRole("button", { name: "Change password" }).click();
  await expect(laptopPage.getByText("Your current password is not right.")).toBeVisible();

  await laptopPage.getByLabel("Current password").fill(FACTORY_PASSWORD);
  await laptopPage.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await laptopPage.getByLabel("Repeat the new password").fill("a brand new passphrase");
  await laptopPage.getByRole("button", { name: "Change password" }).click();
  await expect(laptopPage.getByText("Password changed. You were signed out everywhere else.")).toBeVisible();

  await laptopPage.goto("/studies");
  await expect(laptopPage.getByRole("heading", { name: "Studies" })).toBeVisible();
  await phonePage.goto("/studies");
  await expect(phonePage).toHaveURL(/\/sign-in/);

  await signIn(phonePage, user.email, "a brand new passphrase");
  await laptop.close();
  await phone.close();
});

test("sign-in is rate limited per account and says so", async ({ page }) => {
  const user = await makeUser(e2eDb(), "viewer");
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  }
  // Each of the five attempts reached the server and was counted.
  const [row] = await e2eDb().$queryRaw<
    { failures: number }[]
  >`SELECT failures FROM sign_in_throttles WHERE key = ${"account:" + user.email}`;
  expect(row?.failures).toBe(5);
  // Even the right password is refused until the window has passed.
  await page.getByLabel("Password").fill(FACTORY_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByText(/Too many failed sign-in attempts\. Try again in \d+ minutes?\./),
  ).toBeVisible();
  await expectAccessible(page);
});
