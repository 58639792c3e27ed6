import type { Metadata } from "next";
import Link from "next/link";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/domain/roles";
import { lookupInvite } from "@/lib/server/users";
import { acceptInviteAction } from "./actions";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

const PROBLEMS = {
  expired: "This invitation has expired.",
  used: "This invitation has already been used.",
  revoked: "This invitation was withdrawn.",
  unknown: "This invitation link is not valid.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await lookupInvite(token);
  if (invite.status !== "valid") {
    return (
      <div className="card">
        <h1>Invitation</h1>
        <div className="alert error" role="alert">
          {PROBLEMS[invite.status]} Ask an administrator of your team for a new link.
        </div>
        <p className="spaced">
          Already have an account? <Link href="/sign-in">Sign in</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="card">
      <h1>Join the review team</h1>
      <p className="lead">
        You are invited as <strong>{ROLE_LABELS[invite.role]}</strong>: {ROLE_DESCRIPTIONS[invite.role]}
      </p>
      <CredentialsForm
        action={acceptInviteAction}
        submitLabel="Create my account"
        then="/"
        fixedEmail={invite.email}
        hidden={{ token }}
      />
    </div>
  );
}
