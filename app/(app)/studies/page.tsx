import type { Metadata } from "next";
import Link from "next/link";
import { FilteredLayout } from "@/components/filter/filtered-layout";
import { LiveUpdates } from "@/components/live/live-updates";
import { ViewLinks } from "@/components/filter/view-links";
import { StudiesTable } from "@/components/studies/studies-table";
import { Pagination } from "@/components/ui/pagination";
import { fmtInt } from "@/lib/domain/format";
import { doseSettingsOf } from "@/lib/domain/filter";
import { PAGE_SIZES, readTableRequest, type TableRequest } from "@/lib/domain/table-request";
import type { SearchParams } from "@/lib/domain/url-params";
import { filterView } from "@/lib/server/filter-view";
import { requirePageUser } from "@/lib/server/platform/session";
import { studyTable } from "@/lib/server/studies";

export const metadata: Metadata = { title: "Studies" };

export default async function StudiesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/studies");
  const params = await searchParams;
  const table = readTableRequest(params);
  const view = await filterView(user, params);
  const { total, rows } = await studyTable(user, view.filter, table);
  const pages = Math.max(1, Math.ceil(total / table.pageSize));
  const href = (changes: Partial<Record<"sort" | "dir" | "size" | "page", string | number>>) => {
    const p = new URLSearchParams(view.query);
    const all = {
      sort: table.sort,
      dir: table.direction,
      size: table.pageSize,
      page: table.page,
      ...changes,
    };
    for (const [k, v] of Object.entries(all)) p.set(k, String(v));
    return `/studies?${p.toString()}`;
  };
  const first = total === 0 ? 0 : (table.page - 1) * table.pageSize + 1;
  const keep: Record<string, string> = {
    sort: table.sort,
    dir: table.direction,
    size: String(table.pageSize),
  };
  return (
    <>
      <h1>Studies</h1>
      {user.role !== "viewer" && <LiveUpdates view={{ page: "evidence" }} />}
      <FilteredLayout view={view} action="/studies" keep={keep} emptyChips={null}>
        <div className="row-actions">
          <span aria-live="polite">
            {total === 0
              ? "No study matches."
              : `Studies ${fmtInt.format(first)}–${fmtInt.format(first + rows.length - 1)} of ${fmtInt.format(total)}`}
          </span>
          <ViewLinks query={view.query} show={["exports"]} />
          {user.role === "admin" && total > 0 && (
            <Link href={`/team?${view.query}#assign`}>Assign these studies…</Link>
          )}
        </div>
        {rows.length > 0 && (
          <StudiesTable
            rows={rows}
            table={table}
            dose={doseSettingsOf(view.filter)}
            sortHref={(sort: TableRequest["sort"], dir) => href({ sort, dir, page: 1 })}
          />
        )}
        <Pagination
          page={table.page}
          pages={pages}
          href={href}
          pageSize={table.pageSize}
          sizes={PAGE_SIZES}
        />
      </FilteredLayout>
    </>
  );
}
