"use client";
// An admin decides the risk-of-bias consensus of a study–outcome, domain by domain and overall,
// with a note; or hands it back to the reviewers' agreement.
import { useActionState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import type { RobConsensusView } from "@/lib/contracts/risk-of-bias";
import type { JudgmentMap } from "@/lib/domain/rob/consensus";
import { JUDGMENT_LABELS, type Judgment, type ToolId } from "@/lib/domain/rob/types";

/** A judgement to decide: a domain of the tool, or the overall one, with what the tool allows. */
export interface ConsensusRow {
  key: string;
  label: string;
  allowed: readonly Judgment[];
}

export function RobConsensusForm({
  formId,
  studyId,
  outcome,
  tool,
  rows,
  consensus,
  proposal,
  action,
}: {
  formId: string;
  studyId: string;
  outcome: string;
  tool: ToolId;
  /** The tool's domains and overall (given by the server: the browser loads no tool for this). */
  rows: readonly ConsensusRow[];
  consensus: RobConsensusView | null;
  /** What to start from: the consensus, else what the reviewers agree on. */
  proposal: JudgmentMap;
  action: FormAction<{ automatic: boolean; consensus: boolean }>;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form
      className="stack"
      action={formAction}
      aria-label={`Risk-of-bias consensus: ${outcome || "the study as a whole"}`}
    >
      <FormStatus state={state} />
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="outcome" value={outcome} />
      <input type="hidden" name="tool" value={tool} />
      <input type="hidden" name="version" value={consensus?.version ?? 0} />
      {/* Before the buttons: the "follow" button's own value comes later and wins. */}
      <input type="hidden" name="mode" value="set" />
      <div className="field-grid">
        {rows.map((r) => {
          const name = `c_${r.key}`;
          const err = fieldErrors(state, name);
          return (
            <div className="field" key={r.key}>
              <label htmlFor={`${formId}-${r.key}`}>{r.label}</label>
              <select
                id={`${formId}-${r.key}`}
                name={name}
                defaultValue={typed(state, name) ?? proposal[r.key] ?? ""}
                aria-invalid={err ? true : undefined}
              >
                <option value="">Choose…</option>
                {r.allowed.map((j) => (
                  <option key={j} value={j}>
                    {JUDGMENT_LABELS[j]}
                  </option>
                ))}
              </select>
              {err && <span className="error">{err.join(" ")}</span>}
            </div>
          );
        })}
      </div>
      <div className="field">
        <label htmlFor={`${formId}-note`}>Note (why, for the record)</label>
        <textarea
          id={`${formId}-note`}
          name="note"
          rows={2}
          maxLength={2000}
          defaultValue={typed(state, "note") ?? consensus?.note ?? ""}
        />
      </div>
      <div className="row-actions">
        <SubmitButton pendingLabel="Saving…" className="button secondary">
          Set consensus
        </SubmitButton>
        <button type="submit" name="mode" value="automatic" className="button secondary">
          Follow the reviewers&apos; agreement
        </button>
      </div>
    </form>
  );
}
