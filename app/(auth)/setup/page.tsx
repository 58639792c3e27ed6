import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { needsSetup } from "@/lib/server/users";
import { createFirstAdminAction } from "./actions";

export const metadata: Metadata = { title: "Create the first administrator" };

export default async function SetupPage() {
  // Once any account exists this page is gone.
  if (!(await needsSetup())) notFound();
  return (
    <div className="card">
      <h1>Create the first administrator</h1>
      <p className="lead">
        This instance has no accounts yet. The administrator you create now can invite the rest of the team as
        administrators, reviewers or viewers.
      </p>
      <CredentialsForm
        action={createFirstAdminAction}
        submitLabel="Create administrator"
        then="/admin/users"
      />
    </div>
  );
}
