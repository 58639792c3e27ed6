// A new instance: the first visit creates the administrator, who invites a reviewer,
// who joins through the link in another browser and signs in.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/fixtures";

test("first administrator, invitation, reviewer joins in another browser", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first administrator" })).toBeVisible();
  await expectAccessible(page);

  // A mismatched confirmation is refused with a message on the field.
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("E-mail").fill("ada@example.test");
  await page.getByLabel("Password", { exact: true }).fill("a long admin passphrase");
  await page.getByLabel("Repeat the password").fill("something else");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("The two passwords differ")).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill("a long admin passphrase");
  await page.getByLabel("Repeat the password").fill("a long admin passphrase");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
  await expectAccessible(page);

  // The set-up page is gone once an account exists.
  const setup = await page.request.get("/setup");
  expect(setup.status()).toBe(404);

  // Invite a reviewer and read the one-time link.
  await page.getByLabel("E-mail (optional)").fill("rita@example.test");
  await page.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const linkBox = page.getByLabel("Invitation link");
  await expect(linkBox).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const link = await linkBox.inputValue();
  await expect(page.getByRole("cell", { name: "rita@example.test", exact: true })).toBeVisible();

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await reviewer.goto(link);
  await expect(reviewer.getByRole("heading", { name: "Join the review team" })).toBeVisible();
  await expect(reviewer.getByText("You are invited as")).toContainText("Reviewer");
  await expectAccessible(reviewer);
  await reviewer.getByLabel("Your name").fill("Rita Reviewer");
  await expect(reviewer.getByLabel("E-mail")).toHaveValue("rita@example.test");
  await reviewer.getByLabel("Password", { exact: true }).fill("reviewer passphrase");
  await reviewer.getByLabel("Repeat the password").fill("reviewer passphrase");
  await reviewer.getByRole("button", { name: "Create my account" }).click();
  await expect(reviewer.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(reviewer.getByRole("link", { name: "Account of Rita Reviewer" })).toBeVisible();
  await expect(reviewer.locator(".role-badge")).toHaveText("Reviewer");
  await expect(
    reviewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }),
  ).toHaveCount(0);
  await expectAccessible(reviewer);

  // The link works once only.
  await reviewer.getByRole("button", { name: "Sign out" }).click();
  await expect(reviewer).toHaveURL(/\/sign-in/);
  await reviewer.goto(link);
  await expect(reviewer.getByText("This invitation has already been used.")).toBeVisible();

  // Signing in again with the new password works, and an admin page is refused.
  await reviewer.goto("/sign-in");
  await expectAccessible(reviewer);
  await reviewer.getByLabel("E-mail").fill("rita@example.test");
  await reviewer.getByLabel("Password").fill("reviewer passphrase");
  await reviewer.getByRole("button", { name: "Sign in" }).click();
  await expect(reviewer.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await reviewer.goto("/admin/users");
  await expect(reviewer.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  // The admin sees the new account in the table.
  await page.reload();
  await expect(page.locator('tr[data-email="rita@example.test"]')).toContainText("Reviewer");
  await reviewerContext.close();
});
