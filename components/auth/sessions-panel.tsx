"use client";
// The signed-in person's open sessions: where and when each began and was last used; end one
// (another device), or sign out everywhere (this browser too, then to the sign-in page).
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import type { OpenSessionView } from "@/lib/contracts/collaboration";
import { fmtUtcMinute } from "@/lib/domain/format";

function EndOne({ id, action }: { id: string; action: FormAction<{ ended: number }> }) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton className="button secondary" pendingLabel="Ending…">
        End this session
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

export function SessionsPanel({
  sessions,
  endOne,
  endAll,
}: {
  sessions: OpenSessionView[];
  endOne: FormAction<{ ended: number }>;
  endAll: FormAction<{ ended: number }>;
}) {
  const router = useRouter();
  const [state, formAction] = useActionState(endAll, null);
  useEffect(() => {
    if (state?.ok) router.replace("/sign-in");
  }, [state, router]);
  return (
    <>
      <table className="data">
        <caption className="visually-hidden">Your open sessions</caption>
        <thead>
          <tr>
            <th scope="col">Browser</th>
            <th scope="col">From</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                {s.userAgent ?? "unknown browser"}
                {s.current && <strong> (this browser)</strong>}
              </td>
              <td>{s.client ?? "unknown"}</td>
              <td>{fmtUtcMinute(s.createdAt)}</td>
              <td>{fmtUtcMinute(s.lastSeenAt)}</td>
              <td>{!s.current && <EndOne id={s.id} action={endOne} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form action={formAction} className="spaced">
        <input type="hidden" name="confirm" value="yes" />
        <FormStatus state={state} />
        <SubmitButton className="button danger" pendingLabel="Signing out…">
          Sign out everywhere
        </SubmitButton>
      </form>
    </>
  );
}
