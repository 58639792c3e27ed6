"use client";
// Creates an invitation and shows its one-time link with a copy button.
import { useActionState } from "react";
import { CopyBox } from "@/components/ui/copy-link";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/contracts/action";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";

type InviteResult = { path: string; role: Role; email: string | null; expiresAt: string };
export function InviteForm({ action }: { action: FormAction<InviteResult> }) {
  const [state, formAction] = useActionState(action, null);
  const created = state?.ok ? state.data : null;
  return (
    <form className="stack" action={formAction}>
      <FormStatus state={state} />
      {created && (
        <CopyBox
          key={created.path}
          id="invite-link"
          label="Invitation link"
          path={created.path}
          hint={`Valid until ${new Date(created.expiresAt).toLocaleString("en-GB")}, for one account.`}
        />
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
