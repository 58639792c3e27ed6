"use client";
// Paste or upload a review table, see what was read and every problem with its line, then
// confirm; a progress bar follows the import and the result says what changed.
import { useRef, useState } from "react";
import type { ImportPreview } from "@/lib/contracts/imports";

type Outcome = {
  batchId: string;
  rowsRead: number;
  added: number;
  updated: number;
  unchanged: number;
  conflicts: string[];
  leftOut: { line: number; message: string }[];
  addedNames: string[];
  updatedNames: string[];
};

type Phase =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "preview"; preview: ImportPreview }
  | { kind: "importing"; preview: ImportPreview; done: number; total: number }
  | { kind: "done"; preview: ImportPreview; outcome: Outcome }
  | { kind: "failed"; message: string; fieldErrors?: Record<string, string[]>; preview?: ImportPreview };

const FORMATS = [
  ["", "Detect from the text"],
  ["seed", "Table copied from a web page (one line per study)"],
  ["csv", "CSV with a header row"],
  ["tsv", "TSV (tab-separated) with a header row"],
  ["md", "Markdown / pipe table"],
] as const;

export function ImportForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [confirmed, setConfirmed] = useState(false);

  function body(dryRun: boolean): FormData {
    const data = new FormData(formRef.current!);
    data.set("dryRun", dryRun ? "1" : "0");
    return data;
  }

  async function preview() {
    setPhase({ kind: "reading" });
    setConfirmed(false);
    const res = await fetch("/api/import", { method: "POST", body: body(true) });
    const data = (await res.json()) as {
      ok: boolean;
      preview?: ImportPreview;
      error?: string;
      fieldErrors?: Record<string, string[]>;
    };
    if (!data.ok || !data.preview) {
      setPhase({
        kind: "failed",
        message: data.error ?? "The table could not be read.",
        fieldErrors: data.fieldErrors,
      });
      return;
    }
    setPhase({ kind: "preview", preview: data.preview });
  }

  async function runImport(preview: ImportPreview) {
    setPhase({ kind: "importing", preview, done: 0, total: preview.importable });
    const res = await fetch("/api/import", { method: "POST", body: body(false) });
    if (!res.ok || !res.body) {
      const data = (await res.json().catch(() => ({}))) as { error?: string };
      setPhase({
        kind: "failed",
        message: data.error ?? `The import was refused (HTTP ${res.status}).`,
        preview,
      });
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as
          | { type: "preview" }
          | { type: "progress"; done: number; total: number }
          | { type: "result"; outcome: Outcome }
          | { type: "error"; message: string };
        if (event.type === "progress")
          setPhase({ kind: "importing", preview, done: event.done, total: event.total });
        if (event.type === "result") setPhase({ kind: "done", preview, outcome: event.outcome });
        if (event.type === "error") setPhase({ kind: "failed", message: event.message, preview });
      }
    }
  }

  const fieldErrors = phase.kind === "failed" ? phase.fieldErrors : undefined;
  const current = "preview" in phase ? phase.preview : undefined;
  const problems = current?.problems ?? [];
  const errors = problems.filter((p) => p.severity === "error").length;

  return (
    <div className="stack" style={{ display: "grid", gap: "1.25rem" }}>
      <form
        ref={formRef}
        className="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          void preview();
        }}
        onChange={() => phase.kind !== "importing" && phase.kind !== "idle" && setPhase({ kind: "idle" })}
      >
        <div className="field">
          <label htmlFor="import-file">Table file</label>
          <span className="hint" id="import-file-hint">
            CSV, TSV, a Markdown table, or text copied from a web page; UTF-8, UTF-16 or Windows-1252; up to
            32 MB.
          </span>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.tsv,.txt,.md,text/*"
            aria-describedby="import-file-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="import-text">…or paste the table</label>
          <textarea
            id="import-text"
            name="text"
            rows={8}
            spellCheck={false}
            style={{ fontFamily: "ui-monospace, monospace" }}
          />
          {fieldErrors?.file && <span className="error">{fieldErrors.file.join(" ")}</span>}
        </div>
        <div className="field">
          <label htmlFor="import-source">Name of the table</label>
          <span className="hint">
            Rows are matched to this table on a later import of a new version of it.
          </span>
          <input
            id="import-source"
            name="source"
            required

            aria-invalid={fieldErrors?.source ? true : undefined}
          />
          {fieldErrors?.source && <span className="error">{fieldErrors.source.join(" ")}</span>}
        </div>
        <div className="field">
          <label htmlFor="import-citation">Citation (optional)</label>
          <input id="import-citation" name="citation" />
        </div>
        <div className="field">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" name="format" defaultValue="">
            {FORMATS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-disease">Disease of every row (optional)</label>
          <span className="hint">For tables without a Disease column, e.g. a table of ARDS trials.</span>
          <input id="import-disease" name="disease" />
        </div>
        <div>
          <button
            type="submit"
            className="button"
            disabled={phase.kind === "reading" || phase.kind === "importing"}
          >
            {phase.kind === "reading" ? "Reading…" : "Preview"}
          </button>
        </div>
      </form>

      <div aria-live="polite">
        {phase.kind === "failed" && (
          <div className="alert error" role="alert">
            {phase.message}
          </div>
        )}
        {current && (
          <section className="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading" style={{ marginTop: 0 }}>
              Preview
            </h2>
            <p>
              <strong>{current.studies}</strong> rows read as <strong>{current.format}</strong>
              {current.caption ? ` (“${current.caption}”)` : ""}; <strong>{current.importable}</strong> can be
              imported; <strong>{problems.length}</strong> problem{problems.length === 1 ? "" : "s"}
              {errors > 0 ? `, of which ${errors} leave a row out` : ""}.
            </p>
            {Object.keys(current.columns).length > 0 && (
              <p className="muted">
                Columns read:{" "}
                {Object.entries(current.columns)
                  .map(([f, h]) => `${h} → ${f}`)
                  .join(", ")}
                {current.ignoredColumns.length > 0 && `; left out: ${current.ignoredColumns.join(", ")}`}.
              </p>
            )}
            {problems.length > 0 && (
              <div
                className="table-wrap"
                style={{ maxHeight: "18rem", overflowY: "auto", marginBottom: "1rem" }}
              >
                <table className="data">
                  <caption className="visually-hidden">Problems found in the table</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        Line
                      </th>
                      <th scope="col">Kind</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {problems.map((p, i) => (
                      <tr key={i}>
                        <td className="num">{p.line ?? "—"}</td>
                        <td>{p.severity === "error" ? "Row left out" : "Warning"}</td>
                        <td>{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="table-wrap">
              <table className="data">
                <caption className="visually-hidden">First rows as read</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Line
                    </th>
                    <th scope="col">Disease</th>
                    <th scope="col">Route</th>
                    <th scope="col">Product</th>
                    <th scope="col" className="num">
                      n
                    </th>
                    <th scope="col">Doses</th>
                    <th scope="col">Registry id</th>
                    <th scope="col">Ref.</th>
                  </tr>
                </thead>
                <tbody>
                  {current.sample.map((s) => (
                    <tr key={s.line}>
                      <td className="num">{s.line}</td>
                      <td>{s.disease}</td>
                      <td>{s.route}</td>
                      <td>{s.products}</td>
                      <td className="num">{s.enrollment ?? "—"}</td>
                      <td>{s.doses}</td>
                      <td>{s.registry ?? "—"}</td>
                      <td>{s.reference}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {current.studies > current.sample.length && (
              <p className="muted">
                The first {current.sample.length} of {current.studies} rows.
              </p>
            )}

            {phase.kind === "preview" && current.importable > 0 && (
              <div className="stack" style={{ display: "grid", gap: "0.75rem", marginTop: "1rem" }}>
                {problems.length > 0 && (
                  <label>
                    <input
                      type="checkbox"
                      checked={confirmed}
                      onChange={(e) => setConfirmed(e.target.checked)}
                    />{" "}
                    I have read the {problems.length} problem{problems.length === 1 ? "" : "s"} above
                  </label>
                )}
                <div>
                  <button
                    type="button"
                    className="button"
                    disabled={problems.length > 0 && !confirmed}
                    onClick={() => void runImport(current)}
                  >
                    Import {current.importable} stud{current.importable === 1 ? "y" : "ies"}
                  </button>
                </div>
              </div>
            )}
            {phase.kind === "importing" && (
              <div style={{ marginTop: "1rem" }}>
                <label htmlFor="import-progress">
                  Importing: {phase.done} of {phase.total} rows
                </label>
                <progress
                  id="import-progress"
                  value={phase.done}
                  max={Math.max(phase.total, 1)}
                  style={{ width: "100%", height: "1.25rem" }}
                />
              </div>
            )}
            {phase.kind === "done" && (
              <div className="alert success" role="status" style={{ marginTop: "1rem" }}>
                Import finished: {phase.outcome.added} added, {phase.outcome.updated} updated,{" "}
                {phase.outcome.unchanged} left alone
                {phase.outcome.conflicts.length > 0 &&
                  `, ${phase.outcome.conflicts.length} kept as edited by reviewers (${phase.outcome.conflicts.join(", ")})`}
                {phase.outcome.leftOut.length > 0 && `, ${phase.outcome.leftOut.length} left out`}.
                {phase.outcome.addedNames.length > 0 && (
                  <details>
                    <summary>Added</summary>
                    {phase.outcome.addedNames.join(", ")}
                  </details>
                )}
                {phase.outcome.updatedNames.length > 0 && (
                  <details>
                    <summary>Updated</summary>
                    {phase.outcome.updatedNames.join(", ")}
                  </details>
                )}
              </div>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
