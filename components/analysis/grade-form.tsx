"use client";
// The team's GRADE rating of the analysed outcome: the imprecision threshold and optimal
// information size, and for each suggested rating (down: risk of bias, inconsistency,
// indirectness, imprecision, publication bias; up: large effect, dose–response, plausible
// confounding) a decision — accept it, or override it with a level and a footnote. A rating up
// for a dose–response gradient is an override of "Dose–response gradient" to +1, with a footnote.
import { useActionState, useState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { useKeepForm } from "@/components/ui/use-keep-form";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { ActionState, FormAction } from "@/lib/contracts/action";
import type { SofRowView } from "@/lib/contracts/risk-of-bias";
import { levelText } from "@/lib/domain/grade/sof";

type Choice = "" | "accept" | "override";

type GradeState = ActionState<{ version: number }>;

/** The action's answer lives here, above the fields: a save moves the rating's version on, which
 * starts the fields afresh from the saved rating, and the answer ("Rating saved.") stays. */
export function GradeForm({ row, action }: { row: SofRowView; action: FormAction<{ version: number }> }) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return <GradeFields key={row.rating.version} row={row} state={state} formAction={formAction} />;
}

function GradeFields({
  row,
  state,
  formAction,
}: {
  row: SofRowView;
  state: GradeState;
  formAction: (data: FormData) => void;
}) {
  const { onSubmit, pending } = useKeepForm(formAction);
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(
      row.factors.map((f) => [
        f.factor,
        f.decision === "pending" ? "" : f.decision === "accepted" ? "accept" : "override",
      ]),
    ),
  );
  const err = (name: string) => fieldErrors(state, name)?.join(" ");
  const value = (name: string, current: string) => typed(state, name) ?? current;
  const t = row.rating;
  return (
    <form
      className="stack"
      onSubmit={onSubmit}
      aria-label={`Rate the certainty: ${row.outcome}`}
      aria-busy={pending || undefined}
    >
      <FormStatus state={state} />
      <input type="hidden" name="outcome" value={row.outcome} />
      <input type="hidden" name="version" value={t.version} />
      <input type="hidden" name="measure" value={row.measure} />
      <div className="field-grid">
        <div className="field">
          <label htmlFor="grade-threshold">Decision threshold ({row.measure})</label>
          <span className="hint" id="grade-threshold-hint">
            On the {row.measure} scale (a ratio such as 0.8, a proportion such as 0.3); empty: the null
          </span>
          <input
            id="grade-threshold"
            name="threshold"
            inputMode="decimal"
            defaultValue={value(
              "threshold",
              t.thresholdMeasure === row.measure ? (t.threshold?.toString() ?? "") : "",
            )}
            aria-describedby={`grade-threshold-hint${err("threshold") ? " grade-threshold-error" : ""}`}
            aria-invalid={err("threshold") ? true : undefined}
          />
          {err("threshold") && (
            <span className="error" id="grade-threshold-error">
              {err("threshold")}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="grade-ois">Optimal information size</label>
          <input
            id="grade-ois"
            name="oisSize"
            inputMode="numeric"
            defaultValue={value("oisSize", t.ois?.size.toString() ?? "")}
            aria-invalid={err("oisSize") ? true : undefined}
          />
          {err("oisSize") && <span className="error">{err("oisSize")}</span>}
        </div>
        <div className="field">
          <label htmlFor="grade-ois-unit">counted in</label>
          <select
            id="grade-ois-unit"
            name="oisUnit"
            defaultValue={value("oisUnit", t.ois?.unit ?? "participants")}
          >
            <option value="participants">participants</option>
            <option value="events">events</option>
          </select>
        </div>
      </div>
      {row.factors.map((f) => {
        const choice = choices[f.factor] ?? "";
        const levels = f.kind === "downgrade" ? [0, -1, -2] : [0, 1, 2];
        const id = `grade-${f.factor}`;
        return (
          <fieldset className="rob-domain" key={f.factor}>
            <legend>
              {f.label}: suggested {levelText(f.suggested)}
            </legend>
            <p className="muted small">{f.reason}</p>
            <div className="field-grid">
              <div className="field">
                <label htmlFor={`${id}-d`}>{f.label}: decision</label>
                <select
                  id={`${id}-d`}
                  name={`d_${f.factor}`}
                  value={choice}
                  onChange={(e) => setChoices((c) => ({ ...c, [f.factor]: e.target.value as Choice }))}
                >
                  <option value="">Not decided</option>
                  <option value="accept">Accept the suggestion</option>
                  <option value="override">Override</option>
                </select>
              </div>
              {choice === "override" && (
                <div className="field">
                  <label htmlFor={`${id}-l`}>{f.label}: level</label>
                  <select
                    id={`${id}-l`}
                    name={`l_${f.factor}`}
                    defaultValue={value(`l_${f.factor}`, String(f.final))}
                  >
                    {levels.map((l) => (
                      <option key={l} value={l}>
                        {levelText(l)}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {choice !== "" && (
                <div className="field">
                  <label htmlFor={`${id}-f`}>
                    {f.label}: footnote{choice === "accept" ? " (optional)" : ""}
                  </label>
                  <textarea
                    id={`${id}-f`}
                    name={`f_${f.factor}`}
                    rows={2}
                    maxLength={2000}
                    defaultValue={value(`f_${f.factor}`, f.footnote ?? "")}
                    aria-invalid={err(`f_${f.factor}`) ? true : undefined}
                  />
                  {err(`f_${f.factor}`) && <span className="error">{err(`f_${f.factor}`)}</span>}
                </div>
              )}
            </div>
          </fieldset>
        );
      })}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save the rating"}
        </button>
      </div>
    </form>
  );
}
