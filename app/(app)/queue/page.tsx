import type { Metadata } from "next";
import Link from "next/link";
import {
  ASSIGNMENT_STATUSES,
  ASSIGNMENT_TASKS,
  TASK_ANCHORS,
  TASK_LABELS,
} from "@/lib/domain/team/assignments";
import { fmtUtcMinute } from "@/lib/domain/format";
import { paramValues, type SearchParams } from "@/lib/domain/url-params";
import { myQueue, QUEUE_PAGE_SIZE } from "@/lib/server/assignments";
import { requirePageUser } from "@/lib/server/platform/session";
import { QueueParamsSchema } from "@/lib/validation/team";

export const metadata: Metadata = { title: "My queue" };

const STATUS_PARAM: Record<(typeof ASSIGNMENT_STATUSES)[number], string> = {
  "to do": "todo",
  done: "done",
  "in conflict": "conflict",
};

export default async function QueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("reviewer", "/queue");
  const params = await searchParams;
  const statusParam = paramValues(params, "status")[0];
  const { task, status } = QueueParamsSchema.parse({
    task: paramValues(params, "task")[0],
    status: ASSIGNMENT_STATUSES.find((s) => STATUS_PARAM[s] === statusParam) ?? null,
  });
  const queue = await myQueue(user, { task, status });
  const total = queue.counts.todo + queue.counts.done + queue.counts.conflict;
  const link = (t: string, s: string | null) => `/queue?task=${t}${s ? `&status=${s}` : ""}`;
  return (
    <>
      <h1>My queue</h1>
      <nav aria-label="Tasks" className="tabs">
        <ul>
          {ASSIGNMENT_TASKS.map((t) => {
            const c = queue.tasks[t];
            return (
              <li key={t}>
                <Link href={link(t, null)} aria-current={t === task ? "page" : undefined}>
                  {TASK_LABELS[t]} ({c.todo.toLocaleString("en")} to do)
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <section className="card stack" aria-labelledby="queue-heading">
        <h2 id="queue-heading" className="card-title">
          {TASK_LABELS[task]}
        </h2>
        {total === 0 ? (
          <p className="muted">
            No study is assigned to you for this task. An admin assigns work on the Team page.
          </p>
        ) : (
          <>
            <p data-testid="queue-counts">
              {queue.counts.todo.toLocaleString("en")} to do, {queue.counts.done.toLocaleString("en")} done,{" "}
              {queue.counts.conflict.toLocaleString("en")} in conflict.
            </p>
            {queue.nextStudyId ? (
              <p>
                <Link className="button" href={`/studies/${queue.nextStudyId}#${TASK_ANCHORS[task]}`}>
                  Next study →
                </Link>
              </p>
            ) : (
              <p>Everything in this queue is done.</p>
            )}
            <nav aria-label="Show" className="tabs">
              <ul>
                <li>
                  <Link href={link(task, null)} aria-current={status === null ? "page" : undefined}>
                    All
                  </Link>
                </li>
                {ASSIGNMENT_STATUSES.map((s) => (
                  <li key={s}>
                    <Link href={link(task, STATUS_PARAM[s])} aria-current={status === s ? "page" : undefined}>
                      {s}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <table className="data" data-testid="queue">
              <caption className="visually-hidden">Studies assigned to you: {TASK_LABELS[task]}</caption>
              <thead>
                <tr>
                  <th scope="col">Study</th>
                  <th scope="col">Status</th>
                  <th scope="col">Assigned</th>
                </tr>
              </thead>
              <tbody>
                {queue.items.map((item) => (
                  <tr key={item.assignmentId}>
                    <td>
                      <Link href={`/studies/${item.studyId}#${TASK_ANCHORS[task]}`} prefetch={false}>
                        {item.label}
                      </Link>
                    </td>
                    <td>{item.status}</td>
                    <td>{fmtUtcMinute(item.assignedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {queue.items.length === QUEUE_PAGE_SIZE && (
              <p className="muted">
                The first {QUEUE_PAGE_SIZE} are shown; “Next study” always takes the next one to do.
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
