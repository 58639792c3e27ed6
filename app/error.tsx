"use client";
// Shown when a page fails on the server: says so plainly and offers to try again.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="narrow">
      <div className="card">
        <h1>Something went wrong</h1>
        <p>
          The page could not be shown. If the database is unavailable,{" "}
          <a href="/api/health">the health check</a> says why. Nothing you saved before this was lost.
        </p>
        {error.digest && (
          <p className="muted">
            Reference for the administrator: <code>{error.digest}</code>
          </p>
        )}
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
