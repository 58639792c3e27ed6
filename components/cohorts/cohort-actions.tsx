"use client";
// What a cohort's owner does to it: rename and describe it, and the one-button actions (freeze,
// make live, duplicate, delete), each posting the cohort's id and version to a server action.
import { useRouter } from "next/navigation";
import { useActionState, useId } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";

export function EditCohortForm({
  action,
  id,
  version,
  name,
  description,
}: {
  action: FormAction<{ slug: string; version: number }>;
  id: string;
  version: number;
  name: string;
  description: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  useOnSuccess(state, () => router.refresh());
  return (
    <form className="stack" action={formAction} aria-label="Rename cohort">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <Field
        key={`name-${version}`}
        name="name"
        label="Name"
        required
        maxLength={120}
        defaultValue={typed(state, "name") ?? name}
        errors={fieldErrors(state, "name")}
      />
      <div className="field">
        <label htmlFor="edit-description">Description</label>
        <textarea
          key={`description-${version}`}
          id="edit-description"
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={typed(state, "description") ?? description}
        />
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…" className="button secondary">
          Save name and description
        </SubmitButton>
      </div>
    </form>
  );
}

/** One button that posts the cohort's id and version to an action. */
export function CohortButton<T>({
  action,
  id,
  version,
  label,
  pendingLabel,
  confirm,
  danger,
  then,
}: {
  action: FormAction<T>;
  id: string;
  version?: number;
  label: string;
  pendingLabel: string;
  /** When set, a checkbox with this text must be ticked first. */
  confirm?: string;
  danger?: boolean;
  then: "refresh" | "cohorts" | "open";
}) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  const confirmId = useId();
  useOnSuccess(state, (d) => {
    if (then === "cohorts") router.push("/cohorts");
    else if (then === "open" && d && typeof d === "object" && "slug" in d)
      router.push(`/cohorts/${String(d.slug)}`);
    else router.refresh();
  });
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="id" value={id} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
      {confirm && (
        <label className="check" htmlFor={confirmId}>
          <input id={confirmId} type="checkbox" required /> {confirm}
        </label>
      )}
      <SubmitButton pendingLabel={pendingLabel} className={danger ? "button danger" : "button secondary"}>
        {label}
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}
