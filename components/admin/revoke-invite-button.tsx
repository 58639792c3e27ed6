"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/contracts/action";

type Action = (prev: ActionState<void>, form: FormData) => Promise<ActionState<void>>;

export function RevokeInviteButton({
  inviteId,
  label,
  action,
}: {
  inviteId: string;
  label: string;
  action: Action;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="inviteId" value={inviteId} />
      <SubmitButton className="button danger small" pendingLabel="Revoking…">
        Revoke<span className="visually-hidden"> invitation for {label}</span>
      </SubmitButton>
      {state && !state.ok && (
        <span role="alert" className="text-danger">
          {state.error}
        </span>
      )}
    </form>
  );
}
