"use client";
// A form that creates an account through a server action, then signs the new user in.
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/components/ui/field";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { NewPasswordFields } from "@/components/ui/password-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/contracts/action";

export function CredentialsForm({
  action,
  submitLabel,
  then,
  fixedEmail,
  hidden,
  askSetupCode = false,
}: {
  action: FormAction<{ email: string }>;
  submitLabel: string;
  then: string;
  fixedEmail?: string | null;
  hidden?: Record<string, string>;
  /** Asks for the server's one-time setup code (the first administrator, from another machine). */
  askSetupCode?: boolean;
}) {
  const router = useRouter();
  const [state, formAction] = useActionState(action, null);
  const passwordRef = useRef("");

  useEffect(() => {
    if (!state?.ok) return;
    void signIn("credentials", {
      email: state.data.email,
      password: passwordRef.current,
      redirect: false,
    }).then((res) => {
      router.replace(res?.ok ? then : "/sign-in");
      router.refresh();
    });
  }, [state, router, then]);

  return (
    <form
      className="stack"
      action={formAction}
      onSubmit={(e) => {
        const password = new FormData(e.currentTarget).get("password");
        passwordRef.current = typeof password === "string" ? password : "";
      }}
    >
      <FormStatus state={state} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Field
        key={`name-${typed(state, "name") ?? ""}`}
        name="name"
        label="Your name"
        autoComplete="name"
        required
        defaultValue={typed(state, "name")}
        errors={fieldErrors(state, "name")}
      />
      <Field
        key={`email-${typed(state, "email") ?? ""}`}
        name="email"
        label="E-mail"
        type="email"
        autoComplete="username"
        required
        defaultValue={fixedEmail ?? typed(state, "email")}
        readOnly={Boolean(fixedEmail)}
        errors={fieldErrors(state, "email")}
      />
      <NewPasswordFields state={state} />
      {askSetupCode && (
        <Field
          name="setupCode"
          label="Setup code"
          autoComplete="off"
          required
          errors={fieldErrors(state, "setupCode")}
        />
      )}
      <SubmitButton pendingLabel="Creating account…">{submitLabel}</SubmitButton>
    </form>
  );
}
