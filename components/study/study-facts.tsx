// A study as read from its table: the fields, the registered trial, the source row as imported.
import type { StudyDetail } from "@/lib/contracts/studies";
import { RegistryLink } from "@/components/studies/registry-link";
import { Section } from "./section";

export function StudyFacts({ study: s }: { study: StudyDetail }) {
  return (
    <Section id="facts" title="As read from the table">
      <dl className="facts">
        <dt>Disease</dt>
        <dd>
          {s.disease} ({s.diseaseCode})
        </dd>
        <dt>Route</dt>
        <dd>{s.routeText || "—"}</dd>
        <dt>Enrollment</dt>
        <dd>{s.enrollment ?? "not given"}</dd>
        <dt>Outcome</dt>
        <dd>{s.outcome || "—"}</dd>
        <dt>Registry id</dt>
        <dd>
          {s.trial ? (
            <>
              <RegistryLink registryId={s.trial.registryId} />{" "}
              <span className="muted">({s.trial.registry})</span>
            </>
          ) : (
            <span className="muted">none ({s.registryText ?? "not given"})</span>
          )}
        </dd>
        <dt>Reference</dt>
        <dd>{s.reference ?? "—"}</dd>
        <dt>Source</dt>
        <dd>
          {s.source.name}, line {s.sourceLine}
          {s.source.citation && <div className="muted">{s.source.citation}</div>}
        </dd>
        {s.editedAt && (
          <>
            <dt>Corrected</dt>
            <dd>
              by {s.editedBy ?? "a reviewer"} on {s.editedAt.toISOString().slice(0, 10)}
            </dd>
          </>
        )}
      </dl>
      <pre className="source" aria-label="The table row as imported">
        {s.sourceText}
      </pre>
    </Section>
  );
}
