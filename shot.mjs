import { chromium } from "@playwright/test";
const b = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.goto("http://localhost:3300/sign-in");
await p.getByLabel("E-mail").fill("ada@example.test");
await p.getByLabel("Password").fill("a long admin passphrase");
await p.getByRole("button", { name: "Sign in" }).click();
await p.getByRole("button", { name: "Sign out" }).waitFor();
for (const [url, file] of process.argv.slice(2).map((a) => a.split("|"))) {
  await p.goto("http://localhost:3300" + url);
  await p.screenshot({ path: file, fullPage: true });
}
await b.close();
