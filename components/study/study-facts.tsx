// A study as read from its table: the fields, the registered trial, the source row as imported.
import type { StudyDetail } from "@/lib/contracts/studies";
import { RegistryLink } from "@/components/studies/registry-link";
import { STUDY_DESIGN_LABELS } from "@/lib/domain/rob/design";
import { Section } from "./section";

/** The study's citation as its table gives it: nothing is invented, so a table with reference
 * numbers only says so. */
function Citation({ study: s }: { study: StudyDetail }) {
  const who = [s.firstAuthor && `${s.firstAuthor} et al.`, s.publicationYear].filter(Boolean).join(", ");
  if (!who && !s.title && !s.journal && !s.doi && !s.pmid)
    return <span className="muted">not in the table (reference number only)</span>;
  return (
    <>
      {who}
      {s.title && (
        <>
          {who ? ". " : ""}
          {s.title}
        </>
      )}
      {s.journal && (
        <>
          . <i>{s.journal}</i>
        </>
      )}
      {s.doi && (
        <>
          {" "}
          <a href={`https://doi.org/${encodeURI(s.doi)}`} rel="noreferrer">
            doi:{s.doi}
          </a>
        </>
      )}
      {s.pmid && (
        <>
          {" "}
          <a href={`https://pubmed.ncbi.nlm.nih.gov/${s.pmid}/`} rel="noreferrer">
            PMID {s.pmid}
          </a>
        </>
      )}
    </>
  );
}

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
        <dt>Citation</dt>
        <dd>
          <Citation study={s} />
        </dd>
        {(s.phase || s.designText) && (
          <>
            <dt>Phase and design</dt>
            <dd>{[s.phase, s.designText].filter(Boolean).join("; ")}</dd>
          </>
        )}
        <dt>Study design</dt>
        <dd data-testid="study-design">
          {s.design ? STUDY_DESIGN_LABELS[s.design] : <span className="muted">not known</span>}
        </dd>
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
