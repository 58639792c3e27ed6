"use client";
// The forms that save, edit, freeze, duplicate, delete and share cohorts. Each one posts to a
// server action (which checks session, role and ownership itself) and shows its answer.
import { useRouter } from "next/navigation";
import { useActionState, useId, useState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useOnSuccess } from "@/components/ui/use-refresh";
import type { ActionState } from "@/lib/server/action-types";

type Action<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

export function SaveCohortForm({
  action,
  query,
}: {
  action: Action<{ id: string; slug: string }>;
  query: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  useOnSuccess(state, (d) => router.push(`/cohorts/${d.slug}`));
  return (
    <form className="stack" action={formAction} aria-label="Save as cohort">
      <FormStatus state={state} />
      <input type="hidden" name="query" value={query} />
      <Field
        name="name"
        label="Cohort name"
        required
        maxLength={120}
        defaultValue={typed(state, "name")}
        errors={fieldErrors(state, "name")}
      />
      <div className="field">
        <label htmlFor="cohort-description">Description (optional)</label>
        <textarea
          id="cohort-description"
          name="description"
          rows={2}
          maxLength={2000}
          defaultValue={typed(state, "description")}
        />
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…">Save this filter as a cohort</SubmitButton>
      </div>
    </form>
  );
}

export function UpdateFilterForm({
  action,
  id,
  version,
  query,
  name,
  slug,
}: {
  action: Action<{ slug: string; version: number }>;
  id: string;
  version: number;
  query: string;
  name: string;
  slug: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  useOnSuccess(state, (d) => router.push(`/cohorts/${d.slug}`));
  return (
    <form className="alert info cohort-edit-bar" action={formAction} aria-label="Cohort filter">
      <span>
        Editing the filter of cohort <a href={`/cohorts/${slug}`}>{name}</a>. Pick the filters, apply them,
        then save.
      </span>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="query" value={query} />
      <SubmitButton pendingLabel="Saving…">Save this filter to the cohort</SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

export function EditCohortForm({
  action,
  id,
  version,
  name,
  description,
}: {
  action: Action<{ slug: string; version: number }>;
  id: string;
  version: number;
  name: string;
  description: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  useOnSuccess(state, () => router.refresh());
  return (
    <form className="stack" action={formAction} aria-label="Rename cohort">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <Field
        key={`name-${version}`}
        name="name"
        label="Name"
        required
        maxLength={120}
        defaultValue={typed(state, "name") ?? name}
        errors={fieldErrors(state, "name")}
      />
      <div className="field">
        <label htmlFor="edit-description">Description</label>
        <textarea
          key={`description-${version}`}
          id="edit-description"
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={typed(state, "description") ?? description}
        />
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…" className="button secondary">
          Save name and description
        </SubmitButton>
      </div>
    </form>
  );
}

/** One button that posts the cohort's id and version to an action. */
export function CohortButton<T>({
  action,
  id,
  version,
  label,
  pendingLabel,
  confirm,
  danger,
  then,
}: {
  action: Action<T>;
  id: string;
  version?: number;
  label: string;
  pendingLabel: string;
  /** When set, a checkbox with this text must be ticked first. */
  confirm?: string;
  danger?: boolean;
  then: "refresh" | "cohorts" | "open";
}) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  const confirmId = useId();
  useOnSuccess(state, (d) => {
    if (then === "cohorts") router.push("/cohorts");
    else if (then === "open" && d && typeof d === "object" && "slug" in d)
      router.push(`/cohorts/${String(d.slug)}`);
    else router.refresh();
  });
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="id" value={id} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
      {confirm && (
        <label className="check" htmlFor={confirmId}>
          <input id={confirmId} type="checkbox" required /> {confirm}
        </label>
      )}
      <SubmitButton pendingLabel={pendingLabel} className={danger ? "button danger" : "button secondary"}>
        {label}
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

export function CopyLinkButton({ path, label = "Copy link" }: { path: string; label?: string }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => {
        const url = `${window.location.origin}${path}`;
        if (!navigator.clipboard) return setCopied("failed");
        navigator.clipboard.writeText(url).then(
          () => setCopied("yes"),
          () => setCopied("failed"),
        );
      }}
    >
      <span aria-live="polite">
        {copied === "yes"
          ? "Link copied"
          : copied === "failed"
            ? "Copy failed: select the address bar"
            : label}
      </span>
    </button>
  );
}

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
  create: Action<{ id: string; path: string; expiresAt: string | null }>;
  revoke: Action<{ alreadyRevoked: boolean }>;
}) {
  const [state, formAction] = useActionState(create, null);
  const router = useRouter();
  const [copied, setCopied] = useState(false);
  useOnSuccess(state, () => {
    setCopied(false);
    router.refresh();
  });
  const created = state?.ok ? state.data : null;
  const link = created ? `${window.location.origin}${created.path}` : null;
  const date = (iso: string) => new Date(iso).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC";
  return (
    <div className="stack">
      <form className="stack" action={formAction} aria-label="Create a read-only link">
        <FormStatus state={state} />
        {link && (
          <div className="field">
            <label htmlFor="share-link">Read-only link</label>
            <div className="copy-box">
              <input id="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
              <button
                type="button"
                className="button secondary"
                onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}
              >
                {copied ? "Copied" : "Copy link"}
              </button>
            </div>
          </div>
        )}
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

function RevokeButton({ action, id }: { action: Action<{ alreadyRevoked: boolean }>; id: string }) {
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
