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
  endSessionAction: "viewer",
  signOutEverywhereAction: "viewer",
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
  saveArmOutcomeAction: "reviewer",
  deleteArmOutcomeAction: "reviewer",
  importArmOutcomesAction: "reviewer",
  saveCohortAnalysisAction: "reviewer",
  saveRobAssessmentAction: "reviewer",
  setRobConsensusAction: "admin",
  importRobvisAction: "admin",
  saveGradeRatingAction: "reviewer",
  markReadAction: "viewer",
  markAllReadAction: "viewer",
  assignAction: "admin",
  unassignAction: "admin",
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
    "/api/charts.json/route",
    "/api/health/route",
    "/api/import/route",
    "/api/live/presence/route",
    "/api/live/route",
    "/api/share/[token]/chart.json/route",
    "/api/studies.csv/route",
    "/api/studies.json/route",
  ]);

  // Exports need a session.
  for (const path of ["/api/studies.csv", "/api/studies.json?disease=SLE", "/api/charts.json?disease=SLE"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: "unauthenticated" });
  }

  // The importer refuses anonymous callers before reading anything.
  const anonymousImport = await request.post("/api/import", {
    headers: { Origin: E2E_BASE_URL },
    multipart: { text: "Disease,Dose\nRA,1 × 106/kg", source: "x", dryRun: "0" },
  });
  expect(anonymousImport.status()).toBe(401);
  expect(await anonymousImport.json()).toMatchObject({ ok: false, code: "unauthenticated" });

  // The live channel and presence say nothing to anonymous callers.
  const live = await request.get("/api/live");
  expect(live.status()).toBe(401);
  expect(await live.json()).toMatchObject({ ok: false, code: "unauthenticated" });
  const presence = await request.post("/api/live/presence", {
    headers: { Origin: E2E_BASE_URL },
    data: { studyId: "00000000-0000-4000-8000-000000000000", field: "dose", tab: "abcdefgh12" },
  });
  expect(presence.status()).toBe(401);

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

test("every route handler refuses a state-changing request from another origin, even an admin's", async ({
  browser,
}) => {
  const admin = await makeUser(e2eDb(), "admin");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, admin.email, FACTORY_PASSWORD);
  const routes = Object.keys(
    JSON.parse(
      readFileSync(path.join(process.cwd(), ".next/server/app-paths-manifest.json"), "utf8"),
    ) as Record<string, string>,
  )
    .filter((p) => p.endsWith("/route"))
    .map((p) => routeOf(`app${p}`).replace("/x", "/signout"));
  const table = "Disease,Dose\nRA,1 × 106/kg\n";
  const before = await rowCounts();
  const foreign: Record<string, string>[] = [
    { Origin: "http://evil.example" },
    { Origin: E2E_BASE_URL.replace(/:\d+$/, ":1") }, // another port of the same host
    {}, // no Origin at all (a script)
    { Origin: E2E_BASE_URL, "Sec-Fetch-Site": "cross-site" },
  ];
  for (const route of routes) {
    for (const headers of foreign) {
      const res = await context.request.post(route, {
        headers,
        multipart: { text: table, source: "Cross-site table", format: "csv", dryRun: "0" },
        maxRedirects: 0,
      });
      // Handlers that take a POST refuse it; the others have no POST at all.
      expect([403, 405], `${route} ${JSON.stringify(headers)}`).toContain(res.status());
      if (res.status() === 403) expect(await res.json()).toMatchObject({ ok: false, code: "forbidden" });
    }
    // No handler lets a page of another origin read its answer.
    const read = await context.request.get(route, {
      headers: { Origin: "http://evil.example" },
      maxRedirects: 0,
    });
    expect(read.headers()["access-control-allow-origin"], route).toBeUndefined();
  }
  expect(await rowCounts()).toEqual(before);
  expect(await e2eDb().evidenceSource.count({ where: { name: "Cross-site table" } })).toBe(0);
  // The admin is still signed in: the foreign sign-out did nothing.
  expect((await context.request.get("/api/studies.json?disease=SLE")).status()).toBe(200);
  // From the app's own origin the same import works.
  const own = await context.request.post("/api/import", {
    headers: { Origin: E2E_BASE_URL },
    multipart: { text: table, source: "Cross-site table", format: "csv", dryRun: "1" },
  });
  expect(own.status()).toBe(200);
  await context.close();
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
    headers: { Origin: E2E_BASE_URL },
    multipart: { text: "Disease,Dose\nRA,1 × 106/kg", source: "x", dryRun: "0" },
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ ok: false, code: "forbidden" });
  expect(await rowCounts()).toEqual(before);
  await context.close();
});

test("every page carries a Content-Security-Policy whose nonce its scripts bear, fresh each time", async ({
  request,
}) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await request.get("/sign-in");
    const policy = res.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce, "a nonce in script-src").toBeTruthy();
    nonces.push(nonce!);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
  // Plain HTTP here: no HSTS (it would pin a certificate the instance does not have).
  expect((await request.get("/sign-in")).headers()["strict-transport-security"]).toBeUndefined();
});
