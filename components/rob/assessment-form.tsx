"use client";
// A reviewer's own risk-of-bias assessment of a study for one outcome: the tool's questions,
// the suggested judgement per domain and overall worked out as they answer (the same algorithm
// the server runs on save), their overrides with justifications. Saved as a draft or submitted;
// others see it only once they have submitted theirs. A refused save keeps every answer.
import { useActionState, useState } from "react";
import { fieldErrors, FormStatus } from "@/components/ui/form-status";
import { useKeepForm } from "@/components/ui/use-keep-form";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import type { MyRobAssessment } from "@/lib/contracts/risk-of-bias";
import { assessWith, domainsOf, type Override } from "@/lib/domain/rob/assessment";
import {
  isAnswer,
  type Answers,
  type Judgment,
  type ToolDefinition,
  type Variant,
} from "@/lib/domain/rob/types";
import { DomainFields, JudgmentChoice, type OverrideState } from "./domain-fields";
import { JudgmentBadge } from "./judgment-badge";

export type SaveRobResult = { version: number; submitted: boolean; consensus: boolean };

const NONE: OverrideState = { judgment: "", justification: "" };

function initialOverrides(mine: MyRobAssessment | null): Record<string, OverrideState> {
  const out: Record<string, OverrideState> = {};
  for (const [id, o] of Object.entries(mine?.overrides ?? {})) out[id] = { ...o };
  if (mine?.overallOverride) out.overall = { ...mine.overallOverride };
  return out;
}

export interface RobAssessmentFormProps {
  formId: string;
  studyId: string;
  /** The outcome assessed; null: the reviewer names it (a new outcome). */
  outcome: string | null;
  outcomeSuggestions: string[];
  mine: MyRobAssessment | null;
  action: FormAction<SaveRobResult>;
}

/** The form for one tool, its definition given by the tool's own module (tool-forms/). */
export function RobAssessmentForm({
  formId,
  studyId,
  outcome,
  outcomeSuggestions,
  definition,
  mine,
  action,
}: RobAssessmentFormProps & { definition: ToolDefinition<Judgment, Judgment> }) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  const { onSubmit, pending } = useKeepForm(formAction);
  const [variant, setVariant] = useState<Variant>(mine?.variant ?? "assignment");
  const [answers, setAnswers] = useState<Answers>(mine?.answers ?? {});
  const [overrides, setOverrides] = useState<Record<string, OverrideState>>(() => initialOverrides(mine));
  // Answers chosen before the form's script had loaded are taken from the fields.
  const form = useTypedBeforeHydration<HTMLFormElement>((field, value) => {
    const [, kind, key] = /^(q|ov|just)_(.+)$/.exec(field) ?? [];
    if (field === "variant") setVariant(value === "adhering" ? "adhering" : "assignment");
    else if (kind === "q" && key)
      setAnswers((prev) => {
        const next: Record<string, Answers[string]> = { ...prev };
        if (isAnswer(value)) next[key] = value;
        else delete next[key];
        return next;
      });
    else if (kind && key)
      setOverrides((prev) => {
        const o = prev[key] ?? NONE;
        return {
          ...prev,
          [key]:
            kind === "ov"
              ? { ...o, judgment: value as OverrideState["judgment"] }
              : { ...o, justification: value },
        };
      });
  });
  const effective = definition.variants.length > 0 ? variant : null;
  const domains = domainsOf(definition, effective);
  const picked = (o: OverrideState | undefined): Override | undefined =>
    o && o.judgment !== "" ? { judgment: o.judgment, justification: o.justification || "…" } : undefined;
  const domainOverrides: Record<string, Override> = {};
  for (const d of domains) {
    const o = picked(overrides[d.id]);
    if (o) domainOverrides[d.id] = o;
  }
  // The algorithm is pure and fast: run it on every change, as the server will on save.
  const result = assessWith(definition, {
    tool: definition.id,
    variant: effective,
    answers,
    overrides: domainOverrides,
    overallOverride: picked(overrides.overall) ?? null,
  });
  const errors = (name: string) => fieldErrors(state, name);
  const submitted = mine?.submitted ?? false;
  const label =
    outcome === null
      ? "New risk-of-bias assessment"
      : `Your risk-of-bias assessment: ${outcome || "the study as a whole"}`;
  return (
    <form
      ref={form}
      className="stack"
      onSubmit={onSubmit}
      aria-label={label}
      aria-busy={pending || undefined}
    >
      <FormStatus state={state} />
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="tool" value={definition.id} />
      <input type="hidden" name="version" value={mine?.version ?? 0} />
      {outcome === null ? (
        <div className="field">
          <label htmlFor={`${formId}-outcome`}>Outcome</label>
          <span className="hint" id={`${formId}-outcome-hint`}>
            As the outcome data names it; leave empty to assess the study as a whole
          </span>
          <input
            id={`${formId}-outcome`}
            name="outcome"
            list={`${formId}-outcomes`}
            maxLength={120}
            aria-describedby={`${formId}-outcome-hint`}
            defaultValue={state && !state.ok ? state.values?.outcome : undefined}
          />
          <datalist id={`${formId}-outcomes`}>
            {outcomeSuggestions.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </div>
      ) : (
        <input type="hidden" name="outcome" value={outcome} />
      )}
      {definition.variants.length > 0 && (
        <div className="field">
          <label htmlFor={`${formId}-variant`}>Effect of interest</label>
          <select
            id={`${formId}-variant`}
            name="variant"
            value={variant}
            onChange={(e) => setVariant(e.target.value === "adhering" ? "adhering" : "assignment")}
          >
            <option value="assignment">Assignment to intervention (intention to treat)</option>
            <option value="adhering">Adhering to intervention (per protocol)</option>
          </select>
        </div>
      )}
      {domains.map((d, i) => (
        <DomainFields
          key={d.id}
          formId={formId}
          domain={d}
          result={result.domains[i]!}
          answers={answers}
          judgments={definition.domainJudgments}
          override={overrides[d.id] ?? NONE}
          errors={errors}
          onAnswer={(q, a) =>
            setAnswers((prev) => {
              const next: Record<string, Answers[string]> = { ...prev };
              if (isAnswer(a)) next[q] = a;
              else delete next[q];
              return next;
            })
          }
          onOverride={(v) => setOverrides((prev) => ({ ...prev, [d.id]: v }))}
        />
      ))}
      <fieldset className="rob-domain">
        <legend>Overall</legend>
        <div className="rob-suggestion" aria-live="polite" data-testid="suggested-overall">
          Suggested from the domains: <JudgmentBadge judgment={result.overall.suggested} />
          {result.overall.multipleSomeConcerns && (
            <p className="small">
              Some concerns in several domains: the guidance lets you judge the result at high risk.
            </p>
          )}
        </div>
        <JudgmentChoice
          id={`${formId}-overall`}
          name="overall"
          label="Your overall judgement"
          suggested={result.overall.suggested}
          judgments={definition.overallJudgments}
          value={overrides.overall ?? NONE}
          errors={errors("just_overall")}
          onChange={(v) => setOverrides((prev) => ({ ...prev, overall: v }))}
        />
      </fieldset>
      <p className="muted" data-testid="rob-final">
        Overall: <JudgmentBadge judgment={result.overall.final} />
        {submitted ? " (submitted)" : mine ? " (draft)" : ""}
      </p>
      <div className="row-actions">
        {submitted ? (
          <button type="submit" name="intent" value="submit" className="button" disabled={pending}>
            {pending ? "Saving…" : "Save changes"}
          </button>
        ) : (
          <>
            <button type="submit" name="intent" value="draft" className="button secondary" disabled={pending}>
              Save draft
            </button>
            <button type="submit" name="intent" value="submit" className="button" disabled={pending}>
              {pending ? "Saving…" : "Submit assessment"}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
