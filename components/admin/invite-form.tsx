"use client";
// Creates an invitation and shows its one-time link with a copy button.
import { useActionState, useState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action-types";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";

type InviteResult = { path: string; role: Role; email: string | null; expiresAt: string };
type Action = (prev: ActionState<InviteResult>, form: FormData) => Promise<ActionState<InviteResult>>;

export function InviteForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  const [copied, setCopied] = useState(false);
  const created = state?.ok ? state.data : null;
  const link = created ? `${window.location.origin}${created.path}` : null;
  return (
    <form className="stack" action={formAction} onSubmit={() => setCopied(false)}>
      <FormStatus state={state} />
      {link && (
        <div className="field">
          <label htmlFor="invite-link">Invitation link</label>
          <div className="copy-box">
            <input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              className="button secondary"
              onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy link"}
            </button>
          </div>
          <span className="hint">
            Valid until {created && new Date(created.expiresAt).toLocaleString("en-GB")}, for one account.
          </span>
        </div>
      )}
      <Field
        key={`email-${typed(state, "email") ?? ""}`}
        name="email"
        label="E-mail (optional)"
        defaultValue={typed(state, "email")}
        type="email"
        hint="When given, only this address can use the link."
        errors={fieldErrors(state, "email")}
      />
      <div className="field">
        <label htmlFor="invite-role">Role</label>
        <select
          id="invite-role"
          name="role"
          defaultValue={typed(state, "role") ?? "reviewer"}
          key={typed(state, "role")}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <SubmitButton pendingLabel="Creating link…">Create invitation link</SubmitButton>
      </div>
    </form>
  );
}
