// Two reviewers in two browsers assess a randomised study's risk of bias with RoB 2, blind to each
// other until each has submitted; they disagree, then agree, and the consensus follows. An admin
// decides another study's consensus. The traffic-light plot and the summary weighted by the
// meta-analysis show them, the sensitivity analysis without the study at high risk changes the
// pooled estimate, and the summary of findings rates the certainty down for risk of bias with the
// reason, until the team overrides it with a footnote.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { importSeed } from "../prisma/seed";
import { FACTORY_PASSWORD, makeUser } from "../tests/support/factories";
import { e2eDb, expectAccessible, signIn } from "./support/fixtures";
import { answerLow } from "./support/rob";

test.beforeAll(async () => {
  await importSeed(e2eDb());
});

const OUTCOME = "DAS28 remission at 6 months";

const robForm = (page: Page) => page.getByRole("form", { name: `Your risk-of-bias assessment: ${OUTCOME}` });
const unit = (page: Page) => page.getByRole("article", { name: `Risk of bias: ${OUTCOME}` });

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return readFileSync(await file.path(), "utf8");
}

test("blind assessments, consensus, plots, sensitivity analysis and GRADE", async ({ browser }) => {
  test.setTimeout(180_000);
  const db = e2eDb();
  // Three RA studies of three different trials, so that each enters the pool.
  const trials = new Set<string>();
  const [s1, s2, s3] = (
    await db.study.findMany({ where: { diseaseCode: "RA" }, orderBy: { sourceLine: "asc" } })
  ).filter((s) => (s.trialId === null ? true : !trials.has(s.trialId) && Boolean(trials.add(s.trialId))));
  // One arm each, events / total: fixed-effect weights on the logit scale 7.5, 15 and 3.75.
  for (const [s, xi, ni] of [
    [s1!, 10, 40],
    [s2!, 30, 60],
    [s3!, 5, 20],
  ] as const) {
    await db.outcomeData.create({ data: { studyId: s.id, outcome: OUTCOME, design: "single_arm", xi, ni } });
  }
  await db.study.updateMany({ where: { id: { in: [s2!.id, s3!.id] } }, data: { design: "randomised" } });
  const a = await makeUser(db, "reviewer", { name: "Rita Rater" });
  const b = await makeUser(db, "reviewer", { name: "Sam Second" });
  const admin = await makeUser(db, "admin", { name: "Ida Admin" });
  const low = { D1: "low", D2: "low", D3: "low", D4: "low", D5: "low", overall: "low" };
  await db.robConsensus.create({
    data: {
      studyId: s3!.id,
      outcome: OUTCOME,
      tool: "rob2",
      judgments: low,
      overall: "low",
      setById: admin.id,
    },
  });
  const pages = await Promise.all([a, b, admin].map(async () => (await browser.newContext()).newPage()));
  const [pageA, pageB, pageAdmin] = pages as [Page, Page, Page];
  await signIn(pageA, a.email, FACTORY_PASSWORD);
  await signIn(pageB, b.email, FACTORY_PASSWORD);
  await signIn(pageAdmin, admin.email, FACTORY_PASSWORD);

  try {
    // The design picks the tool: A sets it as a correction.
    await pageA.goto(`/studies/${s1!.id}`);
    await expect(pageA.getByTestId("rob-tool")).toContainText("design is not known");
    await pageA.locator("summary", { hasText: "Correct this study" }).click();
    await pageA.getByLabel("Study design").selectOption("randomised");
    await pageA.getByRole("button", { name: "Save correction" }).click();
    await expect(pageA.getByTestId("rob-tool")).toContainText("Randomised study (set by a reviewer)");
    await expect(pageA.getByTestId("rob-tool")).toContainText("RoB 2");

    // A answers; the suggestion follows the algorithm as they go; A submits.
    await answerLow(robForm(pageA));
    await expect(robForm(pageA).getByTestId("suggested-overall")).toContainText("Low");
    await robForm(pageA).getByRole("button", { name: "Submit assessment" }).click();
    await expect(pageA.getByText("Your assessment is submitted.")).toBeVisible();
    await expectAccessible(pageA);

    // B does not see A's assessment, nor A's name, until B has submitted.
    await pageB.goto(`/studies/${s1!.id}`);
    await expect(unit(pageB).getByTestId("rob-others")).toContainText(
      "1 other reviewer has submitted an assessment",
    );
    await expect(unit(pageB)).not.toContainText("Rita Rater");
    await answerLow(robForm(pageB));
    // B judges domain 1 otherwise: a justification is required, and the form keeps the answers.
    await robForm(pageB).getByLabel("Your judgement for D1").selectOption("some_concerns");
    await robForm(pageB).getByRole("button", { name: "Submit assessment" }).click();
    await expect(pageB.getByText("Say why you depart from the suggested judgement")).toBeVisible();
    await expect(robForm(pageB).getByLabel(/^5\.3 /)).toHaveValue("N");
    await robForm(pageB).getByLabel("Justification for D1").fill("Allocation by a sealed envelope list");
    await robForm(pageB).getByRole("button", { name: "Submit assessment" }).click();
    await expect(pageB.getByText("Your assessment is submitted.")).toBeVisible();
    const table = unit(pageB).getByTestId("rob-comparison");
    await expect(table).toContainText("Rita Rater");
    await expect(table.getByRole("row", { name: /D1/ })).toContainText("Some concerns");
    await expect(unit(pageB).getByTestId("rob-consensus")).toContainText("none yet");

    // B comes round to the suggestion (by keyboard): the consensus follows the agreement.
    // The section stays open after the submission, under its new name; B changes it there.
    await expect(unit(pageB).locator("summary", { hasText: "Change your assessment" })).toBeVisible();
    await expect(robForm(pageB)).toBeVisible();
    await expect(pageB.getByText("Your assessment is submitted.")).toBeVisible();
    await robForm(pageB).getByLabel("Your judgement for D1").selectOption("");
    await robForm(pageB).getByRole("button", { name: "Save changes" }).focus();
    await pageB.keyboard.press("Enter");
    await expect(pageB.getByText("the reviewers agree, so it is the consensus")).toBeVisible();
    await expect(unit(pageB).getByTestId("rob-consensus")).toContainText(
      "every reviewer who submitted agrees",
    );
    await pageA.reload();
    await expect(unit(pageA).getByTestId("rob-consensus")).toContainText("Low");
    await expect(unit(pageA).getByTestId("rob-comparison")).toContainText("Sam Second");

    // An admin decides study 2: high, for missing outcome data.
    await pageAdmin.goto(`/studies/${s2!.id}`);
    await pageAdmin.getByText("Set the consensus (admin)").click();
    const consensus = pageAdmin.getByRole("form", { name: `Risk-of-bias consensus: ${OUTCOME}` });
    for (const d of ["D1", "D2", "D4", "D5"])
      await consensus.locator(`select[name="c_${d}"]`).selectOption("low");
    await consensus.locator('select[name="c_D3"]').selectOption("high");
    await consensus.locator('select[name="c_overall"]').selectOption("high");
    await consensus.getByLabel("Note (why, for the record)").fill("Half the patients lost to follow-up");
    await consensus.getByRole("button", { name: "Set consensus" }).click();
    await expect(pageAdmin.getByText("Consensus saved.")).toBeVisible();
    await expect(unit(pageAdmin).getByTestId("rob-consensus")).toContainText("set by Ida Admin");

    // The plots: the three studies, the summary weighted by the fixed-effect analysis.
    const query = `disease=RA&outcome=${encodeURIComponent(OUTCOME)}&method=FE`;
    await pageAdmin.goto(`/risk-of-bias?${query}&weighted=1`);
    const traffic = pageAdmin.locator('svg[data-export="traffic-light"]');
    await expect(traffic).toContainText("overall: High");
    await expect(traffic).toContainText("D3: High");
    await expect(traffic.locator("title", { hasText: "overall: Low" })).toHaveCount(2);
    await expect(
      pageAdmin.getByRole("heading", { name: "Summary plot, weighted by the meta-analysis" }),
    ).toBeVisible();
    // High: 15 / 26.25 = 57.1% of the weight; low: 11.25 / 26.25 = 42.9%.
    const summary = pageAdmin.locator('svg[data-export="summary"]');
    await expect(summary).toContainText("57.1%");
    await expect(summary).toContainText("42.9%");
    const svg = await download(pageAdmin, () =>
      pageAdmin
        .getByRole("group", { name: "Download the traffic-light plot" })
        .getByRole("button", { name: "Download SVG" })
        .click(),
    );
    expect(svg).toContain("<svg");
    expect(svg).toContain(`Risk of bias (RoB 2): ${OUTCOME}`);
    const csv = await download(pageAdmin, () =>
      pageAdmin.getByRole("button", { name: "Download robvis CSV" }).click(),
    );
    expect(csv.split("\n")[0]).toBe("Study,D1,D2,D3,D4,D5,Overall,Weight");
    expect(csv).toContain(",Low,Low,High,Low,Low,High,57.14");
    await expectAccessible(pageAdmin);

    // The analysis: RoB beside the forest plot, the sensitivity analysis, the summary of findings.
    await pageAdmin.goto(`/analysis?${query}`);
    await expect(pageAdmin.locator('svg[data-export="forest"]')).toContainText("RoB");
    const main = await pageAdmin.getByTestId("main-analysis-estimate").textContent();
    const without = await pageAdmin.getByTestId("sensitivity-analysis-estimate").textContent();
    expect(without).not.toBe(main);
    await expect(pageAdmin.getByTestId("sensitivity-analysis")).toContainText("Studies2");
    const rob = pageAdmin.getByTestId("sof-row").getByTestId("sof-risk_of_bias");
    await expect(rob).toContainText("Risk of bias −2");
    await expect(rob).toContainText(
      "57.1% of the weight comes from studies at high, serious or critical risk of bias",
    );
    await expectAccessible(pageAdmin);

    // The team overrides the rating with a footnote; the row says so.
    await pageAdmin.getByText(`Rate the certainty of “${OUTCOME}” (GRADE)`).click();
    const grade = pageAdmin.getByRole("form", { name: `Rate the certainty: ${OUTCOME}` });
    await grade.getByLabel("Risk of bias: decision").selectOption("override");
    await grade.getByLabel("Risk of bias: level").selectOption("-1");
    await grade
      .getByLabel("Risk of bias: footnote")
      .fill("The high-risk study's losses were balanced across time");
    const version = Number(await grade.locator('input[name="version"]').inputValue());
    await grade.getByRole("button", { name: "Save the rating" }).click();
    // The form starts afresh from the saved rating (its version moved on), and still says so.
    await expect(grade.locator('input[name="version"]')).toHaveValue(String(version + 1));
    await expect(pageAdmin.getByText("Rating saved.")).toBeVisible();
    await expect(rob).toContainText("Risk of bias −1");
    await expect(rob).toContainText("Footnote: The high-risk study's losses were balanced across time");
    const sof = await download(pageAdmin, () =>
      pageAdmin.getByRole("button", { name: "Download summary of findings (CSV)" }).click(),
    );
    expect(sof).toContain(OUTCOME);
  } finally {
    await Promise.all(pages.map((p) => p.context().close()));
  }
});
