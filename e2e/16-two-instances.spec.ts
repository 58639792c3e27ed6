// Two app instances on one PostgreSQL, as behind a load balancer: a reviewer on one instance
// annotates and is mentioned-to; a reviewer whose page is served by the other instance sees the
// annotation and the inbox count arrive within two seconds, through LISTEN/NOTIFY alone.
import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { E2E_DATABASE_URL, E2E_SECRET } from "./support/env";
import { e2eDb, signIn } from "./support/fixtures";
import { freePort } from "./support/port";

let second: ChildProcess | null = null;
let SECOND = "";

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  await importSeed(e2eDb());
  const port = await freePort();
  SECOND = `http://localhost:${port}`;
  second = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      NEXTAUTH_SECRET: E2E_SECRET,
      NEXTAUTH_URL: SECOND,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  let out = "";
  second.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  second.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  // Only our second instance says it listens on its port: nothing else there is taken for it.
  const deadline = Date.now() + 90_000;
  while (!out.includes(`listening on http://127.0.0.1:${port}`)) {
    if (Date.now() > deadline || second.exitCode !== null)
      throw new Error(`the second instance did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(() => {
  second?.kill("SIGTERM");
});

test("a change made on one instance reaches a page served by the other", async ({ browser }) => {
  const db = e2eDb();
  const study = await db.study.findFirstOrThrow({
    where: { diseaseCode: "MS" },
    orderBy: { sourceLine: "asc" },
  });
  const writer = await makeUser(db, "reviewer", { name: "Una Instance" });
  const reader = await makeUser(db, "reviewer", { name: "Otto Instance" });
  const onFirst = await browser.newContext();
  const onSecond = await browser.newContext({ baseURL: SECOND });
  const pageA = await onFirst.newPage();
  const pageB = await onSecond.newPage();
  try {
    await signIn(pageA, writer.email, FACTORY_PASSWORD);
    await signIn(pageB, reader.email, FACTORY_PASSWORD);
    await pageB.goto(`/studies/${study.id}`);
    expect(new URL(pageB.url()).origin).toBe(new URL(SECOND).origin);
    await expect(pageB.getByTestId("inbox-link")).toHaveAccessibleName("Inbox");
    await pageA.goto(`/studies/${study.id}`);
    // Presence crosses instances too.
    await expect(pageB.getByTestId("presence")).toContainText("Una Instance (viewing)", { timeout: 15_000 });

    await pageA.getByLabel("Annotation", { exact: true }).fill("@OttoInstance seen from the other instance?");
    await pageA.getByRole("button", { name: "Add annotation" }).click();
    await expect(pageA.getByRole("article", { name: "Annotation by Una Instance" })).toBeVisible();
    await expect(pageB.getByRole("article", { name: "Annotation by Una Instance" })).toContainText(
      "seen from the other instance?",
      { timeout: 2000 },
    );
    await expect(pageB.getByTestId("inbox-link")).toHaveAccessibleName("Inbox 1 unread", { timeout: 2000 });
  } finally {
    await onFirst.close();
    await onSecond.close();
  }
});
