import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SessionsPanel } from "@/components/auth/sessions-panel";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/domain/roles";
import { mySessions } from "@/lib/server/account-sessions";
import { requirePageUser } from "@/lib/server/platform/session";
import { changePasswordAction, endSessionAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser("viewer", "/account");
  const sessions = await mySessions(user);
  return (
    <>
      <h1>Your account</h1>
      <section className="card" aria-labelledby="who">
        <h2 id="who" className="card-title">
          {user.name}
        </h2>
        <p>{user.email}</p>
        <p>
          <strong>{ROLE_LABELS[user.role]}</strong>: {ROLE_DESCRIPTIONS[user.role]}
        </p>
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading" className="card-title">
          Change password
        </h2>
        <p className="muted">Changing your password signs you out on every other device.</p>
        <ChangePasswordForm action={changePasswordAction} />
      </section>
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="card-title">
          Where you are signed in
        </h2>
        <p className="muted">
          Signing out ends a session on the server: a copy of its cookie no longer works. End a session you do
          not recognise, or sign out everywhere.
        </p>
        <SessionsPanel sessions={sessions} endOne={endSessionAction} endAll={signOutEverywhereAction} />
      </section>
    </>
  );
}
