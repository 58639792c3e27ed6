// ROBINS-I for non-randomised studies of interventions (Sterne et al., BMJ 2016;355:i4919), as
// data: its seven domains, their signalling questions and when each is asked, and the app's
// mapping from answers to a suggested judgement.
//
// Which version, and why: the 2016 tool gives signalling questions and, per domain, criteria for
// each judgement in words ("Reaching risk of bias judgements", Tables 5–11 of the 2016 detailed
// guidance, Sterne, Higgins, Elbers, Reeves; reprinted in the BMJ paper and in e.g. Cochrane
// review CD013253), but no algorithm. ROBINS-I V2 adds algorithms, but we could not read them
// reliably: only third-party transcriptions were available, the two we found disagree on the
// numbering of domain 1 and one has a flowchart node that no branch reaches; V2 also changes the
// domain order and answer options (weak/strong no, strong/weak yes), and riskofbias.info still
// called it a draft subject to revision. So this module implements the 2016 tool, and the
// mapping below is ours: each rule names the 2016 criterion it encodes.
//
// Principles of the mapping (documented here because the criteria are words, not a table):
// - A suggestion is given only where the answers select one criterion. Where the criteria turn
//   on degree ("very strongly", "substantially", "slight"), the algorithm suggests the criterion
//   the answers fit by default and lists the neighbours in `consider`, or gives no suggestion.
// - Critical is never suggested: every critical criterion needs something the questions do not
//   ask (confounding inherently uncontrollable, negative controls, "substantial" deviations,
//   "extremely high" misclassification). Paths that end in serious list critical in `consider`.
// - A known problem decides even when other answers are missing or NI, since more information
//   could only make the judgement worse; otherwise a missing or NI answer that could change the
//   judgement gives no suggestion, and "no information" is suggested where the criteria's own
//   "No information" row is met.
//
// Signalling-question wording is ours (the tool is CC BY-NC-ND), faithful to the 2016 tool.
import {
  type Answers,
  type DomainDefinition,
  type DomainSuggestion,
  type OverallSuggestion,
  type Question,
  type RobinsIJudgment,
  type ToolDefinition,
  type Variant,
} from "./types";
import { among, NI, NO, Walk, YES } from "./walk";

const ALWAYS = ["Y", "PY", "PN", "N", "NI"] as const;
const CONDITIONAL = ["NA", "Y", "PY", "PN", "N", "NI"] as const;

const CRITERIA = "ROBINS-I 2016 criteria, app mapping";

function q(
  id: string,
  short: string,
  text: string,
  askedWhen: string | null,
  applies: (a: Answers) => boolean = () => true,
): Question {
  return { id, short, text, answers: askedWhen === null ? ALWAYS : CONDITIONAL, askedWhen, applies };
}

// Domain 1: confounding --------------------------------------------------------------------------
// Low: no confounding expected. Moderate: confounding expected, all known important domains
// appropriately measured and controlled for, and measurement reliable and valid enough that no
// serious residual confounding is expected. Serious: (i) at least one known important domain not
// appropriately measured or not controlled for, or (ii) measurement of an important domain
// unreliable or invalid enough to expect serious residual confounding. Critical: confounding
// inherently not controllable, or negative controls strongly suggest unmeasured confounding.
// No information: none on whether confounding might be present.

const D1_QUESTIONS: readonly Question[] = (() => {
  // The 2016 template offers Y/PY/PN/N for 1.1; we also accept NI so that the criteria's
  // "No information" row ("no information on whether confounding might be present") is reachable.
  const q11 = q(
    "1.1",
    "Potential for confounding?",
    "Could the effect of intervention in this study be confounded?",
    null,
  );
  const q12 = q(
    "1.2",
    "Follow-up split by intervention received?",
    "Was the analysis based on splitting participants' follow-up time according to the intervention they received?",
    "if Y/PY to 1.1",
    (a) => among(a["1.1"], YES),
  );
  const q13 = q(
    "1.3",
    "Switches related to prognostic factors?",
    "Were discontinuations of, or switches between, interventions likely to be related to factors that predict the outcome?",
    "if Y/PY to 1.2",
    (a) => q12.applies(a) && among(a["1.2"], YES),
  );
  const baseline = (a: Answers) =>
    q12.applies(a) && (among(a["1.2"], NO) || (q13.applies(a) && among(a["1.3"], NO)));
  const timeVarying = (a: Answers) => q13.applies(a) && among(a["1.3"], YES);
  const q14 = q(
    "1.4",
    "All important confounding domains controlled?",
    "Did the authors use an appropriate analysis method that controlled for all the important confounding domains?",
    "if N/PN to 1.2 or to 1.3 (baseline confounding only)",
    baseline,
  );
  const q15 = q(
    "1.5",
    "Confounders measured validly and reliably?",
    "Were the confounding domains that were controlled for measured validly and reliably by the variables available?",
    "if Y/PY to 1.4",
    (a) => baseline(a) && among(a["1.4"], YES),
  );
  const q16 = q(
    "1.6",
    "Post-intervention variables controlled for?",
    "Did the authors adjust for any variable measured after the start of intervention that the intervention could have affected?",
    "if N/PN to 1.2 or to 1.3 (baseline confounding only)",
    baseline,
  );
  const q17 = q(
    "1.7",
    "Baseline and time-varying confounding controlled?",
    "Did the authors use an appropriate analysis method that controlled for all the important confounding domains and for time-varying confounding?",
    "if Y/PY to 1.3 (baseline and time-varying confounding)",
    timeVarying,
  );
  const q18 = q(
    "1.8",
    "Confounders measured validly and reliably?",
    "Were the confounding domains that were controlled for measured validly and reliably by the variables available?",
    "if Y/PY to 1.7",
    (a) => timeVarying(a) && among(a["1.7"], YES),
  );
  return [q11, q12, q13, q14, q15, q16, q17, q18];
})();

function judgeD1(a: Answers): DomainSuggestion<RobinsIJudgment> {
  const w = new Walk<RobinsIJudgment>(D1_QUESTIONS, a, `${CRITERIA}, domain 1`);
  const potential = w.ask("1.1");
  if (!potential) return w.unresolved();
  if (among(potential, NO)) return w.done("low", "Low: no confounding expected (1.1 N/PN)");
  if (among(potential, NI)) {
    return w.done("no_information", "No information on whether confounding might be present (1.1 NI)");
  }
  const split = w.ask("1.2");
  if (!split) return w.unresolved();
  if (among(split, NI))
    return w.unresolved("whether time-varying confounding must be assessed is unknown (1.2 NI)");
  let timeVarying = false;
  if (among(split, YES)) {
    const switches = w.ask("1.3");
    if (!switches) return w.unresolved();
    if (among(switches, NI))
      return w.unresolved("whether time-varying confounding must be assessed is unknown (1.3 NI)");
    timeVarying = among(switches, YES);
  }
  const [controlId, reliableId] = timeVarying ? ["1.7", "1.8"] : ["1.4", "1.5"];
  const control = w.ask(controlId);
  const reliable = among(control, YES) ? w.ask(reliableId) : undefined;
  const post = timeVarying ? undefined : w.ask("1.6");
  const problems: string[] = [];
  if (among(control, NO))
    problems.push(`important confounding domains not all controlled (${controlId} N/PN): Serious (i)`);
  if (among(reliable, NO))
    problems.push(`confounders not measured validly and reliably (${reliableId} N/PN): Serious (ii)`);
  // The criteria do not name 1.6; adjusting for a variable the intervention could affect is not
  // "appropriately controlled for" (Moderate (i) fails), so the app reads it as Serious (i).
  if (among(post, YES))
    problems.push(
      "adjustment for post-intervention variables (1.6 Y/PY): not appropriate control, Serious (i)",
    );
  if (problems.length > 0) return w.done("serious", `Serious: ${problems.join("; ")}`, ["critical"]);
  const unknown =
    !control ||
    among(control, NI) ||
    (among(control, YES) && (!reliable || among(reliable, NI))) ||
    (!timeVarying && (!post || among(post, NI)));
  if (unknown)
    return w.unresolved("moderate or serious depends on answers that are missing or NI", [
      "moderate",
      "serious",
    ]);
  return w.done(
    "moderate",
    `Moderate: confounding expected, all important domains controlled (${controlId} Y/PY) with valid, reliable measures (${reliableId} Y/PY)${timeVarying ? "" : ", no post-intervention adjustment (1.6 N/PN)"}`,
    ["critical"],
  );
}

// Domain 2: selection of participants into the study ---------------------------------------------
// Low: all participants who would have been eligible for the target trial were included, and
// start of follow-up and start of intervention coincided. Moderate: selection may have been
// related to intervention and outcome but the authors used appropriate methods to adjust; or
// start of follow-up and of intervention do not coincide for all, but (a) too few to matter,
// (b) appropriate adjustment, or (c) the rate ratio is constant over time. Serious: selection
// related (not very strongly) to intervention and outcome and not adjusted for; or start of
// follow-up and of intervention do not coincide, important follow-up time is missing and the
// rate ratio is not constant. Critical: selection very strongly related to intervention and
// outcome, not adjusted for. No information: none on selection into the study or on whether
// start of follow-up and of intervention coincide.

const D2_QUESTIONS: readonly Question[] = (() => {
  const q21 = q(
    "2.1",
    "Selection based on characteristics after start of intervention?",
    "Was selection of participants into the study (or into the analysis) based on characteristics observed after the start of intervention?",
    null,
  );
  const q22 = q(
    "2.2",
    "Those characteristics associated with intervention?",
    "Were the post-intervention variables that influenced selection likely to be associated with the intervention?",
    "if Y/PY to 2.1",
    (a) => among(a["2.1"], YES),
  );
  const q23 = q(
    "2.3",
    "Those characteristics influenced by the outcome?",
    "Were the post-intervention variables that influenced selection likely to be influenced by the outcome or by a cause of the outcome?",
    "if Y/PY to 2.2",
    (a) => q22.applies(a) && among(a["2.2"], YES),
  );
  const q24 = q(
    "2.4",
    "Start of follow-up and intervention coincide?",
    "Do start of follow-up and start of intervention coincide for most participants?",
    null,
  );
  const q25 = q(
    "2.5",
    "Adjustment for selection biases?",
    "Were adjustment techniques used that are likely to correct for the presence of selection biases?",
    "if Y/PY to 2.2 and 2.3, or N/PN to 2.4",
    (a) => (q23.applies(a) && among(a["2.3"], YES)) || among(a["2.4"], NO),
  );
  return [q21, q22, q23, q24, q25];
})();

type Status = "none" | "problem" | "unknown";

function judgeD2(a: Answers): DomainSuggestion<RobinsIJudgment> {
  const w = new Walk<RobinsIJudgment>(D2_QUESTIONS, a, `${CRITERIA}, domain 2`);
  const s1 = w.ask("2.1");
  const selection = ((): Status => {
    if (!s1 || among(s1, NI)) return "unknown";
    if (among(s1, NO)) return "none";
    const s2 = w.ask("2.2");
    if (!s2 || among(s2, NI)) return "unknown";
    if (among(s2, NO)) return "none";
    const s3 = w.ask("2.3");
    if (!s3 || among(s3, NI)) return "unknown";
    return among(s3, NO) ? "none" : "problem";
  })();
  const t = w.ask("2.4");
  const timing: Status = !t || among(t, NI) ? "unknown" : among(t, NO) ? "problem" : "none";
  if (selection === "none" && timing === "none") {
    return w.done(
      "low",
      "Low: no selection on post-intervention characteristics that relate to intervention and outcome, and follow-up starts with intervention (2.4 Y/PY)",
    );
  }
  if (selection === "problem" || timing === "problem") {
    const what = [
      selection === "problem" ? "selection related to intervention and outcome (2.1–2.3 Y/PY)" : null,
      timing === "problem" ? "follow-up and intervention do not start together (2.4 N/PN)" : null,
    ]
      .filter((x): x is string => x !== null)
      .join(" and ");
    const adjusted = w.ask("2.5");
    if (among(adjusted, NO)) {
      const consider: RobinsIJudgment[] = [];
      if (selection === "problem") consider.push("critical"); // "very strongly related"
      if (timing === "problem") consider.push("moderate"); // (a) too few, (c) constant rate ratio
      return w.done("serious", `Serious: ${what}, not adjusted for (2.5 N/PN)`, consider);
    }
    if (among(adjusted, YES)) {
      if (selection !== "unknown" && timing !== "unknown") {
        return w.done("moderate", `Moderate: ${what}, with adjustment likely to correct it (2.5 Y/PY)`);
      }
      return w.unresolved("the other part of the domain is unanswered or NI", ["moderate", "serious"]);
    }
    return w.unresolved("whether the selection bias was adjusted for is unknown (2.5)", [
      "moderate",
      "serious",
    ]);
  }
  if (among(s1, NI) && among(t, NI)) {
    return w.done(
      "no_information",
      "No information on selection into the study (2.1 NI) or on the start of follow-up (2.4 NI)",
    );
  }
  return w.unresolved("low or worse depends on answers that are missing or NI", [
    "low",
    "moderate",
    "serious",
  ]);
}

// Domain 3: classification of interventions -------------------------------------------------------
// Low: intervention status well defined and based solely on information collected at the time
// of intervention. Moderate: well defined, but some aspects of assignment determined
// retrospectively. Serious: not well defined, or major aspects determined in a way that could
// have been affected by knowledge of the outcome. Critical (unusual): extremely high
// misclassification. No information: no definition of the intervention, or no explanation of
// the source of information about intervention status.

const D3_QUESTIONS: readonly Question[] = [
  q("3.1", "Intervention groups clearly defined?", "Were the intervention groups clearly defined?", null),
  q(
    "3.2",
    "Information recorded at start of intervention?",
    "Was the information used to define the intervention groups recorded at the start of the intervention?",
    null,
  ),
  q(
    "3.3",
    "Classification affected by knowledge of the outcome?",
    "Could knowledge of the outcome, or of the risk of the outcome, have affected how intervention status was classified?",
    null,
  ),
];

function judgeD3(a: Answers): DomainSuggestion<RobinsIJudgment> {
  const w = new Walk<RobinsIJudgment>(D3_QUESTIONS, a, `${CRITERIA}, domain 3`);
  const defined = w.ask("3.1");
  const recorded = w.ask("3.2");
  const knowledge = w.ask("3.3");
  if (among(defined, NO))
    return w.done("serious", "Serious: intervention status not well defined (3.1 N/PN)", ["critical"]);
  if (among(knowledge, YES)) {
    return w.done(
      "serious",
      "Serious: classification could have been affected by knowledge of the outcome (3.3 Y/PY)",
      ["critical"],
    );
  }
  if (among(defined, NI) || among(recorded, NI)) {
    return w.done(
      "no_information",
      "No information: no definition of the intervention (3.1 NI) or of the source of intervention status (3.2 NI)",
    );
  }
  if (!defined || !recorded || !knowledge) return w.unresolved();
  if (among(knowledge, NI)) {
    return w.unresolved("whether knowledge of the outcome affected classification is unknown (3.3 NI)", [
      "low",
      "moderate",
      "serious",
    ]);
  }
  return among(recorded, YES)
    ? w.done(
        "low",
        "Low: well defined (3.1 Y/PY), recorded at the start of intervention (3.2 Y/PY), not affected by the outcome (3.3 N/PN)",
      )
    : w.done(
        "moderate",
        "Moderate: well defined, but determined retrospectively (3.2 N/PN) in a way not affected by the outcome (3.3 N/PN)",
      );
}

// Domain 4: deviations from intended interventions ----------------------------------------------
// Effect of assignment — Low: deviations reflected usual practice, or deviations from usual
// practice were unlikely to affect the outcome. Moderate: deviations from usual practice with
// an expected slight impact. Serious: deviations from usual practice, unbalanced between groups
// and likely to have affected the outcome. Critical: substantial such deviations.
// Effect of starting and adhering — Low: important co-interventions balanced, no deviations in
// implementation or adherence likely to affect the outcome. Moderate: (i) deviations with slight
// expected impact, or (ii) imbalanced co-interventions or deviations likely to matter, but an
// analysis appropriate to estimate the effect of starting and adhering. Serious: the same
// problems without such an analysis. Critical: substantial imbalance or deviations, no such
// analysis. No information: none on whether there was deviation from the intended intervention.

const D4_ASSIGNMENT_QUESTIONS: readonly Question[] = (() => {
  const q41 = q(
    "4.1",
    "Deviations beyond usual practice?",
    "Were there deviations from the intended intervention beyond what would be expected in usual practice?",
    null,
  );
  const q42 = q(
    "4.2",
    "Deviations unbalanced and affecting the outcome?",
    "Were these deviations unbalanced between the groups and likely to have affected the outcome?",
    "if Y/PY to 4.1",
    (a) => among(a["4.1"], YES),
  );
  return [q41, q42];
})();

function judgeD4Assignment(a: Answers): DomainSuggestion<RobinsIJudgment> {
  const w = new Walk<RobinsIJudgment>(D4_ASSIGNMENT_QUESTIONS, a, `${CRITERIA}, domain 4 (assignment)`);
  const beyond = w.ask("4.1");
  if (!beyond) return w.unresolved();
  if (among(beyond, NO)) return w.done("low", "Low: deviations, if any, reflected usual practice (4.1 N/PN)");
  if (among(beyond, NI))
    return w.done("no_information", "No information on deviations from the intended intervention (4.1 NI)");
  const matter = w.ask("4.2");
  if (!matter) return w.unresolved();
  if (among(matter, YES)) {
    return w.done(
      "serious",
      "Serious: deviations beyond usual practice, unbalanced and likely to affect the outcome (4.2 Y/PY)",
      ["critical"],
    );
  }
  if (among(matter, NO)) {
    // 4.2 N/PN joins "balanced" and "unlikely to affect the outcome"; only the latter meets
    // Low (ii), so the app suggests the criterion that fits both, Moderate, and lists Low.
    return w.done(
      "moderate",
      "Moderate: deviations beyond usual practice that are balanced or unlikely to affect the outcome (4.2 N/PN)",
      ["low"],
    );
  }
  return w.unresolved("whether the deviations were unbalanced and mattered is unknown (4.2 NI)", [
    "moderate",
    "serious",
  ]);
}

const D4_ADHERING_QUESTIONS: readonly Question[] = (() => {
  const q43 = q(
    "4.3",
    "Co-interventions balanced?",
    "Were important co-interventions balanced across the intervention groups?",
    null,
  );
  const q44 = q(
    "4.4",
    "Implemented successfully?",
    "Was the intervention implemented successfully for most participants?",
    null,
  );
  const q45 = q(
    "4.5",
    "Participants adhered?",
    "Did participants adhere to the assigned intervention regimen?",
    null,
  );
  const q46 = q(
    "4.6",
    "Appropriate analysis of starting and adhering?",
    "Was the analysis appropriate to estimate the effect of starting and adhering to the intervention?",
    "if N/PN to 4.3, 4.4 or 4.5",
    (a) => among(a["4.3"], NO) || among(a["4.4"], NO) || among(a["4.5"], NO),
  );
  return [q43, q44, q45, q46];
})();

function judgeD4Adhering(a: Answers): DomainSuggestion<RobinsIJudgment> {
  const w = new Walk<RobinsIJudgment>(
    D4_ADHERING_QUESTIONS,
    a,
    `${CRITERIA}, domain 4 (starting and adhering)`,
  );
  const answers = ["4.3", "4.4", "4.5"].map((id) => ({ id, a: w.ask(id) }));
  const problems = answers.filter((x) => among(x.a, NO)).map((x) => x.id);
  if (problems.length > 0) {
    const analysis = w.ask("4.6");
    const what = `problems with co-interventions, implementation or adherence (${problems.join(", ")} N/PN)`;
    if (among(analysis, YES))
      return w.done("moderate", `Moderate (ii): ${what}, with an appropriate analysis (4.6 Y/PY)`);
    if (among(analysis, NO))
      return w.done("serious", `Serious: ${what}, without an appropriate analysis (4.6 N/PN)`, ["critical"]);
    return w.unresolved("whether the analysis was appropriate is unknown (4.6)", ["moderate", "serious"]);
  }
  if (answers.every((x) => among(x.a, YES))) {
    return w.done(
      "low",
      "Low: co-interventions balanced, implementation successful, participants adhered (4.3–4.5 Y/PY)",
    );
  }
  if (answers.every((x) => among(x.a, NI))) {
    return w.done(
      "no_information",
      "No information on deviations from the intended intervention (4.3–4.5 NI)",
    );
  }
  return w.unresolved("low or worse depends on answers that are missing or NI", [
    "low",
    "moderate",
    "serious",
  ]);
}

// Domain 5: missing data ---------------------------------------------------------------------------
// Low: (i) data reasonably complete; or (ii) proportions of and reasons for missing participants
// similar across groups; or (iii) the analysis addressed missing data and is likely to have
// removed any risk of bias. Moderate / Serious: proportions or reasons differ (Moderate:
// minimally; Serious: substantially) and the analysis is unlikely to have removed the bias.
// Critical (unusual): critical differences not addressed. No information: none on missing data
// or on the potential for data to be missing.

const D5_QUESTIONS: readonly Question[] = (() => {
  const triggered = (a: Answers) => among(a["5.1"], NO) || among(a["5.2"], YES) || among(a["5.3"], YES);
  return [
    q(
      "5.1",
      "Outcome data for (nearly) all participants?",
      "Were outcome data available for all, or nearly all, participants?",
      null,
    ),
    q(
      "5.2",
      "Excluded for missing intervention status?",
      "Were participants excluded because data on their intervention status were missing?",
      null,
    ),
    q(
      "5.3",
      "Excluded for other missing variables?",
      "Were participants excluded because data on other variables needed for the analysis were missing?",
      null,
    ),
    q(
      "5.4",
      "Missingness similar across interventions?",
      "Are the proportion of participants with missing data, and the reasons, similar across interventions?",
      "if N/PN to 5.1, or Y/PY to 5.2 or 5.3",
      triggered,
    ),
    q(
      "5.5",
      "Results robust to missing data?",
      "Is there evidence that the results were robust to the presence of missing data?",
      "if N/PN to 5.1, or Y/PY to 5.2 or 5.3",
      triggered,
    ),
  ];
})();

function judgeD5(a: Answers): DomainSuggestion<RobinsIJudgment> {
  const w = new Walk<RobinsIJudgment>(D5_QUESTIONS, a, `${CRITERIA}, domain 5`);
  const outcome = w.ask("5.1");
  const status = w.ask("5.2");
  const other = w.ask("5.3");
  if (among(outcome, NO) || among(status, YES) || among(other, YES)) {
    const similar = w.ask("5.4");
    const robust = w.ask("5.5");
    if (among(similar, YES))
      return w.done("low", "Low (ii): missing data similar across interventions (5.4 Y/PY)");
    if (among(robust, YES)) return w.done("low", "Low (iii): results robust to the missing data (5.5 Y/PY)");
    if (among(similar, NO) && among(robust, NO)) {
      return w.unresolved(
        "missingness differs and results are not shown robust (5.4 and 5.5 N/PN): the criteria separate moderate, serious and critical by how much proportions and reasons differ",
        ["moderate", "serious", "critical"],
      );
    }
    return w.unresolved("low or worse depends on 5.4 and 5.5, which are missing or NI", [
      "low",
      "moderate",
      "serious",
    ]);
  }
  if (!outcome || !status || !other) return w.unresolved();
  if (among(outcome, YES) && among(status, NO) && among(other, NO)) {
    return w.done(
      "low",
      "Low (i): outcome data (nearly) complete and no exclusions for missing data (5.1 Y/PY, 5.2 and 5.3 N/PN)",
    );
  }
  if (among(outcome, NI)) return w.done("no_information", "No information on missing outcome data (5.1 NI)");
  return w.unresolved("whether participants were excluded for missing data is unknown (5.2 or 5.3 NI)", [
    "low",
    "moderate",
    "serious",
  ]);
}

// Domain 6: measurement of outcomes ----------------------------------------------------------------
// Low: methods comparable across groups; the outcome unlikely to be influenced by knowledge of
// the intervention (objective) or assessors unaware; error unrelated to intervention status.
// Moderate: comparable methods, outcome only minimally influenced by knowledge, error only
// minimally related. Serious: (i) methods not comparable; or (ii) subjective outcome assessed by
// aware assessors; or (iii) error related to intervention status. Critical: methods so different
// they cannot reasonably be compared. No information: none on the methods of outcome assessment.

const D6_QUESTIONS: readonly Question[] = [
  q(
    "6.1",
    "Outcome influenced by knowledge of intervention?",
    "Could knowledge of the intervention received have influenced the outcome measure?",
    null,
  ),
  q(
    "6.2",
    "Assessors aware of intervention?",
    "Did the outcome assessors know which intervention the participants received?",
    null,
  ),
  q(
    "6.3",
    "Methods comparable across groups?",
    "Were the methods of outcome assessment comparable across the intervention groups?",
    null,
  ),
  q(
    "6.4",
    "Systematic errors related to intervention?",
    "Were any systematic errors in measuring the outcome related to the intervention received?",
    null,
  ),
];

function judgeD6(a: Answers): DomainSuggestion<RobinsIJudgment> {
  const w = new Walk<RobinsIJudgment>(D6_QUESTIONS, a, `${CRITERIA}, domain 6`);
  const influenced = w.ask("6.1");
  const aware = w.ask("6.2");
  const comparable = w.ask("6.3");
  const error = w.ask("6.4");
  const problems: string[] = [];
  const consider = new Set<RobinsIJudgment>();
  if (among(comparable, NO)) {
    problems.push("methods not comparable across groups (6.3 N/PN): Serious (i)");
    consider.add("critical");
  }
  if (among(influenced, YES) && among(aware, YES)) {
    problems.push("outcome open to influence and assessed by aware assessors (6.1, 6.2 Y/PY): Serious (ii)");
    consider.add("moderate"); // "only minimally influenced"
  }
  if (among(error, YES)) problems.push("measurement error related to intervention (6.4 Y/PY): Serious (iii)");
  if (problems.length > 0) return w.done("serious", `Serious: ${problems.join("; ")}`, [...consider]);
  if (among(comparable, NI))
    return w.done("no_information", "No information on the methods of outcome assessment (6.3 NI)");
  if (!comparable || !error) return w.unresolved();
  if (among(error, NI))
    return w.unresolved("whether measurement error relates to intervention is unknown (6.4 NI)", [
      "low",
      "moderate",
      "serious",
    ]);
  if (among(influenced, NO) || among(aware, NO)) {
    return w.done(
      "low",
      "Low: comparable methods (6.3 Y/PY), error unrelated to intervention (6.4 N/PN), and an objective outcome (6.1 N/PN) or unaware assessors (6.2 N/PN)",
      ["moderate"],
    );
  }
  return w.unresolved("whether the outcome is objective or assessors unaware is unknown (6.1/6.2)", [
    "low",
    "moderate",
    "serious",
  ]);
}

// Domain 7: selection of the reported result --------------------------------------------------------
// Low: clear evidence (usually a pre-registered protocol or analysis plan) that all reported
// results correspond to all intended outcomes, analyses and sub-cohorts. Moderate: measurements
// and analyses consistent with an a priori plan or clearly defined and consistent, with no
// indication of selection among analyses or subgroups. Serious: inconsistent measurements or
// analyses, high risk of selection among analyses, or a subgroup apparently reported because of
// its results. Critical: evidence or strong suspicion of selective reporting, with unreported
// results likely substantially different. No information: too little to judge.

const selected = (what: string) =>
  `Is the reported effect estimate likely to have been chosen, on the basis of the results, from ${what}?`;
const D7_QUESTIONS: readonly Question[] = [
  q(
    "7.1",
    "Selected from multiple outcome measurements?",
    selected("several outcome measurements within the outcome domain"),
    null,
  ),
  q(
    "7.2",
    "Selected from multiple analyses?",
    selected("several analyses of the intervention–outcome relationship"),
    null,
  ),
  q("7.3", "Selected from different subgroups?", selected("different subgroups"), null),
];

function judgeD7(a: Answers): DomainSuggestion<RobinsIJudgment> {
  const w = new Walk<RobinsIJudgment>(D7_QUESTIONS, a, `${CRITERIA}, domain 7`);
  const all = ["7.1", "7.2", "7.3"].map((id) => ({ id, a: w.ask(id) }));
  const yes = all.filter((x) => among(x.a, YES)).map((x) => x.id);
  if (yes.length > 0)
    return w.done("serious", `Serious: result likely selected (${yes.join(", ")} Y/PY)`, ["critical"]);
  if (all.some((x) => !x.a)) return w.unresolved();
  if (all.every((x) => among(x.a, NO))) {
    // Low needs evidence (usually a registered protocol) that the questions do not ask for.
    return w.done(
      "moderate",
      "Moderate: no indication of selective reporting (7.1–7.3 N/PN); Low needs clear evidence from a pre-registered protocol or analysis plan",
      ["low"],
    );
  }
  if (all.every((x) => among(x.a, NI)))
    return w.done(
      "no_information",
      "No information: too little to judge selection of the result (7.1–7.3 NI)",
    );
  return w.unresolved("some of 7.1–7.3 are NI", ["moderate", "serious", "no_information"]);
}

// The tool ---------------------------------------------------------------------------------------

function domain(
  id: string,
  short: string,
  name: string,
  questions: readonly Question[],
  judge: (a: Answers) => DomainSuggestion<RobinsIJudgment>,
): DomainDefinition<RobinsIJudgment> {
  return { id, short, name, questions, judge };
}

const D1 = domain("D1", "Confounding", "Bias due to confounding", D1_QUESTIONS, judgeD1);
const D2 = domain(
  "D2",
  "Selection of participants",
  "Bias in selection of participants into the study",
  D2_QUESTIONS,
  judgeD2,
);
const D3 = domain(
  "D3",
  "Classification of interventions",
  "Bias in classification of interventions",
  D3_QUESTIONS,
  judgeD3,
);
const D4_NAME = "Bias due to deviations from intended interventions";
const D4_ASSIGNMENT = domain(
  "D4",
  "Deviations from intended interventions",
  `${D4_NAME} (effect of assignment to intervention)`,
  D4_ASSIGNMENT_QUESTIONS,
  judgeD4Assignment,
);
const D4_ADHERING = domain(
  "D4",
  "Deviations from intended interventions",
  `${D4_NAME} (effect of starting and adhering to intervention)`,
  D4_ADHERING_QUESTIONS,
  judgeD4Adhering,
);
const D5 = domain("D5", "Missing data", "Bias due to missing data", D5_QUESTIONS, judgeD5);
const D6 = domain("D6", "Measurement of outcomes", "Bias in measurement of outcomes", D6_QUESTIONS, judgeD6);
const D7 = domain(
  "D7",
  "Selection of the reported result",
  "Bias in selection of the reported result",
  D7_QUESTIONS,
  judgeD7,
);

/**
 * Overall, as the 2016 tool states it: low if low in every domain; moderate if low or moderate in
 * every domain; serious if serious in at least one domain and critical in none; critical if
 * critical in any; no information if there is no clear indication of serious or critical risk
 * and information is lacking in one or more key domains — the tool says this last needs a
 * judgement (which domains are key), so the reasons ask the reviewer to confirm it.
 */
export function robinsIOverall(
  judgments: readonly { domainId: string; judgment: RobinsIJudgment | null }[],
): OverallSuggestion<RobinsIJudgment> {
  const at = (j: RobinsIJudgment) => judgments.filter((x) => x.judgment === j).map((x) => x.domainId);
  const result = (suggested: RobinsIJudgment | null, reason: string): OverallSuggestion<RobinsIJudgment> => ({
    suggested,
    reasons: [reason],
    multipleSomeConcerns: false,
  });
  const critical = at("critical");
  if (critical.length > 0)
    return result("critical", `Critical: critical risk of bias in ${critical.join(", ")}`);
  const serious = at("serious");
  if (serious.length > 0)
    return result("serious", `Serious: serious risk of bias in ${serious.join(", ")}, critical in none`);
  const missing = judgments.filter((x) => x.judgment === null).map((x) => x.domainId);
  if (missing.length > 0)
    return result(
      null,
      `no suggestion: ${missing.join(", ")} without a judgement, and no domain serious or critical`,
    );
  const noInformation = at("no_information");
  if (noInformation.length > 0) {
    return result(
      "no_information",
      `No information: no domain serious or critical, information lacking in ${noInformation.join(", ")} — the tool asks reviewers to judge whether these are key domains; if not, the overall judgement is the worst of the others`,
    );
  }
  const moderate = at("moderate");
  if (moderate.length > 0)
    return result(
      "moderate",
      `Moderate: low or moderate in every domain (moderate in ${moderate.join(", ")})`,
    );
  return result("low", "Low: low in every domain");
}

export const ROBINS_I: ToolDefinition<RobinsIJudgment> = {
  id: "robins-i",
  name: "ROBINS-I (non-randomised studies of interventions, 2016)",
  citation:
    "Sterne JAC, Hernán MA, Reeves BC, et al. ROBINS-I: a tool for assessing risk of bias in non-randomised studies of interventions. BMJ 2016;355:i4919; detailed guidance 2016.",
  variants: ["assignment", "adhering"],
  domainJudgments: ["low", "moderate", "serious", "critical", "no_information"],
  overallJudgments: ["low", "moderate", "serious", "critical", "no_information"],
  robvis: "ROBINS-I",
  domains(variant: Variant | null) {
    return [D1, D2, D3, variant === "adhering" ? D4_ADHERING : D4_ASSIGNMENT, D5, D6, D7];
  },
  overall: robinsIOverall,
};
