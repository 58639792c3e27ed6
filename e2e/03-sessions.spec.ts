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

test("sign-in is limited per account and client, says so, and the owner elsewhere gets in", async ({
  page,
  browser,
}) => {
  const user = await makeUser(e2eDb(), "viewer");
  await page.goto("/sign-in");
  await expect(
    page.getByText(/that place waits 15 minutes; you can still sign in from elsewhere/),
  ).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  }
  // Each of the five attempts reached the server and was counted, for this account from here.
  const [row] = await e2eDb().$queryRaw<
    { failures: number }[]
  >`SELECT failures FROM sign_in_throttles WHERE key LIKE ${"client:" + user.email + "|%"}`;
  expect(row?.failures).toBe(5);
  // Even the right password is refused from here until the window has passed…
  await page.getByLabel("Password").fill(FACTORY_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByText(/Too many failed sign-in attempts from here\. Try again in \d+ minutes?\./),
  ).toBeVisible();
  await expectAccessible(page);
  // …while a client that says it is elsewhere (X-Forwarded-For, untrusted without a proxy) is the
  // same client, still refused.
  const spoofing = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.99" } });
  const p2 = await spoofing.newPage();
  await p2.goto("/sign-in");
  await p2.getByLabel("E-mail").fill(user.email);
  await p2.getByLabel("Password").fill(FACTORY_PASSWORD);
  await p2.getByRole("button", { name: "Sign in" }).click();
  await expect(p2.getByText(/Too many failed sign-in attempts from here/)).toBeVisible();
  await spoofing.close();
});

test("signing out ends the session on the server: a copied cookie reads nothing", async ({ browser }) => {
  const user = await makeUser(e2eDb(), "reviewer");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user.email, FACTORY_PASSWORD);
  const copied = await context.cookies();
  expect((await context.request.get("/api/studies.json?disease=SLE")).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The copy, used from elsewhere after sign-out.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const res = await thief.request.get("/api/studies.json?disease=SLE");
  expect(res.status()).toBe(401);
  await context.close();
  await thief.close();
});

test("sign out everywhere ends every session of the account, this one too", async ({ browser }) => {
  const user = await makeUser(e2eDb(), "viewer");
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  const [pa, pb] = [await a.newPage(), await b.newPage()];
  await signIn(pa, user.email, FACTORY_PASSWORD);
  await signIn(pb, user.email, FACTORY_PASSWORD);
  await pa.goto("/account");
  const sessions = pa.getByRole("table", { name: "Your open sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(3); // header + two sessions
  await expect(sessions).toContainText("(this browser)");
  await expectAccessible(pa);
  await pa.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(pa).toHaveURL(/\/sign-in/);
  await pb.goto("/studies");
  await expect(pb).toHaveURL(/\/sign-in/);
  expect((await b.request.get("/api/studies.json")).status()).toBe(401);
  await a.close();
  await b.close();
});
