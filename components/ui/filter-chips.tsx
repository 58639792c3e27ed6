// The active filter as chips above results ("disease: SLE", "registered"), or a line saying
// that everything is shown.
export function FilterChips({
  chips,
  empty = "All studies of the evidence table.",
  label = "Active filters",
}: {
  chips: readonly string[];
  /** The list's name for screen readers. */
  label?: string;
  /** What to say when there is no chip; null says nothing. */
  empty?: string | null;
}) {
  if (chips.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul className="chips" aria-label={label}>
      {chips.map((c) => (
        <li key={c}>{c}</li>
      ))}
    </ul>
  );
}
