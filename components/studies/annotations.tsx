"use client";
// Annotation threads on a study: write (optionally on one field), reply, edit and delete your
// own, resolve or reopen. A save refused because someone else changed the annotation keeps
// your text in the form with their version, so you can read theirs and save yours again.
import { useActionState, useState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { Markdown } from "@/components/ui/markdown";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import { fmtUtcMinute } from "@/lib/domain/format";
import { ANNOTATION_FIELDS, FIELD_LABELS } from "@/lib/domain/annotation-fields";
import type { ReplyView, ThreadView } from "@/lib/contracts/collaboration";

export type { ReplyView, ThreadView };
export interface AnnotationActions {
  create: FormAction<{ id: string }>;
  edit: FormAction<{ version: number }>;
  remove: FormAction<{ deleted: boolean }>;
  status: FormAction<{ status: "open" | "resolved" }>;
}

const MARKDOWN_HINT = "Plain text, or **bold**, *italic*, `code`, [links](https://…) and “- ” lists.";

function NewAnnotation({
  studyId,
  action,
  handles,
}: {
  studyId: string;
  action: FormAction<{ id: string }>;
  handles: string[];
}) {
  const [state, formAction] = useActionState(action, null);
  const [nonce, setNonce] = useState(0);
  useRefreshOnSuccess(state, () => setNonce((n) => n + 1));
  return (
    <form className="stack" action={formAction} aria-label="New annotation" key={nonce}>
      <FormStatus state={state} />
      <input type="hidden" name="studyId" value={studyId} />
      <div className="field">
        <label htmlFor="annotation-field">About</label>
        <select id="annotation-field" name="field" defaultValue={typed(state, "field") ?? ""}>
          <option value="">The whole study</option>
          {ANNOTATION_FIELDS.map((f) => (
            <option key={f} value={f}>
              {FIELD_LABELS[f]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="annotation-body">Annotation</label>
        <span className="hint" id="annotation-body-hint">
          {MARKDOWN_HINT}
          {handles.length > 0 &&
            ` Write @ and a name to notify a teammate, e.g. ${handles.map((h) => `@${h}`).join(", ")}.`}
        </span>
        <textarea
          id="annotation-body"
          name="body"
          rows={3}
          required
          maxLength={5000}
          aria-describedby="annotation-body-hint"
          defaultValue={typed(state, "body")}
          aria-invalid={fieldErrors(state, "body") ? true : undefined}
        />
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…">Add annotation</SubmitButton>
      </div>
    </form>
  );
}

function Reply({
  studyId,
  parentId,
  action,
}: {
  studyId: string;
  parentId: string;
  action: FormAction<{ id: string }>;
}) {
  const [state, formAction] = useActionState(action, null);
  const [nonce, setNonce] = useState(0);
  useRefreshOnSuccess(state, () => setNonce((n) => n + 1));
  const id = `reply-${parentId}`;
  return (
    <form className="reply-form" action={formAction} key={nonce} aria-label="Reply">
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="parentId" value={parentId} />
      <label htmlFor={id} className="visually-hidden">
        Reply
      </label>
      <textarea
        id={id}
        name="body"
        rows={1}
        required
        maxLength={5000}
        placeholder="Reply…"
        defaultValue={typed(state, "body")}
      />
      <SubmitButton pendingLabel="Sending…" className="button secondary">
        Reply
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

function EditForm({
  item,
  action,
  onDone,
}: {
  item: ReplyView;
  action: FormAction<{ version: number }>;
  onDone: () => void;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state, onDone);
  const id = `edit-${item.id}`;
  return (
    // Keyed by version: after a refused save and a reload, the form takes the new version and
    // keeps the text that was typed.
    <form className="stack" action={formAction} key={item.version} aria-label="Edit annotation">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={item.id} />
      <input type="hidden" name="version" value={item.version} />
      <label htmlFor={id} className="visually-hidden">
        Annotation text
      </label>
      <textarea
        id={id}
        name="body"
        rows={3}
        required
        maxLength={5000}
        defaultValue={typed(state, "body") ?? item.body}
      />
      <div className="row-actions">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function SmallAction({
  action,
  fields,
  label,
  pending,
  danger,
}: {
  action: FormAction<unknown>;
  fields: Record<string, string | number>;
  label: string;
  pending: string;
  danger?: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction} className="inline-form">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton pendingLabel={pending} className={danger ? "button link danger" : "button link"}>
        {label}
      </SubmitButton>
      {state && !state.ok && (
        <span className="alert error" role="alert">
          {state.error}
        </span>
      )}
    </form>
  );
}

function Item({
  item,
  me,
  canWrite,
  isAdmin,
  actions,
  children,
}: {
  item: ReplyView;
  me: string;
  canWrite: boolean;
  isAdmin: boolean;
  actions: AnnotationActions;
  children?: React.ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const mine = item.authorId === me;
  return (
    <div className="annotation" data-annotation={item.id}>
      <div className="annotation-head">
        <strong>{item.author}</strong> <span className="muted">{fmtUtcMinute(item.createdAt)}</span>
        {item.edited && <span className="muted"> · edited</span>}
        {children}
      </div>
      {editing ? (
        <EditForm item={item} action={actions.edit} onDone={() => setEditing(false)} />
      ) : (
        <Markdown source={item.body} />
      )}
      {canWrite && !editing && (mine || isAdmin) && (
        <div className="annotation-actions">
          {mine && (
            <button type="button" className="button link" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          <SmallAction
            action={actions.remove as FormAction<unknown>}
            fields={{ id: item.id, version: item.version }}
            label="Delete"
            pending="Deleting…"
            danger
          />
        </div>
      )}
    </div>
  );
}

export function Annotations({
  studyId,
  threads,
  me,
  canWrite,
  isAdmin,
  actions,
  handles = [],
}: {
  studyId: string;
  threads: ThreadView[];
  me: string;
  canWrite: boolean;
  isAdmin: boolean;
  actions: AnnotationActions;
  /** Teammates' @handles, for the hint. */
  handles?: string[];
}) {
  const open = threads.filter((t) => t.status === "open").length;
  return (
    <div className="stack">
      <p>
        {threads.length === 0
          ? "No annotations on this study yet."
          : `${threads.length} thread${threads.length === 1 ? "" : "s"}, ${open} open.`}
      </p>
      {threads.map((t) => (
        <article key={t.id} className={`thread ${t.status}`} aria-label={`Annotation by ${t.author}`}>
          <Item item={t} me={me} canWrite={canWrite} isAdmin={isAdmin} actions={actions}>
            {t.field && (
              <span className="field-badge">
                on {FIELD_LABELS[t.field as keyof typeof FIELD_LABELS] ?? t.field}
              </span>
            )}
            <span className={`status-badge ${t.status}`}>{t.status === "open" ? "Open" : "Resolved"}</span>
            {canWrite && (
              <SmallAction
                action={actions.status as FormAction<unknown>}
                fields={{ id: t.id, version: t.version, status: t.status === "open" ? "resolved" : "open" }}
                label={t.status === "open" ? "Resolve" : "Reopen"}
                pending="Saving…"
              />
            )}
          </Item>
          {t.replies.length > 0 && (
            <div className="replies">
              {t.replies.map((r) => (
                <Item key={r.id} item={r} me={me} canWrite={canWrite} isAdmin={isAdmin} actions={actions} />
              ))}
            </div>
          )}
          {canWrite && <Reply studyId={studyId} parentId={t.id} action={actions.create} />}
        </article>
      ))}
      {canWrite ? (
        <NewAnnotation studyId={studyId} action={actions.create} handles={handles} />
      ) : (
        <p className="muted">Viewers read annotations; reviewers write them.</p>
      )}
    </div>
  );
}
