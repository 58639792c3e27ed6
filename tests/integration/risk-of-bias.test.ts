// Risk of bias and certainty against real PostgreSQL: designs read at import and in SQL, blind
// assessments by two reviewers, the consensus by agreement and by an admin, versions and audit,
// the plots (the weighted summary against a hand calculation), the filter's two predicates, the
// sensitivity analysis, GRADE's summary of findings and robvis files in and out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAnalysisOptions } from "../../lib/domain/analysis";
import { parseFilter, type CohortFilter } from "../../lib/domain/filter/filter";
import { readEvidenceTable } from "../../lib/domain/import/evidence-table";
import { readStudyDesign } from "../../lib/domain/rob/design";
import { RobPlotOptionsSchema } from "../../lib/domain/rob/plot-options";
import { analysisPage } from "../../lib/server/analysis";
import { saveGradeRating } from "../../lib/server/grade";
import { db } from "../../lib/server/platform/db";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { saveRobAssessment, setRobConsensus, studyRiskOfBias } from "../../lib/server/risk-of-bias";
import { importRobvis } from "../../lib/server/rob-import";
import { riskOfBiasPlots } from "../../lib/server/rob-plots";
import { editStudy } from "../../lib/server/study-edits";
import { importEvidence } from "../../lib/server/sql/import-evidence";
import { robOverallSql, robOverallWhere } from "../../lib/server/sql/rob-filter";
import { GradeRatingSchema } from "../../lib/validation/grade";
import { ImportRobvisSchema, RobConsensusSchema, SaveRobAssessmentSchema } from "../../lib/validation/rob";
import { EditStudySchema } from "../../lib/validation/study";
import { DESIGN_PHRASINGS } from "../fixtures/rob/design-phrasings";
import { makeUser } from "../support/factories";

const SOURCE = "Risk of bias test table";
const OUTCOME = "remission at 12 months";
const CSV = [
  "Disease,Route,Enrollment,Dose,Outcome,Reference,Design,First author,Year",
  "ROBTEST,I.V,40,1 × 10^6/kg,Better,[R1],Randomized controlled trial,Alder,2019",
  "ROBTEST,I.V,60,2 × 10^6/kg,Better,[R2],Randomised; double-blind,Birch,2020",
  "ROBTEST,I.V,20,1 × 10^6/kg,Same,[R3],RCT,Cedar,2021",
  "ROBTEST,I.V,12,1 × 10^6/kg,Same,[R4],Open-label single-arm,Damson,2018",
  "ROBTEST,I.V,15,1 × 10^6/kg,Same,[R5],Phase I,Elm,2017",
].join("\n");

let ann: SessionUser;
let ben: SessionUser;
let admin: SessionUser;
let viewer: SessionUser;
const ids: Record<string, string> = {};
const filter: CohortFilter = parseFilter({ disease: "ROBTEST" }).filter;

// RoB 2 answers that the guidance's algorithm turns into low in every domain, and into high in
// domain 1 (no random sequence, and baseline differences suggesting a problem).
const LOW: Record<string, string> = {
  "q_1.1": "Y",
  "q_1.2": "Y",
  "q_1.3": "N",
  "q_2.1": "N",
  "q_2.2": "N",
  "q_2.6": "Y",
  "q_3.1": "Y",
  "q_4.1": "N",
  "q_4.2": "N",
  "q_4.3": "N",
  "q_5.1": "Y",
  "q_5.2": "N",
  "q_5.3": "N",
};
const HIGH_D1 = { ...LOW, "q_1.1": "N", "q_1.2": "N", "q_1.3": "Y" };

async function assessAs(
  user: SessionUser,
  studyId: string,
  answers: Record<string, string>,
  over: Record<string, string> = {},
) {
  const mine = await db().robAssessment.findUnique({
    where: { studyId_outcome_reviewerId: { studyId, outcome: OUTCOME, reviewerId: user.id } },
  });
  const input = SaveRobAssessmentSchema.parse({
    studyId,
    outcome: OUTCOME,
    tool: "rob2",
    variant: "assignment",
    version: String(mine?.version ?? 0),
    intent: "submit",
    ...answers,
    ...over,
  });
  return saveRobAssessment(user, input);
}

beforeAll(async () => {
  await db().evidenceSource.deleteMany({ where: { name: SOURCE } });
  await importEvidence(db(), {
    sourceName: SOURCE,
    citation: null,
    fileName: "rob.csv",
    format: "csv",
    studies: readEvidenceTable(CSV, "csv").studies,
    problems: [],
    actorId: null,
  });
  for (const s of await db().study.findMany({ where: { source: { name: SOURCE } } }))
    ids[s.reference!] = s.id;
  [ann, ben, admin, viewer] = await Promise.all([
    makeUser(db(), "reviewer", { name: "Ann Assessor" }),
    makeUser(db(), "reviewer", { name: "Ben Blind" }),
    makeUser(db(), "admin", { name: "Ada Admin" }),
    makeUser(db(), "viewer"),
  ]);
  // Outcome data: events / total of one arm each (logit proportion).
  for (const [ref, xi, ni] of [
    ["[R1]", 10, 40],
    ["[R2]", 30, 60],
    ["[R3]", 5, 20],
  ] as const) {
    await db().outcomeData.create({
      data: { studyId: ids[ref]!, outcome: OUTCOME, design: "single_arm", xi, ni },
    });
  }
});
afterAll(() => db().$disconnect());

describe("study designs", () => {
  it("are read at import from the Design column, and not guessed from a phase", async () => {
    const designs = await db().study.findMany({
      where: { source: { name: SOURCE } },
      select: { reference: true, design: true },
      orderBy: { reference: "asc" },
    });
    expect(designs.map((d) => [d.reference, d.design])).toEqual([
      ["[R1]", "randomised"],
      ["[R2]", "randomised"],
      ["[R3]", "randomised"],
      ["[R4]", "single_arm"],
      ["[R5]", null],
    ]);
  });

  it("read the same in the migration's SQL as in TypeScript, on every phrasing", async () => {
    for (const [design, phase, expected] of DESIGN_PHRASINGS) {
      const [row] = await db().$queryRaw<{ d: string | null }[]>`
        SELECT read_study_design(${design}, ${phase})::text AS d`;
      expect([design, phase, row!.d]).toEqual([design, phase, expected]);
      expect(readStudyDesign(design, phase)).toBe(expected);
    }
  });

  it("are set by a reviewer as a correction, versioned and audited, and pick the tool", async () => {
    const study = await db().study.findUniqueOrThrow({
      where: { id: ids["[R5]"]! },
      include: { arms: true },
    });
    expect((await studyRiskOfBias(ann, study.id)).tool).toBeNull();
    const form = EditStudySchema.parse({
      id: study.id,
      version: String(study.version),
      enrollment: "15",
      routeText: study.routeText,
      outcome: study.outcome,
      reference: study.reference ?? "",
      firstAuthor: study.firstAuthor ?? "",
      year: String(study.publicationYear ?? ""),
      design: "non_randomised",
      ...Object.fromEntries(
        study.arms.flatMap((a) => [
          [`arm_${a.id}_n`, ""],
          [`arm_${a.id}_dose`, a.doseText],
        ]),
      ),
    });
    await editStudy(ann, form);
    const view = await studyRiskOfBias(ann, study.id);
    expect([view.design, view.designRead, view.tool]).toEqual(["non_randomised", null, "robins-i"]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { entityId: study.id, action: "study.update" },
      orderBy: { id: "desc" },
    });
    expect([event.before, event.after]).toMatchObject([{ design: null }, { design: "non_randomised" }]);
  });
});

describe("blind assessments and the consensus", () => {
  it("hide the others' assessments and the consensus until a reviewer has submitted", async () => {
    const study = ids["[R1]"]!;
    // Ann's draft: incomplete is fine for a draft, refused for a submission.
    const draft = SaveRobAssessmentSchema.parse({
      studyId: study,
      outcome: OUTCOME,
      tool: "rob2",
      variant: "assignment",
      version: "0",
      intent: "draft",
      "q_1.1": "Y",
    });
    expect(await saveRobAssessment(ann, draft)).toMatchObject({ version: 1, submitted: false });
    await expect(saveRobAssessment(ann, { ...draft, version: 1, submit: true })).rejects.toThrow(
      /Not submitted: D1, D2, D3, D4, D5, the overall judgement have no judgement yet/,
    );
    let benView = (await studyRiskOfBias(ben, study)).units.find((u) => u.outcome === OUTCOME)!;
    expect([benView.others, benView.hiddenOthers]).toEqual([null, 0]);

    await assessAs(ann, study, LOW);
    benView = (await studyRiskOfBias(ben, study)).units.find((u) => u.outcome === OUTCOME)!;
    expect([benView.others, benView.hiddenOthers, benView.consensus]).toEqual([null, 1, null]);
    const seen = (await studyRiskOfBias(viewer, study)).units.find((u) => u.outcome === OUTCOME)!;
    expect(seen.others!.map((o) => [o.reviewer, o.judgments.overall, o.submitted])).toEqual([
      ["Ann Assessor", "low", true],
    ]);

    // Ben differs on D1 (and so overall): no consensus; now each sees the other's.
    await assessAs(ben, study, HIGH_D1);
    const annView = (await studyRiskOfBias(ann, study)).units.find((u) => u.outcome === OUTCOME)!;
    expect(annView.others!.map((o) => [o.reviewer, o.judgments.D1, o.judgments.overall])).toEqual([
      ["Ben Blind", "high", "high"],
    ]);
    expect(annView.consensus).toBeNull();

    // Ben agrees after all: the consensus follows, for everyone who has submitted.
    expect(await assessAs(ben, study, LOW)).toMatchObject({ version: 2, submitted: true, consensus: true });
    const after = (await studyRiskOfBias(ann, study)).units.find((u) => u.outcome === OUTCOME)!;
    expect(after.consensus).toMatchObject({ overall: "low", setBy: null, tool: "rob2" });
    expect(after.consensus!.judgments).toEqual({
      D1: "low",
      D2: "low",
      D3: "low",
      D4: "low",
      D5: "low",
      overall: "low",
    });
    const events = await db().auditEvent.findMany({
      where: { studyId: study, action: "rob.assess" },
      orderBy: { id: "asc" },
    });
    expect(events).toHaveLength(4);
    expect(events.at(-1)!.before).toMatchObject({
      judgments: { D1: "high", overall: "high" },
      submitted: true,
    });
    expect(events.at(-1)!.after).toMatchObject({
      judgments: { D1: "low" },
      consensus: { overall: "low", automatic: true },
    });
  });

  it("refuse a stale version, a tool the design does not take, a missing justification and viewers", async () => {
    const study = ids["[R1]"]!;
    const stale = SaveRobAssessmentSchema.parse({
      studyId: study,
      outcome: OUTCOME,
      tool: "rob2",
      variant: "assignment",
      version: "1",
      intent: "submit",
      ...LOW,
    });
    await expect(saveRobAssessment(ann, stale)).rejects.toThrow(/from another window/);
    const wrongTool = SaveRobAssessmentSchema.parse({
      studyId: ids["[R4]"]!,
      outcome: OUTCOME,
      tool: "rob2",
      variant: "assignment",
      version: "0",
      ...LOW,
    });
    await expect(saveRobAssessment(ann, wrongTool)).rejects.toThrow(/JBI Critical Appraisal Checklist/);
    const noReason = SaveRobAssessmentSchema.safeParse({
      studyId: study,
      outcome: OUTCOME,
      tool: "rob2",
      version: "2",
      ...LOW,
      ov_D2: "high",
    });
    expect(noReason.success).toBe(false);
    expect(noReason.error!.issues.map((i) => i.path.join("."))).toEqual(["just_D2"]);
    await expect(saveRobAssessment(viewer, stale)).rejects.toThrow(/role does not allow/);
  });

  it("an override with its justification moves the overall suggestion", async () => {
    const study = ids["[R2]"]!;
    await assessAs(ann, study, LOW, { ov_D3: "high", just_D3: "30% lost to follow-up, unevenly" });
    const mine = (await studyRiskOfBias(ann, study)).units.find((u) => u.outcome === OUTCOME)!.mine!;
    expect(mine.overrides).toEqual({
      D3: { judgment: "high", justification: "30% lost to follow-up, unevenly" },
    });
    expect([mine.judgments.D3, mine.judgments.overall]).toEqual(["high", "high"]);
  });

  it("is set by an admin, versioned, and handed back to the reviewers' agreement", async () => {
    const study = ids["[R2]"]!;
    const raw = (over: Record<string, string>) => ({
      studyId: study,
      outcome: OUTCOME,
      tool: "rob2",
      mode: "set",
      version: "0",
      c_D1: "low",
      c_D2: "low",
      c_D3: "high",
      c_D4: "low",
      c_D5: "low",
      c_overall: "high",
      note: "Attrition decided at the team meeting",
      ...over,
    });
    const form = (over: Record<string, string>) => RobConsensusSchema.parse(raw(over));
    // ROBINS-I's "serious" is not a RoB 2 judgement; every domain needs one.
    const wrong = RobConsensusSchema.safeParse(raw({ c_D3: "serious", c_D5: "" }));
    expect(wrong.error!.issues.map((i) => i.path.join("."))).toEqual(["c_D3", "c_D5"]);
    await setRobConsensus(admin, form({}));
    await expect(setRobConsensus(admin, form({}))).rejects.toThrow(/changed after you opened/);
    await expect(setRobConsensus(ann, form({ version: "1" }))).rejects.toThrow(/role does not allow/);
    const c = await db().robConsensus.findUniqueOrThrow({
      where: { studyId_outcome: { studyId: study, outcome: OUTCOME } },
    });
    expect([c.overall, c.setById, c.version]).toEqual(["high", admin.id, 1]);
    // Ben's agreeing assessment does not displace the admin's decision.
    await assessAs(ben, study, LOW, { ov_D3: "high", just_D3: "Attrition" });
    expect(
      (
        await db().robConsensus.findUniqueOrThrow({
          where: { studyId_outcome: { studyId: study, outcome: OUTCOME } },
        })
      ).setById,
    ).toBe(admin.id);
    await setRobConsensus(admin, form({ mode: "automatic", version: "1" }));
    const auto = await db().robConsensus.findUniqueOrThrow({
      where: { studyId_outcome: { studyId: study, outcome: OUTCOME } },
    });
    expect([auto.overall, auto.setById]).toEqual(["high", null]); // Ann and Ben agree: high
    const audit = await db().auditEvent.findMany({ where: { studyId: study, action: "rob.consensus" } });
    expect(audit.map((e) => (e.after as { automatic?: boolean }).automatic)).toEqual([false, true]);
  });
});

describe("plots, filter, sensitivity analysis and GRADE", () => {
  beforeAll(async () => {
    // [R3]: both reviewers low. Pool: R1 low, R2 high, R3 low.
    await assessAs(ann, ids["[R3]"]!, LOW);
    await assessAs(ben, ids["[R3]"]!, LOW);
  });
  const options = (over: Partial<Record<string, unknown>> = {}) =>
    RobPlotOptionsSchema.parse({ tool: "rob2", outcome: OUTCOME, ...over });
  const analysis = parseAnalysisOptions({ outcome: OUTCOME, method: "FE" }).options;

  it("draw the consensus, and weight the summary by the analysis as a hand calculation says", async () => {
    const plots = await riskOfBiasPlots(viewer, filter, options({ weighted: true }), analysis);
    expect(plots.trafficLight.rows.map((r) => [r.label, r.cells.at(-1)!.judgment])).toEqual([
      ["Alder 2019", "low"],
      ["Birch 2020", "high"],
      ["Cedar 2021", "low"],
    ]);
    // Fixed effect on the logit scale: v = 1/x + 1/(n − x), weight ∝ 1/v.
    // R1 10/40: v = 0.1 + 1/30 = 2/15, w = 7.5; R2 30/60: v = 1/15, w = 15; R3 5/20: v = 0.2 + 1/15 = 4/15, w = 3.75.
    const overall = plots.summary.columns.find((c) => c.id === "overall")!;
    const share = (j: string) => overall.shares.find((s) => s.judgment === j)!.share;
    expect(share("low")).toBeCloseTo((7.5 + 3.75) / 26.25, 10);
    expect(share("high")).toBeCloseTo(15 / 26.25, 10);
    expect(plots.robvisCsv.split("\n")[0]).toBe("Study,D1,D2,D3,D4,D5,Overall,Weight");
    expect(plots.robvisCsv).toContain("Birch 2020,Low,Low,High,Low,Low,High,57.14");
    const unweighted = await riskOfBiasPlots(viewer, filter, options(), analysis);
    const counts = unweighted.summary.columns.find((c) => c.id === "overall")!;
    expect(counts.shares.find((s) => s.judgment === "low")!.share).toBeCloseTo(2 / 3, 10);
    expect(unweighted.agreement.domains.find((d) => d.domainId === "D1")).toMatchObject({
      items: 3,
      shareEqual: 1,
    });
  });

  it("show a reviewer only the consensus of what they have submitted", async () => {
    const carl = await makeUser(db(), "reviewer");
    expect((await riskOfBiasPlots(carl, filter, options(), analysis)).trafficLight.rows).toEqual([]);
    const page = await analysisPage(carl, { disease: "ROBTEST", outcome: OUTCOME, method: "FE" });
    expect(page.result.studies.map((s) => s.row.robOverall)).toEqual([null, null, null]);
  });

  it("select by overall risk of bias, the Prisma where and the SQL predicate alike", async () => {
    for (const robOverall of [["high"], ["low"], ["none"], ["low", "none"], ["serious"]] as const) {
      for (const robReader of [null, ben.id, viewer.id]) {
        const f = { robOverall: [...robOverall], robReader };
        const prisma = (
          await db().study.findMany({
            where: { AND: [{ source: { name: SOURCE } }, ...robOverallWhere(f)] },
            select: { reference: true },
          })
        )
          .map((s) => s.reference)
          .sort();
        const where = robOverallSql(f);
        const sql = (
          await db().$queryRaw<{ reference: string }[]>`
            SELECT s.reference FROM studies s JOIN evidence_sources e ON e.id = s.source_id
             WHERE e.name = ${SOURCE} AND ${where[0]!}`
        )
          .map((s) => s.reference)
          .sort();
        expect(prisma, `${robOverall.join(",")} as ${robReader}`).toEqual(sql);
      }
    }
    const high = await db().study.findMany({
      where: { AND: [{ source: { name: SOURCE } }, ...robOverallWhere({ robOverall: ["high"] })] },
      select: { reference: true },
    });
    expect(high.map((s) => s.reference)).toEqual(["[R2]"]);
    // A reader who has submitted nothing (the viewer id stands for one) finds no consensus at all.
    const none = await db().study.findMany({
      where: {
        AND: [
          { source: { name: SOURCE } },
          ...robOverallWhere({ robOverall: ["none"], robReader: viewer.id }),
        ],
      },
    });
    expect(none).toHaveLength(5);
  });

  it("leave out the study at high risk in the sensitivity analysis, and grade the outcome", async () => {
    const page = await analysisPage(viewer, {
      disease: "ROBTEST",
      outcome: OUTCOME,
      method: "FE",
      sub: "rob",
    });
    const main = page.result.model!;
    const sens = page.sensitivity!;
    expect(sens.left.map((l) => [l.label, l.judgment])).toEqual([["[R2] · ROBTEST", "high"]]);
    expect(sens.result.model!.k).toBe(2);
    // Fixed effect without R2: (7.5·logit(0.25) + 3.75·logit(0.25)) / 11.25 = logit(0.25).
    expect(sens.result.model!.b[0]).toBeCloseTo(Math.log(1 / 3), 10);
    expect(main.b[0]).not.toBeCloseTo(sens.result.model!.b[0]!, 3);
    expect(page.result.subgroups!.groups.map((g) => g.key).sort()).toEqual(["High", "Low"]);

    const row = page.sof.rows.find((r) => r.outcome === OUTCOME)!;
    expect([row.k, row.participants, row.start]).toEqual([3, 120, "high"]);
    const rob = row.factors.find((f) => f.factor === "risk_of_bias")!;
    expect(rob.suggested).toBe(-2);
    expect(rob.reason).toContain(
      "57.1% of the weight comes from studies at high, serious or critical risk of bias",
    );
  });

  it("keep the team's decisions per outcome, versioned, with footnotes required for overrides", async () => {
    const form = (over: Record<string, string>) =>
      GradeRatingSchema.safeParse({ outcome: OUTCOME, version: "0", measure: "PLO", ...over });
    const missing = form({ d_risk_of_bias: "override", l_risk_of_bias: "-1" });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join("."))).toEqual(["f_risk_of_bias"]);
    expect(form({ threshold: "1.5" }).error!.issues[0]!.message).toMatch(/between 0 and 1/);
    const ok = form({
      threshold: "0.3",
      d_risk_of_bias: "override",
      l_risk_of_bias: "-1",
      f_risk_of_bias: "The high-risk study's attrition was balanced",
      d_dose_response: "override",
      l_dose_response: "1",
      f_dose_response: "Gradient across the three dose levels of R1",
    });
    await saveGradeRating(ann, ok.data!);
    await expect(saveGradeRating(ben, ok.data!)).rejects.toThrow(/rated this outcome after you opened/);
    const page = await analysisPage(viewer, { disease: "ROBTEST", outcome: OUTCOME, method: "FE" });
    const row = page.sof.rows.find((r) => r.outcome === OUTCOME)!;
    const rob = row.factors.find((f) => f.factor === "risk_of_bias")!;
    expect([rob.decision, rob.final, rob.footnote]).toEqual([
      "overridden",
      -1,
      "The high-risk study's attrition was balanced",
    ]);
    expect(row.rating).toMatchObject({ version: 1, threshold: 0.3, thresholdMeasure: "PLO" });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "grade.rate", entityId: OUTCOME },
    });
    expect(event.after).toMatchObject({ decisions: { risk_of_bias: { action: "override", level: -1 } } });
  });

  it("read a robvis file back into the same studies, and refuse a bad one whole", async () => {
    const plots = await riskOfBiasPlots(admin, filter, options(), analysis);
    const before = await db().robConsensus.count();
    const input = ImportRobvisSchema.parse({ tool: "rob2", outcome: OUTCOME, csv: plots.robvisCsv });
    expect(await importRobvis(admin, input)).toEqual({ imported: 3 });
    expect(await db().robConsensus.count()).toBe(before);
    const again = await riskOfBiasPlots(admin, filter, options(), analysis);
    expect(again.robvisCsv).toBe(plots.robvisCsv);
    const file = (rows: string) =>
      ImportRobvisSchema.parse({
        tool: "rob2",
        outcome: OUTCOME,
        csv: `Study,D1,D2,D3,D4,D5,Overall\n${rows}`,
      });
    await expect(
      importRobvis(
        admin,
        file("Alder 2019,Low,Low,Low,Low,Low,Low\n\nCedar 2021,Low,Low,Serious,Low,Low,Low\n"),
      ),
    ).rejects.toThrow(/line 4, column 4 \(D3\): "Serious" is not a robvis ROB2 judgement/);
    await expect(
      importRobvis(
        admin,
        file(
          "Alder 2019,Low,Low,Low,Low,Low,Low\nNobody 1999,Low,Low,Low,Low,Low,Low\nCedar 2021,Low,Low,Low,Low,Low,\n",
        ),
      ),
    ).rejects.toThrow(
      /line 3, column 1 \(Study\): "Nobody 1999" is not a study assessed with RoB 2.*line 4, column 7 \(Overall\): no judgement/,
    );
    const r1 = await db().robConsensus.findUniqueOrThrow({
      where: { studyId_outcome: { studyId: ids["[R1]"]!, outcome: OUTCOME } },
    });
    expect(r1.overall).toBe("low"); // nothing of the refused files was written
    await expect(importRobvis(ann, input)).rejects.toThrow(/role does not allow/);
  });
});
