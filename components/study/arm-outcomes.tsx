"use client";
// Outcome data per dose arm, for dose–response analysis: for each outcome, one row per arm of
// the study and one for its reference (control) arm at dose 0, each saved on its own with the
// version it was opened with.
import { useActionState, useId, useState } from "react";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import type {
  ArmChoice,
  ArmOutcomeGroup,
  ArmOutcomeRow,
  StudyArmOutcomes,
} from "@/lib/contracts/arm-outcomes";
import {
  ARM_OUTCOME_FIELDS,
  ARM_OUTCOME_KIND_LABELS,
  ARM_OUTCOME_KINDS,
  REFERENCE_ARM,
  type ArmOutcomeKind,
} from "@/lib/domain/arm-outcome-kinds";

type Save = FormAction<{ id: string; version: number }>;
type Remove = FormAction<{ deleted: boolean }>;

const armTitle = (a: ArmChoice) =>
  a.number === null ? (a.label ?? "Reference arm") : `Arm ${a.label ?? a.number}: ${a.doseText}`;

function DeleteRow({ row, arm, remove }: { row: ArmOutcomeRow; arm: ArmChoice; remove: Remove }) {
  const [state, formAction] = useActionState(remove, null);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="version" value={row.version} />
      <SubmitButton pendingLabel="Deleting…" className="button link danger">
        Delete<span className="visually-hidden"> the data of {armTitle(arm)}</span>
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

function ArmRowForm({
  studyId,
  outcome,
  kind,
  arm,
  row,
  save,
  remove,
}: {
  studyId: string;
  outcome: string;
  kind: ArmOutcomeKind;
  arm: ArmChoice;
  row: ArmOutcomeRow | null;
  save: Save;
  remove: Remove;
}) {
  const [state, formAction] = useActionState(save, null);
  // A saved row comes back with a new version, and the parent's key remounts the row with it.
  useRefreshOnSuccess(state);
  const formId = `${useId()}-arm-form`;
  const fields = ARM_OUTCOME_FIELDS[kind];
  const value = (name: string) =>
    typed(state, name) ?? (row?.values[name as keyof ArmOutcomeRow["values"]] ?? "").toString();
  const title = armTitle(arm);
  return (
    <tr>
      <th scope="row">
        {title}
        {arm.n !== null && <span className="muted"> (n = {arm.n})</span>}
      </th>
      {fields.map(([name, label]) => (
        <td key={name}>
          <input
            form={formId}
            name={name}
            inputMode="decimal"
            size={8}
            aria-label={`${label}, ${title}`}
            defaultValue={value(name)}
            aria-invalid={fieldErrors(state, name) ? true : undefined}
          />
          {fieldErrors(state, name) && <span className="error">{fieldErrors(state, name)!.join(" ")}</span>}
        </td>
      ))}
      <td>
        <form id={formId} action={formAction} className="inline-form">
          <input type="hidden" name="studyId" value={studyId} />
          <input type="hidden" name="id" value={row?.id ?? ""} />
          <input type="hidden" name="version" value={row?.version ?? 0} />
          <input type="hidden" name="outcome" value={outcome} />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="armId" value={arm.armId ?? REFERENCE_ARM} />
          <SubmitButton pendingLabel="Saving…" className={row ? "button secondary" : "button"}>
            {row ? "Save" : "Add"}
            <span className="visually-hidden"> the data of {title}</span>
          </SubmitButton>
        </form>
        {row && <DeleteRow row={row} arm={arm} remove={remove} />}
        <FormStatus state={state} />
        {fieldErrors(state, "armId") && (
          <span className="error">{fieldErrors(state, "armId")!.join(" ")}</span>
        )}
      </td>
    </tr>
  );
}

function OutcomeTable({
  studyId,
  group,
  arms,
  canEdit,
  save,
  remove,
}: {
  studyId: string;
  group: ArmOutcomeGroup;
  arms: ArmChoice[];
  canEdit: boolean;
  save: Save;
  remove: Remove;
}) {
  const fields = ARM_OUTCOME_FIELDS[group.kind];
  const byArm = new Map(group.rows.map((r) => [r.armId, r]));
  return (
    <table className="data" aria-label={`Outcome data per arm: ${group.outcome}`}>
      <caption>
        <strong>{group.outcome}</strong> — {ARM_OUTCOME_KIND_LABELS[group.kind]}
      </caption>
      <thead>
        <tr>
          <th scope="col">Arm</th>
          {fields.map(([name, label]) => (
            <th scope="col" key={name} className={canEdit ? undefined : "num"}>
              {label}
            </th>
          ))}
          {canEdit && <th scope="col">Save</th>}
        </tr>
      </thead>
      <tbody>
        {arms.map((arm) => {
          const row = byArm.get(arm.armId) ?? null;
          if (canEdit)
            return (
              <ArmRowForm
                key={`${arm.armId ?? REFERENCE_ARM}-${row?.version ?? 0}`}
                studyId={studyId}
                outcome={group.outcome}
                kind={group.kind}
                arm={arm}
                row={row}
                save={save}
                remove={remove}
              />
            );
          return (
            <tr key={arm.armId ?? REFERENCE_ARM}>
              <th scope="row">{armTitle(arm)}</th>
              {fields.map(([name]) => (
                <td key={name} className="num">
                  {row?.values[name] ?? "—"}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function NewOutcome({
  studyId,
  arms,
  existing,
  suggestions,
  save,
  remove,
}: {
  studyId: string;
  arms: ArmChoice[];
  existing: string[];
  suggestions: string[];
  save: Save;
  remove: Remove;
}) {
  const [outcome, setOutcome] = useState("");
  const [kind, setKind] = useState<ArmOutcomeKind>("events");
  const entry = useTypedBeforeHydration<HTMLFieldSetElement>((field, value) => {
    if (field === "entry-outcome") setOutcome(value);
    if (field === "entry-kind" && (ARM_OUTCOME_KINDS as readonly string[]).includes(value))
      setKind(value as ArmOutcomeKind);
  });
  const id = useId();
  const name = outcome.trim();
  const taken = existing.includes(name);
  return (
    <fieldset className="stack" ref={entry}>
      <legend>Enter another outcome per arm</legend>
      <div className="field-grid">
        <div className="field">
          <label htmlFor={`${id}-outcome`}>Outcome</label>
          <input
            id={`${id}-outcome`}
            data-field="entry-outcome"
            maxLength={120}
            list={`${id}-names`}
            placeholder="e.g. clinical response at 6 months"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
          />
          <datalist id={`${id}-names`}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Data</label>
          <select
            id={`${id}-kind`}
            data-field="entry-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ArmOutcomeKind)}
          >
            {ARM_OUTCOME_KINDS.map((k) => (
              <option key={k} value={k}>
                {ARM_OUTCOME_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {taken && <p className="muted">“{name}” is above: enter its arms there.</p>}
      {name && !taken && (
        <OutcomeTable
          studyId={studyId}
          group={{ outcome: name, kind, rows: [] }}
          arms={arms}
          canEdit
          save={save}
          remove={remove}
        />
      )}
    </fieldset>
  );
}

export function ArmOutcomes({
  studyId,
  data,
  canEdit,
  save,
  remove,
  suggestions,
}: {
  studyId: string;
  data: StudyArmOutcomes;
  canEdit: boolean;
  save: Save;
  remove: Remove;
  suggestions: string[];
}) {
  return (
    <section className="card stack" aria-labelledby="arm-outcomes-heading">
      <h2 id="arm-outcomes-heading" className="card-title">
        Outcome data per arm (dose–response)
      </h2>
      {data.arms.length < 2 && <p className="muted">This study has no dose arm to enter data for.</p>}
      {data.outcomes.length === 0 && <p className="muted">No outcome data entered per arm.</p>}
      {data.outcomes.map((g) => (
        <OutcomeTable
          key={g.outcome}
          studyId={studyId}
          group={g}
          arms={data.arms}
          canEdit={canEdit}
          save={save}
          remove={remove}
        />
      ))}
      {canEdit && data.arms.length >= 2 && (
        <NewOutcome
          studyId={studyId}
          arms={data.arms}
          existing={data.outcomes.map((g) => g.outcome)}
          suggestions={suggestions}
          save={save}
          remove={remove}
        />
      )}
    </section>
  );
}
