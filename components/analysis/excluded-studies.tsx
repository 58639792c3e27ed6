// Studies left out of the analysis, each with the reason.
import Link from "next/link";
import type { AnalysisResult } from "@/lib/domain/analysis";

export function ExcludedStudies({ excluded }: { excluded: AnalysisResult["excluded"] }) {
  if (excluded.length === 0) return null;
  return (
    <section className="card" aria-labelledby="excluded-heading">
      <h2 id="excluded-heading">Left out</h2>
      <ul>
        {excluded.map((e) => (
          <li key={e.row.studyId}>
            <Link href={`/studies/${e.row.studyId}`} prefetch={false}>
              {e.label}
            </Link>
            : {e.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
