import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/server/platform/session";
import { agreement } from "@/lib/server/tags";

export const metadata: Metadata = { title: "Tag agreement" };

const kappa = (k: number | null) => (k === null ? "—" : k.toFixed(3));
const pct = (p: number | null) => (p === null ? "—" : `${Math.round(p * 100)}%`);
const METHOD = { cohen: "Cohen's κ", fleiss: "Fleiss' κ" } as const;

function reading(k: number | null): string {
  if (k === null) return "not defined (no variation)";
  if (k < 0) return "worse than chance";
  if (k < 0.21) return "slight";
  if (k < 0.41) return "fair";
  if (k < 0.61) return "moderate";
  if (k < 0.81) return "substantial";
  return "almost perfect";
}

export default async function AgreementPage() {
  const user = await requirePageUser("viewer", "/agreement");
  const report = await agreement(user);
  const name = (id: string) => report.categories.find((c) => c.id === id)?.name ?? "deleted category";
  return (
    <>
      <h1>Tag agreement</h1>
      <p className="lead">
        How often reviewers who tagged the same study chose the same outcome categories, beyond chance. Each
        category is a yes/no rating per study; with two reviewers this is Cohen&apos;s kappa, with more
        Fleiss&apos; kappa (each study counted over its own reviewers). Words after Landis and Koch (1977).
      </p>
      <p>
        {report.reviewers} reviewer{report.reviewers === 1 ? " has" : "s have"} tagged studies.
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Agreement per category">
        <table className="data">
          <caption className="visually-hidden">Agreement per outcome category and overall</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Studies with 2+ reviewers
              </th>
              <th scope="col" className="num">
                Same answer
              </th>
              <th scope="col" className="num">
                Kappa
              </th>
              <th scope="col">Reading</th>
            </tr>
          </thead>
          <tbody>
            {report.byCategory.map((c) => (
              <tr key={c.categoryId} data-category={name(c.categoryId)}>
                <th scope="row">{name(c.categoryId)}</th>
                <td className="num">{c.items}</td>
                <td className="num">{pct(c.observed)}</td>
                <td className="num">
                  {kappa(c.kappa)} {c.method && <span className="muted">({METHOD[c.method]})</span>}
                </td>
                <td>{reading(c.kappa)}</td>
              </tr>
            ))}
            <tr data-category="overall">
              <th scope="row">All categories</th>
              <td className="num">{report.overall.items}</td>
              <td className="num">{pct(report.overall.observed)}</td>
              <td className="num">
                {kappa(report.overall.kappa)}{" "}
                {report.overall.method && <span className="muted">({METHOD[report.overall.method]})</span>}
              </td>
              <td>{reading(report.overall.kappa)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <section aria-labelledby="disagreements-title">
        <h2 id="disagreements-title">Disagreements to resolve ({report.totalDisagreements})</h2>
        {report.disagreements.length === 0 ? (
          <p>None: every study tagged by two or more reviewers has the same tags from each.</p>
        ) : (
          <ul className="disagreements">
            {report.disagreements.map((d) => {
              const s = report.studies[d.studyId];
              return (
                <li key={d.studyId}>
                  <Link href={`/studies/${d.studyId}`} prefetch={false}>
                    {s ? `${s.diseaseCode} ${s.reference ?? ""}`.trim() : "Study"}
                  </Link>
                  {report.resolved.has(d.studyId) && (
                    <span className="muted"> · consensus set by an admin</span>
                  )}
                  <ul>
                    {d.categories.map((c) => (
                      <li key={c.categoryId}>
                        {report.named
                          ? `${name(c.categoryId)}: yes from ${c.yes.map((id) => report.names[id] ?? "?").join(", ")}; no from ${c.no.map((id) => report.names[id] ?? "?").join(", ")}`
                          : `${name(c.categoryId)}: ${c.yes.length} yes, ${c.no.length} no (names hidden while the team tags blind)`}
                      </li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
