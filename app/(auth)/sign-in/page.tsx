import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallback } from "@/lib/domain/urls";
import { currentUser } from "@/lib/server/platform/session";
import { needsSetup } from "@/lib/server/users";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  SessionRequired: "Please sign in to continue.",
  CredentialsSignin: "That e-mail and password do not match an account.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; ended?: string }>;
}) {
  if (await needsSetup()) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const error = params.error ? (ERRORS[params.error] ?? params.error) : undefined;
  return (
    <div className="card">
      <h1>Sign in</h1>
      <p className="lead">Use the e-mail address and password of your team account.</p>
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
      <p className="muted spaced small">
        No account? Ask an administrator of your team for an invitation link.
      </p>
    </div>
  );
}
