"use client";
// The inbox: newest first, unread ones marked in words and weight; open one (marks it read and
// goes to its study), mark it read or unread, or mark everything read.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import type { InboxItem, InboxKind } from "@/lib/contracts/team";
import { fmtUtcMinute } from "@/lib/domain/format";

const KIND_LABELS: Record<InboxKind, string> = {
  mention: "Mention",
  reply: "Reply",
  assignment: "Assignment",
  conflict: "Conflict",
};

function ReadToggle({ item, action }: { item: InboxItem; action: FormAction<{ changed: number }> }) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={item.id} />
      <input type="hidden" name="read" value={item.read ? "0" : "1"} />
      <SubmitButton className="button secondary small" pendingLabel="Saving…">
        {item.read ? "Mark unread" : "Mark read"}
      </SubmitButton>
      <FormStatus state={state && !state.ok ? state : null} />
    </form>
  );
}

function OpenItem({ item, action }: { item: InboxItem; action: FormAction<{ changed: number }> }) {
  const router = useRouter();
  const href = item.href;
  // Opening marks the notification read first; the link works without JavaScript too.
  const [, formAction] = useActionState(async (prev: Awaited<ReturnType<typeof action>>, form: FormData) => {
    const result = await action(prev, form);
    router.push(href);
    return result;
  }, null);
  if (item.read)
    return (
      <Link href={href} prefetch={false}>
        Open
      </Link>
    );
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={item.id} />
      <input type="hidden" name="read" value="1" />
      <SubmitButton className="button secondary small" pendingLabel="Opening…">
        Open
      </SubmitButton>
    </form>
  );
}

export function InboxList({
  items,
  unread,
  mark,
  markAll,
}: {
  items: InboxItem[];
  unread: number;
  mark: FormAction<{ changed: number }>;
  markAll: FormAction<{ changed: number }>;
}) {
  const [state, allAction] = useActionState(markAll, null);
  useRefreshOnSuccess(state);
  return (
    <>
      <div className="toolbar">
        <p>{unread === 0 ? "Nothing unread." : `${unread.toLocaleString("en")} unread.`}</p>
        {unread > 0 && (
          <form action={allAction}>
            <input type="hidden" name="all" value="yes" />
            <SubmitButton className="button secondary" pendingLabel="Marking…">
              Mark all read
            </SubmitButton>
          </form>
        )}
      </div>
      <FormStatus state={state} />
      {items.length === 0 ? (
        <p className="muted">
          Mentions of you, replies in your threads, studies assigned to you and conflicts on your edits arrive
          here.
        </p>
      ) : (
        <ul className="inbox" data-testid="inbox">
          {items.map((item) => (
            <li key={item.id} className={item.read ? "inbox-item" : "inbox-item unread"}>
              <p>
                <span className="kind-badge">{KIND_LABELS[item.kind]}</span>{" "}
                {!item.read && <strong className="visually-hidden">Unread: </strong>}
                {item.read ? item.message : <strong>{item.message}</strong>}
              </p>
              <p className="muted inbox-actions">
                <time dateTime={item.createdAt}>{fmtUtcMinute(item.createdAt)}</time>
                <OpenItem item={item} action={mark} />
                <ReadToggle item={item} action={mark} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
