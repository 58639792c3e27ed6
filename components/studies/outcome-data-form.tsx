"use client";
// Outcome data of a study for meta-analysis: one entry per outcome, as events/total of one arm,
// events/total of two groups, or means, SDs and sizes of two groups.
import { useActionState, useState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import { DESIGN_LABELS, DESIGNS, type OutcomeDesign } from "@/lib/domain/outcome-designs";
import type { OutcomeEntry } from "@/lib/contracts/collaboration";

type Design = OutcomeDesign;

const FIELDS: Record<Design, [string, string][]> = {
  single_arm: [
    ["xi", "Events"],
    ["ni", "Total"],
  ],
  two_group_binary: [
    ["ai", "Events, MSC group"],
    ["n1i", "Total, MSC group"],
    ["ci", "Events, control group"],
    ["n2i", "Total, control group"],
  ],
  continuous: [
    ["m1i", "Mean, MSC group"],
    ["sd1i", "SD, MSC group"],
    ["n1i", "n, MSC group"],
    ["m2i", "Mean, control group"],
    ["sd2i", "SD, control group"],
    ["n2i", "n, control group"],
  ],
};

function EntryForm({
  studyId,
  entry,
  save,
  suggestions,
}: {
  studyId: string;
  entry: OutcomeEntry | null;
  save: FormAction<{ id: string; version: number }>;
  suggestions: string[];
}) {
  const [state, formAction] = useActionState(save, null);
  const [nonce, setNonce] = useState(0);
  useRefreshOnSuccess(state, () => {
    if (!entry) setNonce((n) => n + 1);
  });
  const [design, setDesign] = useState<Design>(
    (typed(state, "design") as Design) ?? entry?.design ?? "single_arm",
  );
  const prefix = entry ? `od-${entry.id}` : "od-new";
  const value = (name: string) => typed(state, name) ?? (entry?.values[name] ?? "").toString();
  return (
    <form
      className="stack outcome-form"
      action={formAction}
      key={`${entry?.version ?? 0}-${nonce}`}
      aria-label={entry ? `Outcome data: ${entry.outcome}` : "New outcome data"}
    >
      <FormStatus state={state} />
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="id" value={entry?.id ?? ""} />
      <input type="hidden" name="version" value={entry?.version ?? 0} />
      <div className="field-grid">
        <div className="field">
          <label htmlFor={`${prefix}-outcome`}>Outcome</label>
          <input
            id={`${prefix}-outcome`}
            name="outcome"
            required
            maxLength={120}
            list="outcome-names"
            placeholder="e.g. clinical response at 6 months"
            defaultValue={typed(state, "outcome") ?? entry?.outcome ?? ""}
          />
          {fieldErrors(state, "outcome") && (
            <span className="error">{fieldErrors(state, "outcome")!.join(" ")}</span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-design`}>Data</label>
          <select
            id={`${prefix}-design`}
            name="design"
            value={design}
            onChange={(e) => setDesign(e.target.value as Design)}
          >
            {DESIGNS.map((d) => (
              <option key={d} value={d}>
                {DESIGN_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <datalist id="outcome-names">
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div className="field-grid">
        {FIELDS[design].map(([name, label]) => (
          <div className="field" key={name}>
            <label htmlFor={`${prefix}-${name}`}>{label}</label>
            <input id={`${prefix}-${name}`} name={name} inputMode="decimal" defaultValue={value(name)} />
            {fieldErrors(state, name) && <span className="error">{fieldErrors(state, name)!.join(" ")}</span>}
          </div>
        ))}
      </div>
      {design === "continuous" && (
        <label className="check">
          <input
            type="checkbox"
            name="changeScores"
            value="on"
            defaultChecked={entry?.changeScores ?? false}
          />{" "}
          These are change scores (change from baseline)
        </label>
      )}
      <div>
        <SubmitButton pendingLabel="Saving…" className={entry ? "button secondary" : "button"}>
          {entry ? "Save changes" : "Add outcome data"}
        </SubmitButton>
      </div>
    </form>
  );
}

function DeleteEntry({ entry, remove }: { entry: OutcomeEntry; remove: FormAction<{ deleted: boolean }> }) {
  const [state, formAction] = useActionState(remove, null);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="id" value={entry.id} />
      <input type="hidden" name="version" value={entry.version} />
      <SubmitButton pendingLabel="Deleting…" className="button link danger">
        Delete “{entry.outcome}”
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

export function OutcomeData({
  studyId,
  entries,
  canEdit,
  save,
  remove,
  suggestions,
}: {
  studyId: string;
  entries: OutcomeEntry[];
  canEdit: boolean;
  save: FormAction<{ id: string; version: number }>;
  remove: FormAction<{ deleted: boolean }>;
  suggestions: string[];
}) {
  return (
    <div className="stack">
      {entries.length === 0 && <p className="muted">No outcome data entered for this study.</p>}
      {entries.map((e) =>
        canEdit ? (
          <div key={e.id} className="thread">
            <EntryForm studyId={studyId} entry={e} save={save} suggestions={suggestions} />
            <DeleteEntry entry={e} remove={remove} />
          </div>
        ) : (
          <p key={e.id}>
            <strong>{e.outcome}</strong>:{" "}
            {FIELDS[e.design].map(([name, label]) => `${label} ${e.values[name] ?? "—"}`).join(", ")}
          </p>
        ),
      )}
      {canEdit && <EntryForm studyId={studyId} entry={null} save={save} suggestions={suggestions} />}
    </div>
  );
}
