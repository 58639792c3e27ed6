import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RegistryLink } from "@/components/studies/registry-link";
import { z } from "zod";
import { parseFilter } from "@/lib/domain/cohort-filter";
import { armCellsPerKg, BASIS_LABELS, DONOR_LABELS, fmtCellsPerKg, TISSUE_LABELS } from "@/lib/domain/format";
import { requirePageUser } from "@/lib/server/session";
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

      <section className="card" aria-labelledby="notes-heading">
        <h2 id="notes-heading" style={{ marginTop: 0 }}>
          Annotations and tags
        </h2>
        {s.consensusTags.length > 0 && (
          <p>
            Outcome categories:{" "}
            {s.consensusTags.map((t) => (
              <span key={t.categoryId} className="tag" style={{ background: t.category.colour }}>
                {t.category.name}
              </span>
            ))}
          </p>
        )}
        {s.annotations.length === 0 ? (
          <p className="muted">No annotations on this study.</p>
        ) : (
          <ul>
            {s.annotations.map((n) => (
              <li key={n.id}>
                <strong>{n.author.name}</strong>
                {n.field ? ` on ${n.field}` : ""} ({n.status}): {n.body}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
