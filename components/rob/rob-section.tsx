// A study's risk of bias on its page: the design and the tool it takes, then per outcome the
// consensus, the reviewers' judgements side by side (once this person has submitted theirs), their
// own assessment form and, for admins, the consensus form.
import { LazyDetails } from "@/components/ui/lazy-details";
import type { FormAction } from "@/lib/contracts/action";
import type { RobUnitView, StudyRobView } from "@/lib/contracts/risk-of-bias";
import { judgmentKeys, type JudgmentMap } from "@/lib/domain/rob/consensus";
import { STUDY_DESIGN_LABELS } from "@/lib/domain/rob/design";
import { domainColumns, getTool } from "@/lib/domain/rob/tools";
import type { ToolId } from "@/lib/domain/rob/types";
import type { SaveRobResult } from "./assessment-form";
import { RobConsensusForm, type ConsensusRow } from "./consensus-form";
import { JudgmentBadge } from "./judgment-badge";
import { ToolAssessmentForm } from "./tool-assessment-form";

type ConsensusResult = { automatic: boolean; consensus: boolean };

/** The consensus form's judgements: the tool's domains (ids as in every variant), then overall. */
function consensusRows(tool: ToolId): ConsensusRow[] {
  const t = getTool(tool);
  return [
    ...domainColumns(tool).map((d) => ({
      key: d.id,
      label: `${d.id} · ${d.short}`,
      allowed: t.domainJudgments,
    })),
    { key: "overall", label: "Overall", allowed: t.overallJudgments },
  ];
}

const unitName = (outcome: string) => (outcome === "" ? "The study as a whole" : outcome);

function Comparison({ unit, tool }: { unit: RobUnitView; tool: ToolId }) {
  const others = (unit.others ?? []).filter((o) => o.tool === tool);
  const mine = unit.mine?.tool === tool ? unit.mine : null;
  if (!mine && others.length === 0) return null;
  const names = new Map([
    ...domainColumns(tool).map((d) => [d.id, `${d.id} · ${d.short}`] as const),
    ["overall", "Overall"],
  ]);
  const people: { who: string; judgments: JudgmentMap; status: string }[] = [
    ...(mine
      ? [{ who: "You", judgments: mine.judgments, status: mine.submitted ? "submitted" : "draft" }]
      : []),
    ...others.map((o) => ({
      who: o.reviewer,
      judgments: o.judgments,
      status: o.submitted ? "submitted" : "draft",
    })),
  ];
  return (
    <div
      className="table-wrap"
      tabIndex={0}
      role="region"
      aria-label={`Judgements: ${unitName(unit.outcome)}`}
    >
      <table className="data" data-testid="rob-comparison">
        <thead>
          <tr>
            <th scope="col">Domain</th>
            {people.map((p) => (
              <th scope="col" key={p.who}>
                {p.who} <span className="muted">({p.status})</span>
              </th>
            ))}
            {unit.consensus && <th scope="col">Consensus</th>}
          </tr>
        </thead>
        <tbody>
          {judgmentKeys(tool).map((k) => (
            <tr key={k}>
              <th scope="row">{names.get(k)}</th>
              {people.map((p) => (
                <td key={p.who}>
                  <JudgmentBadge judgment={p.judgments[k]} />
                </td>
              ))}
              {unit.consensus && (
                <td>
                  <JudgmentBadge judgment={unit.consensus.judgments[k]} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where the consensus form starts: the consensus, else each judgement all visible reviewers share. */
function proposal(unit: RobUnitView, tool: ToolId): JudgmentMap {
  if (unit.consensus) return unit.consensus.judgments;
  const all = [
    ...(unit.mine?.submitted && unit.mine.tool === tool ? [unit.mine.judgments] : []),
    ...(unit.others ?? []).filter((o) => o.submitted && o.tool === tool).map((o) => o.judgments),
  ];
  const out: JudgmentMap = {};
  for (const k of judgmentKeys(tool)) {
    const values = new Set(all.map((j) => j[k] ?? null));
    out[k] = values.size === 1 ? [...values][0]! : null;
  }
  return out;
}

function Unit({
  unit,
  index,
  studyId,
  tool,
  canAssess,
  isAdmin,
  suggestions,
  save,
  consensus,
}: {
  unit: RobUnitView;
  index: number;
  studyId: string;
  tool: ToolId;
  canAssess: boolean;
  isAdmin: boolean;
  suggestions: string[];
  save: FormAction<SaveRobResult>;
  consensus: FormAction<ConsensusResult>;
}) {
  const name = unitName(unit.outcome);
  const c = unit.consensus;
  const staleMine = unit.mine && unit.mine.tool !== tool;
  return (
    <article className="rob-unit" aria-label={`Risk of bias: ${name}`}>
      <h3>{unit.outcome === "" ? name : `Outcome: ${name}`}</h3>
      <p data-testid="rob-consensus">
        <strong>Consensus:</strong>{" "}
        {unit.consensusHidden ? (
          <span className="muted">
            there is one; you will see it once you have submitted your assessment.
          </span>
        ) : c ? (
          <>
            <JudgmentBadge judgment={c.overall} />{" "}
            <span className="muted">
              ({c.setBy ? `set by ${c.setBy}` : "every reviewer who submitted agrees"}
              {c.tool !== tool ? `; made with ${getTool(c.tool).name}` : ""})
            </span>
            {c.note && <span className="muted"> — {c.note}</span>}
          </>
        ) : (
          <span className="muted">none yet: set when the reviewers who submitted agree, or by an admin</span>
        )}
      </p>
      {unit.others === null ? (
        <p className="muted" data-testid="rob-others">
          {unit.hiddenOthers} other reviewer{unit.hiddenOthers === 1 ? " has" : "s have"} submitted an
          assessment. Reviewers assess blind: you will see theirs once you have submitted yours.
        </p>
      ) : (
        <Comparison unit={unit} tool={tool} />
      )}
      {canAssess && (
        <LazyDetails
          open={!isAdmin && !unit.mine?.submitted}
          summary={unit.mine?.submitted ? "Change your assessment" : "Your assessment"}
        >
          {staleMine && (
            <p className="alert info">
              Your earlier assessment used {getTool(unit.mine!.tool).name}; the study&apos;s design now takes{" "}
              {getTool(tool).name}. Assess it again with that tool.
            </p>
          )}
          <ToolAssessmentForm
            formId={`rob-${index}`}
            studyId={studyId}
            outcome={unit.outcome}
            outcomeSuggestions={suggestions}
            tool={tool}
            mine={staleMine ? null : unit.mine}
            action={save}
          />
        </LazyDetails>
      )}
      {isAdmin && (
        <LazyDetails summary="Set the consensus (admin)">
          <RobConsensusForm
            formId={`robc-${index}`}
            studyId={studyId}
            outcome={unit.outcome}
            tool={tool}
            rows={consensusRows(tool)}
            consensus={c && c.tool === tool ? c : null}
            proposal={proposal(unit, tool)}
            action={consensus}
          />
        </LazyDetails>
      )}
    </article>
  );
}

export function RobSection({
  studyId,
  view,
  canAssess,
  isAdmin,
  save,
  consensus,
}: {
  studyId: string;
  view: StudyRobView;
  canAssess: boolean;
  isAdmin: boolean;
  save: FormAction<SaveRobResult>;
  consensus: FormAction<ConsensusResult>;
}) {
  const tool = view.tool;
  return (
    <div className="stack">
      <p data-testid="rob-tool">
        {view.design ? (
          <>
            {STUDY_DESIGN_LABELS[view.design]} study
            {view.designRead === view.design ? " (as the table says)" : " (set by a reviewer)"}: assessed with{" "}
            <strong>{getTool(tool!).name}</strong>
            {tool === "jbi-case-series" ? "" : ", per outcome"}.
          </>
        ) : (
          <>
            The study&apos;s design is not known, and it picks the tool (RoB 2 for randomised trials, ROBINS-I
            for non-randomised controlled studies, the JBI checklist for single-arm studies).{" "}
            {canAssess && (
              <>
                Set it in the study&apos;s <a href="#correct">correction form</a> to assess risk of bias.
              </>
            )}
          </>
        )}
      </p>
      {tool &&
        view.units.map((u, i) => (
          <Unit
            key={u.outcome}
            unit={u}
            index={i}
            studyId={studyId}
            tool={tool}
            canAssess={canAssess}
            isAdmin={isAdmin}
            suggestions={view.outcomeSuggestions}
            save={save}
            consensus={consensus}
          />
        ))}
      {tool && canAssess && (
        <LazyDetails className="rob-unit" summary="Assess another outcome">
          <ToolAssessmentForm
            key={view.units.length}
            formId="rob-new"
            studyId={studyId}
            outcome={null}
            outcomeSuggestions={view.outcomeSuggestions}
            tool={tool}
            mine={null}
            action={save}
          />
        </LazyDetails>
      )}
    </div>
  );
}
