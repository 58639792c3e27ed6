import type { Metadata } from "next";
import { InviteForm } from "@/components/admin/invite-form";
import { RevokeInviteButton } from "@/components/admin/revoke-invite-button";
import { UserRowActions } from "@/components/admin/user-row-actions";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { requirePageUser } from "@/lib/server/platform/session";
import { listInvites, listUsers } from "@/lib/server/users";
import { changeRoleAction, createInviteAction, revokeInviteAction, setDisabledAction } from "./actions";

export const metadata: Metadata = { title: "People" };

const date = (d: Date | null) =>
  d
    ? d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC"
    : "never";

export default async function AdminUsersPage() {
  const admin = await requirePageUser("admin", "/admin/users");
  const [users, invites] = await Promise.all([listUsers(admin), listInvites(admin)]);
  return (
    <>
      <h1>People</h1>
      <p className="lead">
        Invite your review team, set what each person may do, and disable accounts that should no longer have
        access.
      </p>

      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="card-title">
          Invite someone
        </h2>
        <InviteForm action={createInviteAction} />
      </section>

      <h2>Accounts</h2>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-email={u.email}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.disabledAt ? "Disabled" : "Active"}</td>
                <td>{date(u.lastSignInAt)}</td>
                <td>
                  <UserRowActions
                    user={{ id: u.id, name: u.name, role: u.role, disabled: u.disabledAt !== null }}
                    isSelf={u.id === admin.id}
                    changeRole={changeRoleAction}
                    setDisabled={setDisabledAction}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Open invitations</h2>
      {invites.length === 0 ? (
        <p className="muted">No open invitations.</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Open invitations</caption>
            <thead>
              <tr>
                <th scope="col">For</th>
                <th scope="col">Role</th>
                <th scope="col">Created by</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {invites.map((i) => (
                <tr key={i.id}>
                  <td>{i.email ?? <span className="muted">anyone with the link</span>}</td>
                  <td>{ROLE_LABELS[i.role]}</td>
                  <td>{i.createdBy.name}</td>
                  <td>{i.expiresAt < new Date() ? "expired" : date(i.expiresAt)}</td>
                  <td>
                    <RevokeInviteButton
                      inviteId={i.id}
                      label={i.email ?? "anyone"}
                      action={revokeInviteAction}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
