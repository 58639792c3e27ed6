// A page that shows results of the filter: the filter panel beside the results, with the notice
// for parts of the link not understood and the active filter as chips above them.
import type { ReactNode } from "react";
import type { FilterOptions } from "@/lib/contracts/studies";
import type { CohortFilter } from "@/lib/domain/filter";
import { FilterChips } from "@/components/ui/filter-chips";
import { LinkNotice } from "@/components/ui/link-notice";
import { FilterPanel } from "./filter-panel";

export interface FilterViewProps {
  filter: CohortFilter;
  ignored: readonly string[];
  options: FilterOptions;
  chips: readonly string[];
}

export function FilteredLayout({
  view,
  action,
  keep,
  withDoseSettings,
  ignoredToo = [],
  emptyChips,
  before,
  children,
}: {
  view: FilterViewProps;
  /** The page's path, where the filter form sends its query. */
  action: string;
  keep?: Record<string, string>;
  withDoseSettings?: boolean;
  /** More parameters of the page's own that were not understood. */
  ignoredToo?: readonly string[];
  /** What the chips say when nothing is filtered (null: nothing). */
  emptyChips?: string | null;
  /** Shown above the notice and the chips (e.g. the cohort being edited). */
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="with-filters">
      <FilterPanel
        action={action}
        filter={view.filter}
        options={view.options}
        keep={keep}
        withDoseSettings={withDoseSettings}
      />
      <div>
        {before}
        <LinkNotice ignored={[...view.ignored, ...ignoredToo]} />
        <FilterChips chips={view.chips} empty={emptyChips} />
        {children}
      </div>
    </div>
  );
}
