"use client";
// Saves the dashboard's filter as a new cohort, or into the cohort whose filter is being edited.
// Each posts to a server action that checks session, role and ownership itself.
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";

export function SaveCohortForm({
  action,
  query,
}: {
  action: FormAction<{ id: string; slug: string }>;
  query: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  useOnSuccess(state, (d) => router.push(`/cohorts/${d.slug}`));
  return (
    <form className="stack" action={formAction} aria-label="Save as cohort">
      <FormStatus state={state} />
      <input type="hidden" name="filterQuery" value={query} />
      <Field
        name="name"
        label="Cohort name"
        required
        maxLength={120}
        defaultValue={typed(state, "name")}
        errors={fieldErrors(state, "name")}
      />
      <div className="field">
        <label htmlFor="cohort-description">Description (optional)</label>
        <textarea
          id="cohort-description"
          name="description"
          rows={2}
          maxLength={2000}
          defaultValue={typed(state, "description")}
        />
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…">Save this filter as a cohort</SubmitButton>
      </div>
    </form>
  );
}

export function UpdateFilterForm({
  action,
  id,
  version,
  query,
  name,
  slug,
}: {
  action: FormAction<{ slug: string; version: number }>;
  id: string;
  version: number;
  query: string;
  name: string;
  slug: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  useOnSuccess(state, (d) => router.push(`/cohorts/${d.slug}`));
  return (
    <form className="alert info cohort-edit-bar" action={formAction} aria-label="Cohort filter">
      <span>
        Editing the filter of cohort <a href={`/cohorts/${slug}`}>{name}</a>. Pick the filters, apply them,
        then save.
      </span>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="filterQuery" value={query} />
      <SubmitButton pendingLabel="Saving…">Save this filter to the cohort</SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}
