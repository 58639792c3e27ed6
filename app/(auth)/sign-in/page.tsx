import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInMessage } from "@/lib/domain/sign-in-messages";
import { safeCallback } from "@/lib/domain/urls";
import { currentUser } from "@/lib/server/platform/session";
import { needsSetup } from "@/lib/server/users";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; ended?: string }>;
}) {
  if (await needsSetup()) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  // Only messages the app itself writes: a link cannot put its own words on this page.
  const error = params.error ? signInMessage(params.error) : undefined;
  return (
    <div className="card">
      <h1>Sign in</h1>
      <p className="lead">Use the e-mail address and password of your team account.</p>
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
      <p className="muted spaced small">
        No account? Ask an administrator of your team for an invitation link.
      </p>
      <p className="muted small">
        After five wrong passwords for an account from one place, that place waits 15 minutes; you can still
        sign in from elsewhere. When an account gets many wrong passwords from many places, each attempt waits
        a little longer, up to a minute — it is never locked.
      </p>
    </div>
  );
}
