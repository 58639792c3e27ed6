// A GET form's hidden fields that carry a query on (the studies, other choices).
export function HiddenFields({ query, skip = [] }: { query: string; skip?: readonly string[] }) {
  return (
    <>
      {[...new URLSearchParams(query).entries()]
        .filter(([k]) => !skip.includes(k))
        .map(([k, v], i) => (
          <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
        ))}
    </>
  );
}
