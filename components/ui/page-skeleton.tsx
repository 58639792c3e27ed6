// What a page shows while its numbers are computed: its title and grey blocks where the filter
// panel and the results will be, announced to screen readers as loading.
export function PageSkeleton({ title, withFilters = true }: { title: string; withFilters?: boolean }) {
  const results = (
    <div className="skeleton-results">
      <div className="skeleton skeleton-stats" />
      <div className="skeleton skeleton-block" />
      <div className="skeleton skeleton-block short" />
    </div>
  );
  return (
    <div aria-busy="true" aria-live="polite">
      <h1>{title}</h1>
      <p className="visually-hidden">Loading {title.toLowerCase()}…</p>
      {withFilters ? (
        <div className="with-filters">
          <div className="skeleton skeleton-panel" />
          {results}
        </div>
      ) : (
        results
      )}
    </div>
  );
}
