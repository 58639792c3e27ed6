"use client";
// One domain of a risk-of-bias tool in a reviewer's form: the signalling questions the tool asks
// after the answers so far, the suggested judgement with the path that gave it, and the
// reviewer's own judgement, which needs a justification when it departs from the suggestion.
import type { DomainResult } from "@/lib/domain/rob/assessment";
import {
  ANSWER_LABELS,
  JUDGMENT_LABELS,
  type Answers,
  type DomainDefinition,
  type Judgment,
} from "@/lib/domain/rob/types";
import { JudgmentBadge } from "./judgment-badge";

export interface OverrideState {
  judgment: Judgment | "";
  justification: string;
}

export function JudgmentChoice({
  id,
  name,
  label,
  suggested,
  judgments,
  value,
  errors,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  suggested: Judgment | null;
  judgments: readonly Judgment[];
  value: OverrideState;
  errors?: string[] | undefined;
  onChange: (v: OverrideState) => void;
}) {
  const errorId = `${id}-just-error`;
  return (
    <div className="field-grid">
      <div className="field">
        <label htmlFor={`${id}-ov`}>{label}</label>
        <select
          id={`${id}-ov`}
          name={`ov_${name}`}
          value={value.judgment}
          onChange={(e) => onChange({ ...value, judgment: e.target.value as Judgment | "" })}
        >
          <option value="">
            {suggested ? `As suggested (${JUDGMENT_LABELS[suggested]})` : "As suggested (none yet)"}
          </option>
          {judgments.map((j) => (
            <option key={j} value={j}>
              {JUDGMENT_LABELS[j]}
            </option>
          ))}
        </select>
      </div>
      {value.judgment !== "" && (
        <div className="field">
          <label htmlFor={`${id}-just`}>
            Justification{name === "overall" ? " of the overall judgement" : ` for ${name}`}
          </label>
          <textarea
            id={`${id}-just`}
            name={`just_${name}`}
            rows={2}
            value={value.justification}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? errorId : undefined}
            onChange={(e) => onChange({ ...value, justification: e.target.value })}
          />
          {errors?.length ? (
            <span className="error" id={errorId}>
              {errors.join(" ")}
            </span>
          ) : null}
        </div>
      )}
    </div>
  );
}

export function DomainFields({
  formId,
  domain,
  result,
  answers,
  judgments,
  override,
  errors,
  onAnswer,
  onOverride,
}: {
  formId: string;
  domain: DomainDefinition;
  result: DomainResult;
  answers: Answers;
  judgments: readonly Judgment[];
  override: OverrideState;
  errors: (name: string) => string[] | undefined;
  onAnswer: (questionId: string, answer: string) => void;
  onOverride: (v: OverrideState) => void;
}) {
  const id = `${formId}-${domain.id}`;
  return (
    <fieldset className="rob-domain">
      <legend>
        {domain.id} · {domain.name}
      </legend>
      {domain.questions
        .filter((q) => q.applies(answers))
        .map((q) => {
          const qid = `${id}-q${q.id.replace(".", "-")}`;
          const err = errors(`q_${q.id}`);
          return (
            <div className="field rob-question" key={q.id}>
              <label htmlFor={qid}>
                {q.id} {q.text}
              </label>
              <select
                id={qid}
                name={`q_${q.id}`}
                value={answers[q.id] ?? ""}
                aria-invalid={err?.length ? true : undefined}
                onChange={(e) => onAnswer(q.id, e.target.value)}
              >
                <option value="">Not answered</option>
                {q.answers.map((a) => (
                  <option key={a} value={a}>
                    {ANSWER_LABELS[a]} ({a})
                  </option>
                ))}
              </select>
              {err?.length ? <span className="error">{err.join(" ")}</span> : null}
            </div>
          );
        })}
      <div className="rob-suggestion" aria-live="polite" data-testid={`suggested-${domain.id}`}>
        Suggested: <JudgmentBadge judgment={result.suggested} />
        {result.reasons.length > 0 && (
          <details>
            <summary>How the algorithm got there</summary>
            <ul>
              {result.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
              {result.consider.length > 0 && (
                <li>The criteria also allow: {result.consider.map((j) => JUDGMENT_LABELS[j]).join(", ")}</li>
              )}
            </ul>
          </details>
        )}
      </div>
      <JudgmentChoice
        id={id}
        name={domain.id}
        label={`Your judgement for ${domain.id}`}
        suggested={result.suggested}
        judgments={judgments}
        value={override}
        errors={errors(`just_${domain.id}`)}
        onChange={onOverride}
      />
    </fieldset>
  );
}
