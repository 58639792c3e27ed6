// Links from a filtered view to the same studies elsewhere: table, charts, analysis, exports.
import Link from "next/link";
import { fmtInt } from "@/lib/domain/format";
import { withQuery } from "@/lib/domain/url-params";

type View = "dashboard" | "table" | "charts" | "analysis" | "exports";

export function ViewLinks({
  query,
  studies,
  show = ["table", "charts", "analysis", "exports"],
}: {
  query: string;
  /** How many studies the filter selects, for the table link. */
  studies?: number;
  show?: View[];
}) {
  return (
    <p className="row-actions">
      {show.includes("dashboard") && <Link href={withQuery("/", query)}>Dashboard for this filter</Link>}
      {show.includes("table") && (
        <Link href={withQuery("/studies", query)}>
          {studies === undefined
            ? "Studies table for this filter"
            : `Show these ${fmtInt.format(studies)} studies in the table`}
        </Link>
      )}
      {show.includes("charts") && <Link href={withQuery("/charts", query)}>Dose charts</Link>}
      {show.includes("analysis") && <Link href={withQuery("/analysis", query)}>Meta-analysis</Link>}
      {show.includes("exports") && (
        <>
          <a href={withQuery("/api/studies.csv", query)}>Download CSV</a>
          <a href={withQuery("/api/studies.json", query)}>Download JSON</a>
        </>
      )}
    </p>
  );
}
