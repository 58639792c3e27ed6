"use client";
// Changes the signed-in person's password (which ends their other sessions).
import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/components/ui/field";
import { fieldErrors, FormStatus } from "@/components/ui/form-status";
import { NewPasswordFields } from "@/components/ui/password-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/contracts/action";

export function ChangePasswordForm({ action }: { action: FormAction<void> }) {
  const [state, formAction] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} className="stack" action={formAction}>
      <FormStatus state={state} />
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors(state, "currentPassword")}
      />
      <NewPasswordFields
        state={state}
        name="newPassword"
        label="New password"
        hint="At least 8 characters."
      />
      <div>
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
