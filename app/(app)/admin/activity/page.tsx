import type { Metadata } from "next";
import Link from "next/link";
import { describeAction, describeChanges } from "@/lib/domain/audit-text";
import { fmtInt } from "@/lib/domain/format";
import { ACTIVITY_PAGE_SIZE, teamActivity } from "@/lib/server/history";
import type { SearchParams } from "@/lib/domain/url-params";
import { requirePageUser } from "@/lib/server/platform/session";

export const metadata: Metadata = { title: "Activity" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : undefined);
const UUID = /^[0-9a-f-]{36}$/i;

export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("admin", "/admin/activity");
  const sp = await searchParams;
  const actorId = UUID.test(one(sp.actor)) ? one(sp.actor) : undefined;
  const [entityType, action] = one(sp.kind).split(":");
  const from = day(one(sp.from));
  const toDay = day(one(sp.to));
  const to = toDay ? new Date(toDay.getTime() + 86_400_000) : undefined;
  const page = Math.max(1, Number.parseInt(one(sp.page), 10) || 1);
  const data = await teamActivity(user, {
    actorId,
    entityType: entityType || undefined,
    action: action || undefined,
    from,
    to,
    page,
  });
  const pages = Math.max(1, Math.ceil(data.total / ACTIVITY_PAGE_SIZE));
  const query = (p: number) => {
    const q = new URLSearchParams();
    for (const k of ["actor", "kind", "from", "to"]) if (one(sp[k])) q.set(k, one(sp[k]));
    q.set("page", String(p));
    return `/admin/activity?${q}`;
  };
  const types = [...new Set(data.kinds.map((k) => k.entityType))];
  return (
    <>
      <h1>Team activity</h1>
      <form method="get" action="/admin/activity" className="card filter-row" aria-label="Filter activity">
        <div className="field">
          <label htmlFor="activity-actor">Who</label>
          <select id="activity-actor" name="actor" defaultValue={actorId ?? ""}>
            <option value="">Anyone</option>
            {data.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="activity-kind">What</label>
          <select id="activity-kind" name="kind" defaultValue={one(sp.kind)}>
            <option value="">Everything</option>
            {types.map((t) => (
              <optgroup key={t} label={t}>
                <option value={`${t}:`}>every {t} change</option>
                {data.kinds
                  .filter((k) => k.entityType === t)
                  .map((k) => (
                    <option key={k.action} value={`${t}:${k.action}`}>
                      {describeAction(k.action)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="activity-from">From</label>
          <input id="activity-from" name="from" type="date" defaultValue={one(sp.from)} />
        </div>
        <div className="field">
          <label htmlFor="activity-to">To</label>
          <input id="activity-to" name="to" type="date" defaultValue={one(sp.to)} />
        </div>
        <button type="submit" className="button">
          Show
        </button>
        <Link href="/admin/activity">Clear</Link>
      </form>
      <p>
        {fmtInt.format(data.total)} event{data.total === 1 ? "" : "s"}
        {pages > 1 && `, page ${page} of ${pages}`}.
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Activity">
        <table className="data">
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((e) => {
              const study = e.studyId ? data.studies[e.studyId] : undefined;
              return (
                <tr key={e.id}>
                  <td>{e.createdAt.toISOString().replace("T", " ").slice(0, 16)}</td>
                  <td>{e.actor ?? "—"}</td>
                  <td>
                    {describeAction(e.action)}
                    {study && (
                      <>
                        {" "}
                        on{" "}
                        <Link href={`/studies/${e.studyId}`} prefetch={false}>
                          {`${study.diseaseCode} ${study.reference ?? ""}`.trim()}
                        </Link>
                      </>
                    )}
                  </td>
                  <td>
                    {describeChanges(e.before, e.after).map((c) => (
                      <div key={c}>{c}</div>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label="Pages of activity">
          {page > 1 && <Link href={query(page - 1)}>Newer</Link>}
          {page < pages && <Link href={query(page + 1)}>Older</Link>}
        </nav>
      )}
    </>
  );
}
