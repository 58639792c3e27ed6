// Calls every server action and route handler of the build directly (not through the UI)
// as an anonymous visitor and as a viewer, and checks that each is refused and writes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { makeUser, FACTORY_PASSWORD } from "../tests/support/factories";
import { e2eDb, signIn } from "./support/fixtures";
import { E2E_BASE_URL } from "./support/env";

interface ManifestEntry {
  workers: Record<string, unknown>;
  exportedName?: string;
  filename?: string;
}

const manifest = JSON.parse(
  readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"),
) as { node: Record<string, ManifestEntry> };

/** What each action needs; a new action makes this spec fail until it is listed here. */
const REQUIRED_ROLE: Record<string, "public" | "viewer" | "reviewer" | "admin"> = {
  createFirstAdminAction: "public",
  acceptInviteAction: "public",
  changePasswordAction: "viewer",
  createInviteAction: "admin",
  revokeInviteAction: "admin",
  changeRoleAction: "admin",
  setDisabledAction: "admin",
  createCohortAction: "reviewer",
  updateCohortAction: "reviewer",
  updateCohortFilterAction: "reviewer",
  duplicateCohortAction: "reviewer",
  deleteCohortAction: "reviewer",
  freezeCohortAction: "reviewer",
  unfreezeCohortAction: "reviewer",
  createShareLinkAction: "reviewer",
  revokeShareLinkAction: "reviewer",
  createAnnotationAction: "reviewer",
  editAnnotationAction: "reviewer",
  deleteAnnotationAction: "reviewer",
  setAnnotationStatusAction: "reviewer",
  saveTagsAction: "reviewer",
  setConsensusAction: "admin",
  editStudyAction: "reviewer",
  createCategoryAction: "admin",
  updateCategoryAction: "admin",
  mergeCategoriesAction: "admin",
  setBlindTaggingAction: "admin",
  saveOutcomeDataAction: "reviewer",
  deleteOutcomeDataAction: "reviewer",
  saveCohortAnalysisAction: "reviewer",
};

/** "app/(app)/admin/users/page" → "/admin/users"; dynamic segments get a dummy value. */
function routeOf(worker: string): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/(page|route)$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]/g, "x");
  return route === "" ? "/" : route;
}

const actions = Object.entries(manifest.node).map(([id, entry]) => ({
  id,
  name: entry.exportedName ?? "?",
  route: routeOf(Object.keys(entry.workers)[0] ?? "app/page"),
}));

async function callAction(request: APIRequestContext, action: (typeof actions)[number]) {
  const res = await request.post(action.route, {
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: E2E_BASE_URL,
    },
    data: JSON.stringify([null, {}]),
    maxRedirects: 0,
  });
  return { status: res.status(), body: await res.text() };
}

async function rowCounts() {
  const db = e2eDb();
  const [users, invites, audit, studies, cohorts] = await Promise.all([
    db.user.count(),
    db.invite.count(),
    db.auditEvent.count(),
    db.study.count(),
    db.cohort.count(),
  ]);
  return { users, invites, audit, studies, cohorts };
}

test("every server action of the build is known to this spec", () => {
  expect(actions.length).toBeGreaterThan(0);
  const unknown = actions.filter((a) => !(a.name in REQUIRED_ROLE)).map((a) => a.name);
  expect(unknown, "actions without an access rule in this spec").toEqual([]);
});

test("an anonymous caller is refused by every server action and changes nothing", async ({ request }) => {
  const before = await rowCounts();
  for (const action of actions) {
    const { status, body } = await callAction(request, action);
    expect(status, `${action.name} HTTP status`).toBe(200);
    if (REQUIRED_ROLE[action.name] === "public") {
      // Public actions refuse what is not a valid, complete form.
      expect(body, action.name).toContain('"ok":false');
    } else {
      expect(body, action.name).toContain('"code":"unauthenticated"');
    }
  }
  expect(await rowCounts()).toEqual(before);
});

test("a viewer is refused by every action above their role and changes nothing", async ({ browser }) => {
  const viewer = await makeUser(e2eDb(), "viewer");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, viewer.email, FACTORY_PASSWORD);
  const before = await rowCounts();
  for (const action of actions) {
    const { body } = await callAction(context.request, action);
    const needs = REQUIRED_ROLE[action.name];
    if (needs === "admin" || needs === "reviewer") expect(body, action.name).toContain('"code":"forbidden"');
    else expect(body, action.name).toContain('"ok":false');
    expect(body, action.name).not.toContain('"ok":true');
  }
  expect(await rowCounts()).toEqual(before);
  await context.close();
});

test("route handlers: anonymous callers get no data", async ({ request }) => {
  const routes = Object.keys(
    JSON.parse(
      readFileSync(path.join(process.cwd(), ".next/server/app-paths-manifest.json"), "utf8"),
    ) as Record<string, string>,
  ).filter((p) => p.endsWith("/route"));
  expect(routes.sort()).toEqual([
    "/api/auth/[...nextauth]/route",
    "/api/health/route",
    "/api/import/route",
    "/api/studies.csv/route",
    "/api/studies.json/route",
  ]);

  // Exports need a session.
  for (const path of ["/api/studies.csv", "/api/studies.json?disease=SLE"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: "unauthenticated" });
  }

  // The importer refuses anonymous callers before reading anything.
  const anonymousImport = await request.post("/api/import", {
    multipart: { text: "Disease,Dose\nRA,1 × 106/kg", source: "x", dryRun: "0" },
  });
  expect(anonymousImport.status()).toBe(401);
  expect(await anonymousImport.json()).toMatchObject({ ok: false, code: "unauthenticated" });

  // Health is public by design and says only whether the instance can serve.
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(Object.keys(await health.json()).sort()).toEqual(["database", "migrations", "ok"]);

  // next-auth's session endpoint has no session to give an anonymous caller.
  const session = await request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  // A forged session cookie is no session either.
  const forged = await request.get("/api/auth/session", {
    headers: { Cookie: "next-auth.session-token=forged.token.value" },
  });
  expect(await forged.json()).toEqual({});
});

test("pages refuse anonymous visitors and viewers where their role is too low", async ({
  browser,
  request,
}) => {
  for (const p of [
    "/",
    "/studies",
    "/studies/00000000-0000-4000-8000-000000000000",
    "/cohorts",
    "/charts",
    "/account",
    "/agreement",
    "/cohorts/compare",
    "/cohorts/some-cohort",
    "/admin/users",
    "/admin/import",
    "/admin/categories",
    "/admin/activity",
  ]) {
    const res = await request.get(p, { maxRedirects: 0 });
    expect(res.status(), p).toBe(307);
    expect(res.headers()["location"], p).toContain("/sign-in");
  }
  const viewer = await makeUser(e2eDb(), "viewer");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, viewer.email, FACTORY_PASSWORD);
  for (const p of ["/admin/users", "/admin/import", "/admin/categories", "/admin/activity"]) {
    await page.goto(p);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  // Route handlers check the role themselves too.
  const before = await rowCounts();
  const res = await context.request.post("/api/import", {
    multipart: { text: "Disease,Dose\nRA,1 × 106/kg", source: "x", dryRun: "0" },
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ ok: false, code: "forbidden" });
  expect(await rowCounts()).toEqual(before);
  await context.close();
});
