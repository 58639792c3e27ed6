import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RegistryLink } from "@/components/studies/registry-link";
import { z } from "zod";
import { parseFilter } from "@/lib/domain/cohort-filter";
import {
  armCellsPerKg,
  BASIS_LABELS,
  DONOR_LABELS,
  fmtCellsPerKg,
  fmtUtcMinute,
  TISSUE_LABELS,
} from "@/lib/domain/format";
import { Annotations } from "@/components/studies/annotations";
import { OutcomeData } from "@/components/studies/outcome-data-form";
import { outcomeNames, studyOutcomeData } from "@/lib/server/outcome-data";
import { EditStudyForm } from "@/components/studies/edit-study-form";
import { TagPanel } from "@/components/studies/tag-panel";
import { describeAction, describeChanges } from "@/lib/domain/audit-text";
import { listAnnotations } from "@/lib/server/annotations";
import { listCategories } from "@/lib/server/categories";
import { studyHistory } from "@/lib/server/history";
import { requirePageUser } from "@/lib/server/session";
import { studyTags } from "@/lib/server/tags";
import {
  createAnnotationAction,
  deleteAnnotationAction,
  deleteOutcomeDataAction,
  saveOutcomeDataAction,
  editAnnotationAction,
  editStudyAction,
  saveTagsAction,
  setAnnotationStatusAction,
  setConsensusAction,
} from "./actions";
import { studyDetail } from "@/lib/server/studies";

export const metadata: Metadata = { title: "Study" };

export default async function StudyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const user = await requirePageUser("viewer", `/studies/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const s = await studyDetail(user, id);
  if (!s) notFound();
  const [threads, tags, categories, history, outcomes, names] = await Promise.all([
    listAnnotations(user, id),
    studyTags(user, id),
    listCategories(user),
    studyHistory(user, id),
    studyOutcomeData(user, id),
    outcomeNames(user),
  ]);
  const weight = parseFilter(await searchParams).settings.referenceWeightKg;
  const siblings = s.trial?.studies.filter((o) => o.id !== s.id) ?? [];
  return (
    <>
      <p>
        <Link href="/studies">← Studies</Link>
      </p>
      <h1>
        {s.disease} ({s.diseaseCode}) {s.reference}
      </h1>
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading" style={{ marginTop: 0 }}>
          As read from the table
        </h2>
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
                by {s.editedBy?.name ?? "a reviewer"} on {s.editedAt.toISOString().slice(0, 10)}
              </dd>
            </>
          )}
        </dl>
        <pre className="source" aria-label="The table row as imported">
          {s.sourceText}
        </pre>
      </section>

      {siblings.length > 0 && (
        <section className="card" aria-labelledby="trial-heading">
          <h2 id="trial-heading" style={{ marginTop: 0 }}>
            Same registered trial
          </h2>
          <p>
            {siblings.length} other publication{siblings.length === 1 ? "" : "s"} report {s.trial?.registryId}
            ; patients are counted once for the trial.
          </p>
          <ul>
            {siblings.map((o) => (
              <li key={o.id}>
                <Link href={`/studies/${o.id}`}>
                  {o.diseaseCode} {o.reference}
                </Link>{" "}
                <span className="muted">n = {o.enrollment ?? "?"}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="products-heading">
        <h2 id="products-heading" style={{ marginTop: 0 }}>
          Cell products
        </h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">As written</th>
              <th scope="col">Source</th>
              <th scope="col">Donor</th>
              <th scope="col">Co-interventions</th>
            </tr>
          </thead>
          <tbody>
            {s.products.map((p) => (
              <tr key={p.id}>
                <td>{p.rawText}</td>
                <td>{TISSUE_LABELS[p.tissue] ?? p.tissue}</td>
                <td>{DONOR_LABELS[p.donor]}</td>
                <td>{p.coInterventions.join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="arms-heading">
        <h2 id="arms-heading" style={{ marginTop: 0 }}>
          Dose arms
        </h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col" className="num">
                n
              </th>
              <th scope="col">Dose as written</th>
              <th scope="col">Read as</th>
              <th scope="col">Cells/kg at {weight} kg</th>
            </tr>
          </thead>
          <tbody>
            {s.arms.map((a) => {
              const ckg = armCellsPerKg(a, weight);
              return (
                <tr key={a.id}>
                  <td>{a.product?.rawText ?? "—"}</td>
                  <td className="num">{a.n ?? "—"}</td>
                  <td>{a.doseText}</td>
                  <td>
                    {a.parseProblem ? (
                      <span>
                        {a.basis === "unknown" && !a.doseLow
                          ? a.parseProblem
                          : `${BASIS_LABELS[a.basis]}: ${a.parseProblem}`}
                      </span>
                    ) : a.doseLow === null ? (
                      "not given"
                    ) : (
                      <>
                        {a.lowerBound ? "≥ " : ""}
                        {fmtCellsPerKg(a.doseLow)}
                        {a.doseHigh !== null && a.doseHigh !== a.doseLow
                          ? ` – ${fmtCellsPerKg(a.doseHigh)}`
                          : ""}
                        {a.doseSd !== null ? ` ± ${fmtCellsPerKg(a.doseSd)}` : ""} {BASIS_LABELS[a.basis]}
                      </>
                    )}
                  </td>
                  <td>
                    {ckg === null ? <span className="muted">not comparable</span> : fmtCellsPerKg(ckg)}
                    {a.basis === "total" && ckg !== null && <span className="muted"> (estimated)</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="tags-heading">
        <h2 id="tags-heading" style={{ marginTop: 0 }}>
          Outcome categories
        </h2>
        <TagPanel
          studyId={s.id}
          categories={categories.map((c) => ({
            id: c.id,
            name: c.name,
            colour: c.colour,
            description: c.description,
          }))}
          tags={tags}
          canTag={user.role !== "viewer"}
          isAdmin={user.role === "admin"}
          save={saveTagsAction}
          consensus={setConsensusAction}
        />
      </section>

      <section className="card" aria-labelledby="notes-heading">
        <h2 id="notes-heading" style={{ marginTop: 0 }}>
          Annotations
        </h2>
        <Annotations
          studyId={s.id}
          me={user.id}
          canWrite={user.role !== "viewer"}
          isAdmin={user.role === "admin"}
          actions={{
            create: createAnnotationAction,
            edit: editAnnotationAction,
            remove: deleteAnnotationAction,
            status: setAnnotationStatusAction,
          }}
          threads={threads.map((t) => ({
            id: t.id,
            body: t.body,
            version: t.version,
            authorId: t.authorId,
            author: t.author.name,
            createdAt: t.createdAt.toISOString(),
            edited: t.version > 1 && t.updatedAt.getTime() !== t.createdAt.getTime(),
            field: t.field,
            status: t.status,
            replies: t.replies.map((r) => ({
              id: r.id,
              body: r.body,
              version: r.version,
              authorId: r.authorId,
              author: r.author.name,
              createdAt: r.createdAt.toISOString(),
              edited: r.version > 1,
            })),
          }))}
        />
      </section>

      <section className="card" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading" style={{ marginTop: 0 }}>
          Outcome data for meta-analysis
        </h2>
        <OutcomeData
          studyId={s.id}
          canEdit={user.role !== "viewer"}
          save={saveOutcomeDataAction}
          remove={deleteOutcomeDataAction}
          suggestions={names.map((n) => n.outcome)}
          entries={outcomes.map((o) => ({
            id: o.id,
            outcome: o.outcome,
            design: o.design,
            version: o.version,
            changeScores: o.changeScores,
            notes: o.notes,
            values: {
              xi: o.xi,
              ni: o.ni,
              ai: o.ai,
              ci: o.ci,
              n1i: o.n1i,
              n2i: o.n2i,
              m1i: o.m1i,
              sd1i: o.sd1i,
              m2i: o.m2i,
              sd2i: o.sd2i,
            },
          }))}
        />
      </section>

      {user.role !== "viewer" && (
        <details className="card" id="correct">
          <summary>Correct this study</summary>
          <EditStudyForm
            action={editStudyAction}
            study={{
              id: s.id,
              version: s.version,
              enrollment: s.enrollment,
              routeText: s.routeText,
              outcome: s.outcome,
              reference: s.reference,
              arms: s.arms.map((a) => ({
                id: a.id,
                n: a.n,
                doseText: a.doseText,
                product: a.product?.rawText ?? null,
              })),
            }}
          />
        </details>
      )}

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading" style={{ marginTop: 0 }}>
          History
        </h2>
        {history.length === 0 ? (
          <p className="muted">No change since the import.</p>
        ) : (
          <ol className="history">
            {history.map((e) => (
              <li key={String(e.id)}>
                <span className="muted">{fmtUtcMinute(e.createdAt)}</span>{" "}
                <strong>{e.actor?.name ?? "The importer"}</strong> {describeAction(e.action)}
                {/* While tagging blind, others' tags stay out of the history too. */}
                {!(tags.others === null && e.action.startsWith("tags.") && e.actorId !== user.id) &&
                  describeChanges(e.before, e.after).length > 0 && (
                    <ul>
                      {describeChanges(e.before, e.after).map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
