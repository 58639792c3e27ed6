// RoB 2 for individually randomised parallel-group trials (Sterne et al., BMJ 2019;366:l4898),
// as data: its five domains, their signalling questions and when each is asked, and the
// published algorithms that map answers to a suggested judgement.
//
// Source of the algorithms: Higgins JPT, Savović J, Page MJ, Elbers RG, Sterne JAC. "Revised
// Cochrane risk-of-bias tool for randomized trials (RoB 2)", full guidance document of
// 22 August 2019 (riskofbias.info): the figure "Algorithm for suggested judgement of risk of
// bias …" that follows each domain's table of signalling questions, and its table of criteria.
// We read the figures through two independent transcriptions of that document (a Markdown
// transcription of the guidance's flowcharts, InfinityBowman/corates,
// packages/web/src/components/checklist/ROB2Checklist/scoring/decision-diagrams/, and the
// decision functions of rob-luke/risk-of-bias as ported in a second project, which cite the
// same guidance). The two agree on every branch they share; the second has no "adhering"
// variant of domain 2, which therefore rests on the flowchart transcription alone (it matches
// the criteria quoted below). The domain 1 and domain 2 flowcharts also agree with the guidance's table of criteria as reprinted in Syst Rev
// 2021;10:171, Table 2 (the only part of that table we could read). Where the criteria table
// and the flowchart could be read differently — domain 1 lists "no information to answer any
// of the signalling questions" under some concerns — the flowchart gives the same result
// (1.2 NI, then 1.3 NI → some concerns), so nothing had to be chosen between sources.
//
// Signalling-question wording is ours (the tool is CC BY-NC-ND), faithful to the guidance.
import {
  type Answers,
  type DomainDefinition,
  type DomainSuggestion,
  type OverallSuggestion,
  type Question,
  type Rob2Judgment,
  type ToolDefinition,
  type Variant,
} from "./types";
import { among, NI, NO, NO_NI, Walk, YES, YES_NI } from "./walk";

const ALWAYS = ["Y", "PY", "PN", "N", "NI"] as const;
const CONDITIONAL = ["NA", "Y", "PY", "PN", "N", "NI"] as const;

const SOURCE = "RoB 2 guidance, 22 August 2019";

function q(
  id: string,
  short: string,
  text: string,
  askedWhen: string | null,
  applies: (a: Answers) => boolean = () => true,
  answers: Question["answers"] = askedWhen === null ? ALWAYS : CONDITIONAL,
): Question {
  return { id, short, text, answers, askedWhen, applies };
}

// Domain 1 -------------------------------------------------------------------------------------

const D1_QUESTIONS: readonly Question[] = [
  q(
    "1.1",
    "Allocation sequence random?",
    "Was a random process used to generate the allocation sequence?",
    null,
  ),
  q(
    "1.2",
    "Allocation sequence concealed?",
    "Was the allocation sequence kept concealed until each participant had been enrolled and assigned to an intervention?",
    null,
  ),
  q(
    "1.3",
    "Baseline imbalances suggest a problem?",
    "Do differences between the intervention groups at baseline suggest that something went wrong with the randomisation?",
    null,
  ),
];

function judgeD1(a: Answers): DomainSuggestion<Rob2Judgment> {
  const w = new Walk<Rob2Judgment>(D1_QUESTIONS, a, `${SOURCE}, domain 1 algorithm`);
  const concealed = w.ask("1.2");
  if (!concealed) return w.unresolved();
  if (among(concealed, NO)) return w.done("high", "High: allocation not concealed (1.2 N/PN)");
  if (among(concealed, NI)) {
    const imbalance = w.ask("1.3");
    if (!imbalance) return w.unresolved();
    return among(imbalance, YES)
      ? w.done(
          "high",
          "High: no information on concealment (1.2 NI) and baseline imbalance suggests a problem (1.3 Y/PY)",
        )
      : w.done(
          "some_concerns",
          "Some concerns: no information on concealment (1.2 NI), no worrying imbalance (1.3 N/PN/NI)",
        );
  }
  const random = w.ask("1.1");
  if (!random) return w.unresolved();
  if (among(random, NO))
    return w.done("some_concerns", "Some concerns: concealed (1.2 Y/PY) but not random (1.1 N/PN)");
  const imbalance = w.ask("1.3");
  if (!imbalance) return w.unresolved();
  return among(imbalance, YES)
    ? w.done(
        "some_concerns",
        "Some concerns: concealed and random, but baseline imbalance suggests a problem (1.3 Y/PY)",
      )
    : w.done(
        "low",
        "Low: concealed (1.2 Y/PY), random or no information (1.1 Y/PY/NI), no worrying imbalance (1.3 N/PN/NI)",
      );
}

// Domain 2, effect of assignment to intervention -----------------------------------------------

const aware21 = q(
  "2.1",
  "Participants aware of intervention?",
  "Did participants know which intervention they had been assigned to during the trial?",
  null,
);
const aware22 = q(
  "2.2",
  "Personnel aware of intervention?",
  "Did carers and the people delivering the interventions know which intervention each participant had been assigned to during the trial?",
  null,
);
const eitherAware = (a: Answers) => among(a["2.1"], YES_NI) || among(a["2.2"], YES_NI);

const D2_ASSIGNMENT_QUESTIONS: readonly Question[] = (() => {
  const q23 = q(
    "2.3",
    "Deviations that arose because of the trial context?",
    "Were there deviations from the intended intervention that arose because of the trial context?",
    "if Y/PY/NI to 2.1 or 2.2",
    eitherAware,
  );
  const q24 = q(
    "2.4",
    "Deviations affect outcome?",
    "Were these deviations likely to have affected the outcome?",
    "if Y/PY to 2.3",
    (a) => q23.applies(a) && among(a["2.3"], YES),
  );
  const q25 = q(
    "2.5",
    "Deviations balanced between groups?",
    "Were these deviations from the intended intervention balanced between the intervention groups?",
    "if Y/PY/NI to 2.4",
    (a) => q24.applies(a) && among(a["2.4"], YES_NI),
  );
  const q26 = q(
    "2.6",
    "Appropriate analysis to estimate the effect of assignment?",
    "Was the analysis used appropriate to estimate the effect of assignment to intervention?",
    null,
  );
  const q27 = q(
    "2.7",
    "Substantial impact of the failure to analyse participants in randomised groups?",
    "Could failing to analyse participants in the group to which they were randomised have had a substantial impact on the result?",
    "if N/PN/NI to 2.6",
    (a) => among(a["2.6"], NO_NI),
  );
  return [aware21, aware22, q23, q24, q25, q26, q27];
})();

function judgeD2Assignment(a: Answers): DomainSuggestion<Rob2Judgment> {
  // The guidance judges two parts and combines them: low if both are low, high if either is
  // high, some concerns otherwise.
  const w = new Walk<Rob2Judgment>(D2_ASSIGNMENT_QUESTIONS, a, `${SOURCE}, domain 2 (assignment) algorithm`);
  const part1 = ((): Rob2Judgment | null => {
    const p = w.ask("2.1");
    const c = w.ask("2.2");
    if (!p || !c) return null;
    if (among(p, NO) && among(c, NO)) return "low";
    const context = w.ask("2.3");
    if (!context) return null;
    if (among(context, NO)) return "low";
    if (among(context, NI)) return "some_concerns";
    const affect = w.ask("2.4");
    if (!affect) return null;
    if (among(affect, NO)) return "some_concerns";
    const balanced = w.ask("2.5");
    if (!balanced) return null;
    return among(balanced, YES) ? "some_concerns" : "high";
  })();
  w.note(`Part 1 (2.1–2.5): ${part1 ?? "not determined"}`);
  const part2 = ((): Rob2Judgment | null => {
    const analysis = w.ask("2.6");
    if (!analysis) return null;
    if (among(analysis, YES)) return "low";
    const impact = w.ask("2.7");
    if (!impact) return null;
    return among(impact, NO) ? "some_concerns" : "high";
  })();
  w.note(`Part 2 (2.6–2.7): ${part2 ?? "not determined"}`);
  if (part1 === "high" || part2 === "high") return w.done("high", "High: high risk in part 1 or part 2");
  if (part1 === null || part2 === null) return w.unresolved();
  if (part1 === "low" && part2 === "low") return w.done("low", "Low: both parts low");
  return w.done("some_concerns", "Some concerns: some concerns in a part and high in neither");
}

// Domain 2, effect of adhering to intervention ----------------------------------------------------

const D2_ADHERING_QUESTIONS: readonly Question[] = (() => {
  // 2.3–2.5 are each asked only if the preliminary considerations say the assessment addresses
  // that kind of deviation; NA then means "not addressed", and the flowchart reads it as such.
  const q23 = q(
    "2.3",
    "Balanced non-protocol interventions?",
    "[If applicable] Were important non-protocol interventions balanced across the intervention groups?",
    "if Y/PY/NI to 2.1 or 2.2",
    eitherAware,
  );
  const q24 = q(
    "2.4",
    "Failures in implementation affecting outcome?",
    "[If applicable] Were there failures in implementing the intervention that could have affected the outcome?",
    null,
    () => true,
    CONDITIONAL,
  );
  const q25 = q(
    "2.5",
    "Non-adherence affecting outcome?",
    "[If applicable] Was there non-adherence to the assigned intervention regimen that could have affected participants' outcomes?",
    null,
    () => true,
    CONDITIONAL,
  );
  const q26 = q(
    "2.6",
    "Appropriate analysis to estimate the effect of adhering?",
    "Was the analysis used appropriate to estimate the effect of adhering to the intervention?",
    "if N/PN/NI to 2.3, or Y/PY/NI to 2.4 or 2.5",
    (a) => (q23.applies(a) && among(a["2.3"], NO_NI)) || among(a["2.4"], YES_NI) || among(a["2.5"], YES_NI),
  );
  return [aware21, aware22, q23, q24, q25, q26];
})();

function judgeD2Adhering(a: Answers): DomainSuggestion<Rob2Judgment> {
  const w = new Walk<Rob2Judgment>(D2_ADHERING_QUESTIONS, a, `${SOURCE}, domain 2 (adhering) algorithm`);
  const p = w.ask("2.1");
  const c = w.ask("2.2");
  if (!p || !c) return w.unresolved();
  let toAnalysis = false;
  if (!(among(p, NO) && among(c, NO))) {
    const balanced = w.ask("2.3", { naIsAnswer: true });
    if (!balanced) return w.unresolved();
    toAnalysis = among(balanced, NO_NI);
  }
  if (!toAnalysis) {
    const failures = w.ask("2.4", { naIsAnswer: true });
    const adherence = w.ask("2.5", { naIsAnswer: true });
    if (!failures || !adherence) return w.unresolved();
    if (!among(failures, YES_NI) && !among(adherence, YES_NI)) {
      return w.done("low", "Low: no deviation problem on the questions addressed (2.4 and 2.5 NA/N/PN)");
    }
  }
  const analysis = w.ask("2.6");
  if (!analysis) return w.unresolved();
  return among(analysis, YES)
    ? w.done("some_concerns", "Some concerns: deviations that matter, but an appropriate analysis (2.6 Y/PY)")
    : w.done("high", "High: deviations that matter and no appropriate analysis (2.6 N/PN/NI)");
}

// Domain 3 -------------------------------------------------------------------------------------

const D3_QUESTIONS: readonly Question[] = (() => {
  const q31 = q(
    "3.1",
    "Outcome data for all or nearly all participants?",
    "Were data on this outcome available for all, or nearly all, of the participants who were randomised?",
    null,
  );
  const q32 = q(
    "3.2",
    "Evidence that result is not biased?",
    "Is there evidence that the result was not biased by the missing outcome data?",
    "if N/PN/NI to 3.1",
    (a) => among(a["3.1"], NO_NI),
    ["NA", "Y", "PY", "PN", "N"], // the guidance offers no NI here
  );
  const q33 = q(
    "3.3",
    "Missingness could depend on true value?",
    "Could whether the outcome is missing depend on its true value?",
    "if N/PN to 3.2",
    (a) => q32.applies(a) && among(a["3.2"], NO),
  );
  const q34 = q(
    "3.4",
    "Likely that missingness depended on true value?",
    "Is it likely that whether the outcome is missing depended on its true value?",
    "if Y/PY/NI to 3.3",
    (a) => q33.applies(a) && among(a["3.3"], YES_NI),
  );
  return [q31, q32, q33, q34];
})();

function judgeD3(a: Answers): DomainSuggestion<Rob2Judgment> {
  const w = new Walk<Rob2Judgment>(D3_QUESTIONS, a, `${SOURCE}, domain 3 algorithm`);
  const complete = w.ask("3.1");
  if (!complete) return w.unresolved();
  if (among(complete, YES)) return w.done("low", "Low: data for all or nearly all participants (3.1 Y/PY)");
  const evidence = w.ask("3.2");
  if (!evidence) return w.unresolved();
  if (among(evidence, YES)) return w.done("low", "Low: evidence that the result is not biased (3.2 Y/PY)");
  const could = w.ask("3.3");
  if (!could) return w.unresolved();
  if (among(could, NO))
    return w.done("low", "Low: missingness could not depend on the true value (3.3 N/PN)");
  const likely = w.ask("3.4");
  if (!likely) return w.unresolved();
  return among(likely, NO)
    ? w.done(
        "some_concerns",
        "Some concerns: missingness could, but probably did not, depend on the true value (3.4 N/PN)",
      )
    : w.done("high", "High: missingness likely depended on the true value (3.4 Y/PY/NI)");
}

// Domain 4 -------------------------------------------------------------------------------------

const D4_QUESTIONS: readonly Question[] = (() => {
  const q41 = q(
    "4.1",
    "Method of measuring the outcome inappropriate?",
    "Was the outcome measured by an inappropriate method?",
    null,
  );
  const q42 = q(
    "4.2",
    "Measurement or ascertainment of outcome differ between groups?",
    "Could the outcome have been measured or ascertained differently in the intervention groups?",
    null,
  );
  const q43 = q(
    "4.3",
    "Outcome assessors aware of intervention received?",
    "Did the outcome assessors know which intervention the participants received?",
    "if N/PN/NI to 4.1 and 4.2",
    (a) => among(a["4.1"], NO_NI) && among(a["4.2"], NO_NI),
  );
  const q44 = q(
    "4.4",
    "Could assessment have been influenced by knowledge of intervention?",
    "Could knowing the intervention received have influenced the assessment of the outcome?",
    "if Y/PY/NI to 4.3",
    (a) => q43.applies(a) && among(a["4.3"], YES_NI),
  );
  const q45 = q(
    "4.5",
    "Likely that assessment was influenced by knowledge of intervention?",
    "Is it likely that knowing the intervention received did influence the assessment of the outcome?",
    "if Y/PY/NI to 4.4",
    (a) => q44.applies(a) && among(a["4.4"], YES_NI),
  );
  return [q41, q42, q43, q44, q45];
})();

function judgeD4(a: Answers): DomainSuggestion<Rob2Judgment> {
  const w = new Walk<Rob2Judgment>(D4_QUESTIONS, a, `${SOURCE}, domain 4 algorithm`);
  const method = w.ask("4.1");
  if (!method) return w.unresolved();
  if (among(method, YES)) return w.done("high", "High: inappropriate method of measurement (4.1 Y/PY)");
  const differ = w.ask("4.2");
  if (!differ) return w.unresolved();
  if (among(differ, YES)) return w.done("high", "High: measurement could differ between groups (4.2 Y/PY)");
  // 4.2 N/PN and 4.2 NI lead to the same questions; with NI the best result is some concerns.
  const best: Rob2Judgment = among(differ, NI) ? "some_concerns" : "low";
  const why = among(differ, NI) ? " but no information on differences between groups (4.2 NI)" : "";
  const aware = w.ask("4.3");
  if (!aware) return w.unresolved();
  if (among(aware, NO)) return w.done(best, `${label(best)}: assessors unaware (4.3 N/PN)${why}`);
  const could = w.ask("4.4");
  if (!could) return w.unresolved();
  if (among(could, NO))
    return w.done(best, `${label(best)}: knowledge could not influence assessment (4.4 N/PN)${why}`);
  const likely = w.ask("4.5");
  if (!likely) return w.unresolved();
  return among(likely, NO)
    ? w.done(
        "some_concerns",
        "Some concerns: knowledge could have, but probably did not, influence assessment (4.5 N/PN)",
      )
    : w.done("high", "High: assessment likely influenced by knowledge of the intervention (4.5 Y/PY/NI)");
}

function label(j: Rob2Judgment): string {
  return j === "low" ? "Low" : j === "high" ? "High" : "Some concerns";
}

// Domain 5 -------------------------------------------------------------------------------------

const D5_QUESTIONS: readonly Question[] = [
  q(
    "5.1",
    "Analysed in accordance with a pre-specified plan?",
    "Were the data that produced this result analysed according to a pre-specified analysis plan that was finalised before unblinded outcome data were available for analysis?",
    null,
  ),
  q(
    "5.2",
    "Result selected from multiple outcome measurements?",
    "Is the numerical result likely to have been chosen, on the basis of the results, from several eligible outcome measurements (scales, definitions, time points) within the outcome domain?",
    null,
  ),
  q(
    "5.3",
    "Result selected from multiple analyses?",
    "Is the numerical result likely to have been chosen, on the basis of the results, from several eligible analyses of the data?",
    null,
  ),
];

function judgeD5(a: Answers): DomainSuggestion<Rob2Judgment> {
  const w = new Walk<Rob2Judgment>(D5_QUESTIONS, a, `${SOURCE}, domain 5 algorithm`);
  const measurements = w.ask("5.2");
  const analyses = w.ask("5.3");
  if (among(measurements, YES) || among(analyses, YES)) {
    return w.done("high", "High: result likely selected (5.2 or 5.3 Y/PY)");
  }
  if (!measurements || !analyses) return w.unresolved();
  if (among(measurements, NI) || among(analyses, NI)) {
    return w.done(
      "some_concerns",
      "Some concerns: no information on selection for at least one of 5.2, 5.3 (neither Y/PY)",
    );
  }
  const plan = w.ask("5.1");
  if (!plan) return w.unresolved();
  return among(plan, YES)
    ? w.done("low", "Low: no selection (5.2 and 5.3 N/PN) and a pre-specified plan (5.1 Y/PY)")
    : w.done(
        "some_concerns",
        "Some concerns: no selection (5.2 and 5.3 N/PN) but no pre-specified plan (5.1 N/PN/NI)",
      );
}

// The tool ---------------------------------------------------------------------------------------

const D1: DomainDefinition<Rob2Judgment> = {
  id: "D1",
  short: "Randomisation process",
  name: "Bias arising from the randomisation process",
  questions: D1_QUESTIONS,
  judge: judgeD1,
};
const D2_NAME = "Bias due to deviations from intended interventions";
const D2_ASSIGNMENT: DomainDefinition<Rob2Judgment> = {
  id: "D2",
  short: "Deviations from intended interventions",
  name: `${D2_NAME} (effect of assignment to intervention)`,
  questions: D2_ASSIGNMENT_QUESTIONS,
  judge: judgeD2Assignment,
};
const D2_ADHERING: DomainDefinition<Rob2Judgment> = {
  id: "D2",
  short: "Deviations from intended interventions",
  name: `${D2_NAME} (effect of adhering to intervention)`,
  questions: D2_ADHERING_QUESTIONS,
  judge: judgeD2Adhering,
};
const D3: DomainDefinition<Rob2Judgment> = {
  id: "D3",
  short: "Missing outcome data",
  name: "Bias due to missing outcome data",
  questions: D3_QUESTIONS,
  judge: judgeD3,
};
const D4: DomainDefinition<Rob2Judgment> = {
  id: "D4",
  short: "Measurement of the outcome",
  name: "Bias in measurement of the outcome",
  questions: D4_QUESTIONS,
  judge: judgeD4,
};
const D5: DomainDefinition<Rob2Judgment> = {
  id: "D5",
  short: "Selection of the reported result",
  name: "Bias in selection of the reported result",
  questions: D5_QUESTIONS,
  judge: judgeD5,
};

/**
 * Overall: low if every domain is low, high if any is high, some concerns otherwise (guidance,
 * "Overall risk-of-bias judgement"). The guidance also allows high when some concerns in several
 * domains substantially lower confidence in the result; that needs a reviewer, so the algorithm
 * keeps some concerns and sets `multipleSomeConcerns`.
 */
export function rob2Overall(
  judgments: readonly { domainId: string; judgment: Rob2Judgment | null }[],
): OverallSuggestion<Rob2Judgment> {
  const high = judgments.filter((j) => j.judgment === "high").map((j) => j.domainId);
  const missing = judgments.filter((j) => j.judgment === null).map((j) => j.domainId);
  const concerns = judgments.filter((j) => j.judgment === "some_concerns").map((j) => j.domainId);
  const multipleSomeConcerns = high.length === 0 && concerns.length >= 2;
  if (high.length > 0) {
    return {
      suggested: "high",
      reasons: [`High: high risk of bias in ${high.join(", ")} (overall: high if any domain is high)`],
      multipleSomeConcerns: false,
    };
  }
  if (missing.length > 0) {
    return {
      suggested: null,
      reasons: [`no suggestion: ${missing.join(", ")} without a judgement, and no domain is high`],
      multipleSomeConcerns,
    };
  }
  if (concerns.length > 0) {
    const reasons = [`Some concerns: some concerns in ${concerns.join(", ")} and no domain high`];
    if (multipleSomeConcerns) {
      reasons.push(
        `some concerns in ${concerns.length} domains: the guidance allows an overall high judgement when these together substantially lower confidence in the result — reviewers decide`,
      );
    }
    return { suggested: "some_concerns", reasons, multipleSomeConcerns };
  }
  return { suggested: "low", reasons: ["Low: every domain is low"], multipleSomeConcerns: false };
}

export const ROB2: ToolDefinition<Rob2Judgment> = {
  id: "rob2",
  name: "RoB 2 (individually randomised parallel-group trials)",
  citation:
    "Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk of bias in randomised trials. BMJ 2019;366:l4898; full guidance of 22 August 2019 (Higgins, Savović, Page, Elbers, Sterne).",
  variants: ["assignment", "adhering"],
  domainJudgments: ["low", "some_concerns", "high"],
  overallJudgments: ["low", "some_concerns", "high"],
  robvis: "ROB2",
  domains(variant: Variant | null) {
    return [D1, variant === "adhering" ? D2_ADHERING : D2_ASSIGNMENT, D3, D4, D5];
  },
  overall: rob2Overall,
};
