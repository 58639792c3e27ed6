// Says which parts of a link (URL parameters, a saved filter) were not understood and left out.
export function LinkNotice({ ignored, what = "the link" }: { ignored: readonly string[]; what?: string }) {
  if (ignored.length === 0) return null;
  return (
    <div className="alert info notice" role="status">
      Parts of {what} were not understood and were left out: {ignored.join(", ")}.
    </div>
  );
}
