import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/session";
import { listCohorts } from "@/lib/server/cohorts";

export const metadata: Metadata = { title: "Cohorts" };

export default async function CohortsPage() {
  const user = await requirePageUser("viewer", "/cohorts");
  const cohorts = await listCohorts(user);
  return (
    <>
      <h1>Cohorts</h1>
      <p className="lead">Saved, named filters of the evidence table that the team can open from a link.</p>
      {cohorts.length === 0 ? (
        <p>No cohorts have been saved yet.</p>
      ) : (
        <ul>
          {cohorts.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> — {c.owner.name}
              {c.frozenAt ? " (frozen)" : " (live)"}
              {c.description && <span className="muted"> · {c.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
