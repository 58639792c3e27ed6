"use client";
// E-mail and password sign-in through next-auth; shows the server's reason when it refuses.
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { GENERIC_SIGN_IN_FAILURE, signInMessage } from "@/lib/domain/sign-in-messages";
import { safeCallback } from "@/lib/domain/urls";

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    let result: Awaited<ReturnType<typeof signIn>>;
    try {
      result = await signIn("credentials", {
        email: text(form.get("email")),
        password: text(form.get("password")),
        redirect: false,
      });
    } catch {
      setPending(false);
      setError("The server could not be reached. Check your connection and try again.");
      return;
    }
    setPending(false);
    if (!result || result.error) {
      // Only the app's own messages are shown (never a driver's or a database's words).
      setError(result?.error ? signInMessage(result.error) : GENERIC_SIGN_IN_FAILURE);
      return;
    }
    router.replace(safeCallback(callbackUrl));
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <Field name="email" label="E-mail" type="email" autoComplete="username" required autoFocus />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required />
      <button type="submit" className="button" disabled={pending} aria-busy={pending || undefined}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
