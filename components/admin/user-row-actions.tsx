"use client";
// Role and enable/disable controls for one account in the admin table.
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/contracts/action";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";

export function UserRowActions({
  user,
  isSelf,
  changeRole,
  setDisabled,
}: {
  user: { id: string; name: string; role: Role; disabled: boolean };
  isSelf: boolean;
  changeRole: FormAction<{ role: Role }>;
  setDisabled: FormAction<{ disabled: boolean }>;
}) {
  const [roleState, roleAction] = useActionState(changeRole, null);
  const [disableState, disableAction] = useActionState(setDisabled, null);
  const latest = [roleState, disableState].filter(Boolean);
  const error = latest.find((s) => s && !s.ok);
  const success = latest.find((s) => s?.ok);
  return (
    <div>
      <div className="row-actions">
        <form action={roleAction} className="inline-form">
          <input type="hidden" name="userId" value={user.id} />
          <label className="visually-hidden" htmlFor={`role-${user.id}`}>
            Role of {user.name}
          </label>
          <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <SubmitButton className="button secondary small" pendingLabel="Saving…">
            Change role<span className="visually-hidden"> of {user.name}</span>
          </SubmitButton>
        </form>
        {!isSelf && (
          <form action={disableAction} className="inline-form">
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
            <SubmitButton className={user.disabled ? "button secondary small" : "button danger small"}>
              {user.disabled ? "Enable" : "Disable"}
              <span className="visually-hidden"> {user.name}</span>
            </SubmitButton>
          </form>
        )}
      </div>
      {!error && success?.ok && success.message && (
        <p role="status" className="inline-status success">
          {success.message}
        </p>
      )}
      {error && !error.ok && (
        <p className="error inline-status danger" role="alert">
          {error.error}
        </p>
      )}
    </div>
  );
}
