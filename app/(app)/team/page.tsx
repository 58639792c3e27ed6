import type { Metadata } from "next";
import Link from "next/link";
import { AssignForm, UnassignButton } from "@/components/team/assign-form";
import { filterToParams, parseFilter } from "@/lib/domain/filter";
import { ASSIGNMENT_TASKS, TASK_LABELS, doneShare } from "@/lib/domain/team/assignments";
import { paramValues, type SearchParams } from "@/lib/domain/url-params";
import { assignableMembers, assignSource, teamProgress } from "@/lib/server/assignments";
import { listCohorts } from "@/lib/server/cohorts";
import { AppError } from "@/lib/server/platform/errors";
import { requirePageUser } from "@/lib/server/platform/session";
import { assignAction, unassignAction } from "./actions";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("reviewer", "/team");
  const params = await searchParams;
  const isAdmin = user.role === "admin";
  const progress = await teamProgress(user);
  const cohortRef = paramValues(params, "cohort")[0] ?? "";
  const filterQuery = filterToParams(parseFilter(params).filter).toString();
  const [source, members, cohorts] = isAdmin
    ? await Promise.all([
        assignSource(
          user,
          cohortRef ? { source: "cohort", value: cohortRef } : { source: "filter", value: filterQuery },
        ).catch((error: unknown) => {
          // A cohort deleted meanwhile is said so below; anything else is the page's error.
          if (error instanceof AppError && error.code === "not_found") return null;
          throw error;
        }),
        assignableMembers(user),
        listCohorts(user),
      ])
    : [null, [], []];
  return (
    <>
      <h1>Team</h1>
      <section className="card stack" aria-labelledby="progress-heading">
        <h2 id="progress-heading" className="card-title">
          Progress
        </h2>
        {progress.length === 0 ? (
          <p className="muted">
            No work is assigned yet.{isAdmin ? " Assign the studies of a filter or a cohort below." : ""}
          </p>
        ) : (
          ASSIGNMENT_TASKS.filter((t) => progress.some((p) => p.task === t)).map((task) => {
            const rows = progress.filter((p) => p.task === task);
            return (
              <div key={task} className="table-wrap">
                <table className="data" data-testid={`progress-${task}`}>
                  <caption>{TASK_LABELS[task]}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Reviewer</th>
                      <th scope="col">Done</th>
                      <th scope="col">In conflict</th>
                      <th scope="col">To do</th>
                      <th scope="col">Progress</th>
                      {isAdmin && (
                        <th scope="col">
                          <span className="visually-hidden">Action</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.assigneeId}>
                        <th scope="row">{r.assignee}</th>
                        <td>{r.done.toLocaleString("en")}</td>
                        <td>{r.conflict.toLocaleString("en")}</td>
                        <td>{r.todo.toLocaleString("en")}</td>
                        <td>
                          <progress max={1} value={doneShare(r)} aria-label={`${r.assignee}: share done`} />{" "}
                          {Math.round(doneShare(r) * 100)}%
                        </td>
                        {isAdmin && (
                          <td>
                            <UnassignButton
                              task={task}
                              assigneeId={r.assigneeId}
                              name={r.assignee}
                              todo={r.todo}
                              action={unassignAction}
                            />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })
        )}
        <p className="muted">
          Done: tagged, outcome data entered, or risk of bias submitted. In conflict: done, but another
          reviewer’s tags or risk-of-bias judgments differ and no consensus is recorded yet.
          {!isAdmin &&
            " Who disagrees with whom stays with the admins while assessment is blind: in other reviewers' rows, risk of bias (and tags, while the team tags blind) in conflict counts as done."}
        </p>
      </section>
      {isAdmin && (
        <section className="card stack" aria-labelledby="assign-heading" id="assign">
          <h2 id="assign-heading" className="card-title">
            Assign studies
          </h2>
          <form method="get" action="/team" className="inline-form">
            <div className="field">
              <label htmlFor="assign-cohort">Studies of</label>
              <select
                id="assign-cohort"
                name="cohort"
                defaultValue={source?.kind === "cohort" ? source.value : ""}
              >
                <option value="">
                  the filter in the address ({filterQuery ? "as given" : "every study"})
                </option>
                {cohorts.map((c) => (
                  <option key={c.id} value={c.id}>
                    cohort “{c.name}”
                  </option>
                ))}
              </select>
            </div>
            {!cohortRef &&
              [...new URLSearchParams(filterQuery)].map(([k, v], i) => (
                <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
              ))}
            <button type="submit" className="button secondary">
              Show
            </button>
          </form>
          <p className="muted">
            To assign a filter’s studies, filter the <Link href="/studies">Studies</Link> table and follow
            “Assign these studies”.
          </p>
          {source ? (
            <AssignForm
              key={`${source.kind}:${source.value}`}
              source={source}
              members={members.map((m) => ({ id: m.id, name: m.name, role: m.role }))}
              action={assignAction}
            />
          ) : (
            <p className="alert error" role="alert">
              This cohort no longer exists. Choose another.
            </p>
          )}
        </section>
      )}
    </>
  );
}
