// The team's annotations on a shared cohort's studies, without names, when its owner chose so.
import type { SharedAnnotation } from "@/lib/contracts/cohorts";

export function SharedAnnotations({ annotations }: { annotations: SharedAnnotation[] }) {
  return (
    <section aria-labelledby="shared-annotations-title">
      <h2 id="shared-annotations-title">Reviewers&apos; annotations ({annotations.length})</h2>
      {annotations.length === 0 ? (
        <p>No annotations on these studies.</p>
      ) : (
        <ul className="annotation-list">
          {annotations.map((a, i) => (
            <li key={i}>
              <strong>{a.reference ?? "Study"}</strong>
              {a.field && <span className="muted"> · on {a.field}</span>}
              <span className="muted"> · {a.status}</span>
              <p>{a.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
