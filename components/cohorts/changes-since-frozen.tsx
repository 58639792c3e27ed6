// What changed in the data since a cohort was frozen, with the live numbers beside the frozen ones.
import Link from "next/link";
import type { FrozenChanges } from "@/lib/contracts/cohorts";
import { fmtInt } from "@/lib/domain/format";

export function ChangesSinceFrozen({
  changes,
  frozenStudies,
  frozenPatients,
}: {
  changes: FrozenChanges;
  frozenStudies: number;
  frozenPatients: number;
}) {
  const nothing =
    changes.removed === 0 &&
    changes.changedCount === 0 &&
    changes.leftFilter === 0 &&
    changes.addedCount === 0;
  return (
    <section className="card" aria-labelledby="changes-title" data-testid="frozen-changes">
      <h2 id="changes-title">What has changed since freezing</h2>
      {nothing ? (
        <p>Nothing: the same filter selects the same studies, unchanged.</p>
      ) : (
        <ul>
          {changes.addedCount > 0 && (
            <li>
              {fmtInt.format(changes.addedCount)} new{" "}
              {changes.addedCount === 1 ? "study matches" : "studies match"} the filter and{" "}
              {changes.addedCount === 1 ? "is" : "are"} not in the cohort
              {changes.added.length > 0 &&
                `: ${changes.added.map((s) => `${s.diseaseCode} ${s.reference ?? ""}`.trim()).join(", ")}`}
              {changes.addedCount > changes.added.length && "…"}
            </li>
          )}
          {changes.changedCount > 0 && (
            <li>
              {fmtInt.format(changes.changedCount)} member{" "}
              {changes.changedCount === 1 ? "study was" : "studies were"} edited or re-imported with other
              values:{" "}
              {changes.changed.map((s, i) => (
                <span key={s.id}>
                  {i > 0 && ", "}
                  <Link href={`/studies/${s.id}`} prefetch={false}>
                    {`${s.diseaseCode} ${s.reference ?? ""}`.trim()}
                  </Link>
                </span>
              ))}
              {changes.changedCount > changes.changed.length && "…"}
            </li>
          )}
          {changes.leftFilter > 0 && (
            <li>
              {fmtInt.format(changes.leftFilter)} member {changes.leftFilter === 1 ? "study" : "studies"}{" "}
              would no longer be selected by the filter
            </li>
          )}
          {changes.removed > 0 && (
            <li>
              {fmtInt.format(changes.removed)} member {changes.removed === 1 ? "study is" : "studies are"} no
              longer in the evidence table
            </li>
          )}
        </ul>
      )}
      <p>
        Live now, the same filter gives {fmtInt.format(changes.now.studies)} studies and{" "}
        {fmtInt.format(changes.now.patients)} patients (frozen: {fmtInt.format(frozenStudies)} studies,{" "}
        {fmtInt.format(frozenPatients)} patients).
      </p>
    </section>
  );
}
