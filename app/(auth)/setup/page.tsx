import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { isLoopback } from "@/lib/domain/client-address";
import { requestClient } from "@/lib/server/platform/request-client";
import { needsSetup } from "@/lib/server/users";
import { createFirstAdminAction } from "./actions";

export const metadata: Metadata = { title: "Create the first administrator" };

export default async function SetupPage() {
  // Once any account exists this page is gone.
  if (!(await needsSetup())) notFound();
  const remote = !isLoopback(await requestClient());
  return (
    <div className="card">
      <h1>Create the first administrator</h1>
      <p className="lead">
        This instance has no accounts yet. The administrator you create now can invite the rest of the team as
        administrators, reviewers or viewers.
      </p>
      {remote && (
        <p className="alert info">
          You are not on the server&apos;s own machine: enter the one-time setup code that the server printed
          in its console when it started, so that nobody else on the network can claim this instance.
        </p>
      )}
      <CredentialsForm
        action={createFirstAdminAction}
        submitLabel="Create administrator"
        then="/admin/users"
        askSetupCode={remote}
      />
    </div>
  );
}
