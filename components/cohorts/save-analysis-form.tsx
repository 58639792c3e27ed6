"use client";
// Saves the analysis page's model choices with a cohort, so its link opens them.
import { useActionState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";

export function SaveAnalysisForm({
  action,
  id,
  version,
  query,
  name,
}: {
  action: FormAction<{ slug: string; version: number }>;
  id: string;
  version: number;
  query: string;
  name: string;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction} className="stack" aria-label="Save the analysis with the cohort">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="analysisQuery" value={query} />
      <p>Save these model choices with “{name}”, so that its link opens this analysis.</p>
      <div>
        <SubmitButton pendingLabel="Saving…" className="button secondary">
          Save with the cohort
        </SubmitButton>
      </div>
    </form>
  );
}
