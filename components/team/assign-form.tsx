"use client";
// An admin hands the studies of a filter or a cohort to reviewers for a task: to each of them
// (double review) or shared out among them. What was chosen stays in the form after a refusal.
import { useActionState } from "react";
import { FormStatus, fieldErrors, typed } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import type { AssignSource } from "@/lib/contracts/team";
import { ASSIGNMENT_TASKS, TASK_LABELS, type AssignmentTask } from "@/lib/domain/team/assignments";

interface Member {
  id: string;
  name: string;
  role: string;
}

type Result = { created: number; studies: number; skipped: number };

export function AssignForm({
  source,
  members,
  action,
}: {
  source: AssignSource;
  members: Member[];
  action: FormAction<Result>;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  const refused = state && !state.ok;
  const task = (typed(state, "task") as AssignmentTask | undefined) ?? "tag";
  const mode = typed(state, "mode") ?? "each";
  const reviewerErrors = fieldErrors(state, "reviewers");
  return (
    <form action={formAction} className="stack" aria-describedby="assign-what">
      <input type="hidden" name="source" value={source.kind} />
      <input type="hidden" name="value" value={source.value} />
      <p id="assign-what">
        <strong>{source.count.toLocaleString("en")}</strong> {source.count === 1 ? "study" : "studies"}:{" "}
        {source.description}.
      </p>
      <div className="field">
        <label htmlFor="assign-task">Task</label>
        <select id="assign-task" name="task" defaultValue={task} key={`task-${refused ? "r" : ""}`}>
          {ASSIGNMENT_TASKS.map((t) => (
            <option key={t} value={t}>
              {TASK_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <fieldset aria-describedby={reviewerErrors ? "assign-reviewers-error" : undefined}>
        <legend>Reviewers</legend>
        {members.length === 0 && <p className="muted">Invite reviewers first (Admin → People).</p>}
        {members.map((m) => (
          <label key={m.id} className="check">
            <input
              type="checkbox"
              name={`reviewer_${m.id}`}
              defaultChecked={typed(state, `reviewer_${m.id}`) === "on"}
            />{" "}
            {m.name}
            {m.role === "admin" ? " (admin)" : ""}
          </label>
        ))}
        {reviewerErrors && (
          <p className="error" id="assign-reviewers-error">
            {reviewerErrors.join(" ")}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>How</legend>
        <label className="check">
          <input type="radio" name="mode" value="each" defaultChecked={mode === "each"} /> Every study to each
          reviewer (double review)
        </label>
        <label className="check">
          <input type="radio" name="mode" value="share" defaultChecked={mode === "share"} /> Share the studies
          out among them
        </label>
      </fieldset>
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Assigning…">Assign</SubmitButton>
    </form>
  );
}

export function UnassignButton({
  task,
  assigneeId,
  name,
  todo,
  action,
}: {
  task: AssignmentTask;
  assigneeId: string;
  name: string;
  todo: number;
  action: FormAction<{ removed: number }>;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  if (todo === 0) return null;
  return (
    <form action={formAction}>
      <input type="hidden" name="task" value={task} />
      <input type="hidden" name="assigneeId" value={assigneeId} />
      <SubmitButton className="button secondary small" pendingLabel="Taking back…">
        <span aria-label={`Take back ${name}'s ${todo} open ${TASK_LABELS[task].toLowerCase()} assignments`}>
          Take back open
        </span>
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}
