"use client";
// A reviewer's correction of a study: fields and each arm's n and dose as written. Doses are
// read and normalised again on save. A save against a version someone else saved meanwhile is
// refused with their change; the form keeps what was typed, on the latest version, so saving
// again re-applies it.
import { useActionState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import { STUDY_DESIGN_LABELS, STUDY_DESIGNS } from "@/lib/domain/rob/design";
import type { EditableStudy } from "./editable-study";

const CITATION_FIELDS = [
  { name: "firstAuthor", label: "First author", hint: "Surname, as in “Smith 2019”" },
  { name: "year", label: "Year", hint: "", inputMode: "numeric" },
  { name: "title", label: "Title", hint: "" },
  { name: "journal", label: "Journal", hint: "" },
  { name: "doi", label: "DOI", hint: "10.xxxx/…" },
  { name: "pmid", label: "PMID", hint: "", inputMode: "numeric" },
] as const;

export function EditStudyForm({
  study,
  action,
}: {
  study: EditableStudy;
  action: FormAction<{ version: number }>;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  // After a refusal the form shows the latest values, except where the person had changed a
  // field: there it keeps what they typed (orig_* holds the value the field was opened with).
  const value = (name: string, current: string) => {
    const mine = typed(state, name);
    return mine !== undefined && mine !== typed(state, `orig_${name}`) ? mine : current;
  };
  const orig = (name: string, current: string) => (
    <input type="hidden" name={`orig_${name}`} value={current} />
  );
  const err = (name: string) => fieldErrors(state, name)?.join(" ");
  return (
    <form className="stack" action={formAction} key={study.version} aria-label="Correct this study">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={study.id} />
      <input type="hidden" name="version" value={study.version} />
      <div className="field-grid">
        <div className="field">
          <label htmlFor="edit-enrollment">Enrollment</label>
          {orig("enrollment", study.enrollment?.toString() ?? "")}
          <input
            id="edit-enrollment"
            name="enrollment"
            inputMode="numeric"
            defaultValue={value("enrollment", study.enrollment?.toString() ?? "")}
            aria-invalid={err("enrollment") ? true : undefined}
          />
          {err("enrollment") && <span className="error">{err("enrollment")}</span>}
        </div>
        <div className="field">
          <label htmlFor="edit-route">Route</label>
          {orig("routeText", study.routeText)}
          <input id="edit-route" name="routeText" defaultValue={value("routeText", study.routeText)} />
        </div>
        <div className="field">
          <label htmlFor="edit-reference">Reference</label>
          {orig("reference", study.reference ?? "")}
          <input
            id="edit-reference"
            name="reference"
            defaultValue={value("reference", study.reference ?? "")}
          />
        </div>
        <div className="field">
          <label htmlFor="edit-design">Study design</label>
          <span className="hint" id="edit-design-hint">
            Picks the risk-of-bias tool
          </span>
          {orig("design", study.design ?? "")}
          <select
            id="edit-design"
            name="design"
            aria-describedby="edit-design-hint"
            defaultValue={value("design", study.design ?? "")}
          >
            <option value="">Not known</option>
            {STUDY_DESIGNS.map((d) => (
              <option key={d} value={d}>
                {STUDY_DESIGN_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="field-grid">
        <legend>Citation</legend>
        {CITATION_FIELDS.map((f) => {
          const current = study[f.name]?.toString() ?? "";
          return (
            <div className="field" key={f.name}>
              <label htmlFor={`edit-${f.name}`}>{f.label}</label>
              {orig(f.name, current)}
              <input
                id={`edit-${f.name}`}
                name={f.name}
                inputMode={"inputMode" in f ? f.inputMode : undefined}
                placeholder={f.hint || undefined}
                defaultValue={value(f.name, current)}
                aria-invalid={err(f.name) ? true : undefined}
                aria-describedby={err(f.name) ? `edit-${f.name}-error` : undefined}
              />
              {err(f.name) && (
                <span className="error" id={`edit-${f.name}-error`}>
                  {err(f.name)}
                </span>
              )}
            </div>
          );
        })}
      </fieldset>
      <div className="field">
        <label htmlFor="edit-outcome">Outcome</label>
        {orig("outcome", study.outcome)}
        <textarea id="edit-outcome" name="outcome" rows={3} defaultValue={value("outcome", study.outcome)} />
      </div>
      <table className="data">
        <caption>Dose arms</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">n</th>
            <th scope="col">Dose as written</th>
          </tr>
        </thead>
        <tbody>
          {study.arms.map((a, i) => (
            <tr key={a.id}>
              <td>{a.product ?? "—"}</td>
              <td>
                <label className="visually-hidden" htmlFor={`arm-${a.id}-n`}>
                  Arm {i + 1} n
                </label>
                {orig(`arm_${a.id}_n`, a.n?.toString() ?? "")}
                <input
                  id={`arm-${a.id}-n`}
                  name={`arm_${a.id}_n`}
                  inputMode="numeric"
                  size={5}
                  defaultValue={value(`arm_${a.id}_n`, a.n?.toString() ?? "")}
                />
                {err(`arm_${a.id}_n`) && <span className="error">{err(`arm_${a.id}_n`)}</span>}
              </td>
              <td>
                <label className="visually-hidden" htmlFor={`arm-${a.id}-dose`}>
                  Arm {i + 1} dose
                </label>
                {orig(`arm_${a.id}_dose`, a.doseText)}
                <input
                  id={`arm-${a.id}-dose`}
                  name={`arm_${a.id}_dose`}
                  size={30}
                  defaultValue={value(`arm_${a.id}_dose`, a.doseText)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Write doses as in a paper: “1 × 10^6/kg”, “2–5 × 10^6 cells/kg”, “1.5 × 10^8 cells”, “Unknown”.
      </p>
      <div>
        <SubmitButton pendingLabel="Saving…">Save correction</SubmitButton>
      </div>
    </form>
  );
}
