"use client";
// A cohort's read-only links: create one (shown once, with a copy box), see them, revoke them.
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { CopyBox } from "@/components/ui/copy-link";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";

interface ShareLinkRow {
  id: string;
  showAnnotations: boolean;
  expiresAt: string | null;
  revokedAt: string | null;
  expired: boolean;
  createdAt: string;
  createdBy: string;
}

export function ShareLinks({
  cohortId,
  links,
  create,
  revoke,
}: {
  cohortId: string;
  links: ShareLinkRow[];
  create: FormAction<{ id: string; path: string; expiresAt: string | null }>;
  revoke: FormAction<{ alreadyRevoked: boolean }>;
}) {
  const [state, formAction] = useActionState(create, null);
  const router = useRouter();
  useOnSuccess(state, () => router.refresh());
  const created = state?.ok ? state.data : null;
  const date = (iso: string) => new Date(iso).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC";
  return (
    <div className="stack">
      <form className="stack" action={formAction} aria-label="Create a read-only link">
        <FormStatus state={state} />
        {created && <CopyBox key={created.id} id="share-link" label="Read-only link" path={created.path} />}
        <input type="hidden" name="cohortId" value={cohortId} />
        <Field
          name="expiresInDays"
          label="Expires after (days, optional)"
          inputMode="numeric"
          hint="Leave empty for a link that works until it is revoked."
          defaultValue={typed(state, "expiresInDays")}
          errors={fieldErrors(state, "expiresInDays")}
        />
        <label className="check">
          <input type="checkbox" name="showAnnotations" value="on" /> Show the team&apos;s annotations
          (without names)
        </label>
        <div>
          <SubmitButton pendingLabel="Creating…" className="button secondary">
            Create read-only link
          </SubmitButton>
        </div>
      </form>
      {links.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Read-only links of this cohort</caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Annotations</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => {
              return (
                <tr key={l.id}>
                  <td>
                    {date(l.createdAt)} by {l.createdBy}
                  </td>
                  <td>{l.showAnnotations ? "shown" : "hidden"}</td>
                  <td>{l.expiresAt ? date(l.expiresAt) : "never"}</td>
                  <td>
                    {l.revokedAt ? (
                      `revoked ${date(l.revokedAt)}`
                    ) : l.expired ? (
                      "expired"
                    ) : (
                      <RevokeButton action={revoke} id={l.id} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RevokeButton({ action, id }: { action: FormAction<{ alreadyRevoked: boolean }>; id: string }) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  useOnSuccess(state, () => router.refresh());
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="id" value={id} />
      active{" "}
      <SubmitButton pendingLabel="Revoking…" className="button danger">
        Revoke
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}
