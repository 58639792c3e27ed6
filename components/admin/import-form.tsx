"use client";
// Paste or upload a review table, see what was read and every problem with its line, then
// confirm; a progress bar follows the import and the result says what changed.
import { useRef, useState } from "react";
import type { ImportPreview as Preview } from "@/lib/contracts/imports";
import { ImportPreview } from "./import-preview";
import { ImportProgress } from "./import-result";

export type ImportOutcome = {
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

export type ImportPhase =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "preview"; preview: Preview }
  | { kind: "importing"; preview: Preview; done: number; total: number }
  | { kind: "done"; preview: Preview; outcome: ImportOutcome }
  | { kind: "failed"; message: string; fieldErrors?: Record<string, string[]>; preview?: Preview };

const FORMATS = [
  ["", "Detect from the text"],
  ["seed", "Table copied from a web page (one line per study)"],
  ["csv", "CSV with a header row"],
  ["tsv", "TSV (tab-separated) with a header row"],
  ["md", "Markdown / pipe table"],
] as const;

export function ImportForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [phase, setPhase] = useState<ImportPhase>({ kind: "idle" });
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
      preview?: Preview;
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

  async function runImport(preview: Preview) {
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
          | { type: "result"; outcome: ImportOutcome }
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

  return (
    <div className="stack grid-gap">
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
          <textarea id="import-text" name="text" rows={8} spellCheck={false} className="mono" />
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
          <ImportPreview preview={current}>
            {phase.kind === "preview" && current.importable > 0 && (
              <div className="stack grid-gap tight spaced">
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
            <ImportProgress phase={phase} />
          </ImportPreview>
        )}
      </div>
    </div>
  );
}
