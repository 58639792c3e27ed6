"use client";
// A reviewer brings in outcome data per arm (dose–response) for many studies at once: a CSV chosen
// as a file (read here, in the browser) or pasted. "Preview" lists every problem by line and what
// would be created, changed or left unchanged; "Import" writes every row, or none.
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { fieldErrors, FormStatus } from "@/components/ui/form-status";
import { useKeepForm } from "@/components/ui/use-keep-form";
import { useOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import type { ArmOutcomeImportPlan } from "@/lib/contracts/arm-outcomes";
import { ARM_OUTCOME_KIND_LABELS } from "@/lib/domain/arm-outcome-kinds";

const ACTION_LABELS: Record<ArmOutcomeImportPlan["rows"][number]["action"], string> = {
  create: "New",
  update: "Changed",
  unchanged: "Unchanged",
};

function PlanTables({ plan }: { plan: ArmOutcomeImportPlan }) {
  return (
    <>
      {plan.problems.length > 0 && (
        <div className="table-wrap scroll-box">
          <table className="data" aria-label="Problems found in the file">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {plan.problems.map((p, i) => (
                <tr key={i}>
                  <td className="num">{p.line}</td>
                  <td>{p.column ?? "—"}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan.rows.length > 0 && (
        <div className="table-wrap scroll-box">
          <table
            className="data"
            aria-label={plan.imported ? "Rows imported" : "Rows that would be imported"}
          >
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Study</th>
                <th scope="col">Arm</th>
                <th scope="col">Outcome</th>
                <th scope="col">Data</th>
                <th scope="col">{plan.imported ? "Result" : "Would be"}</th>
              </tr>
            </thead>
            <tbody>
              {plan.rows.map((r) => (
                <tr key={r.line}>
                  <td className="num">{r.line}</td>
                  <td>{r.study}</td>
                  <td>{r.arm}</td>
                  <td>{r.outcome}</td>
                  <td>{ARM_OUTCOME_KIND_LABELS[r.kind]}</td>
                  <td>{ACTION_LABELS[r.action]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ArmOutcomeImportForm({ action }: { action: FormAction<ArmOutcomeImportPlan> }) {
  const [state, formAction] = useActionState(action, null);
  const [csv, setCsv] = useState("");
  // The text the last preview was asked for: "Import" needs a clean preview of the text as it is.
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { onSubmit, pending } = useKeepForm(formAction);
  const router = useRouter();
  // Only an import changes the page's data; a preview leaves the text in place for editing.
  useOnSuccess(state, (data) => {
    if (!data.imported) return;
    setCsv("");
    setPreviewed(null);
    router.refresh();
  });
  const plan = state?.ok ? state.data : null;
  const canImport =
    plan !== null &&
    !plan.imported &&
    plan.problems.length === 0 &&
    plan.rows.length > 0 &&
    previewed === csv;
  const err = fieldErrors(state, "csv")?.join(" ");
  return (
    <details className="card" id="import-arm-outcomes">
      <summary>Import per-arm outcome data (CSV)</summary>
      <form
        className="stack"
        aria-label="Import per-arm outcome data"
        aria-busy={pending || undefined}
        onSubmit={(e) => {
          const submitter = e.nativeEvent.submitter;
          if (submitter instanceof HTMLButtonElement && submitter.value === "preview") setPreviewed(csv);
          onSubmit(e);
        }}
      >
        <div className="muted" id="arm-import-help">
          <p>One line per arm, under a header row. Columns (names as dosresmeta or escalc write them):</p>
          <ul>
            <li>
              <code>study</code> (or <code>id</code>, <code>reference</code>, <code>registry</code>,{" "}
              <code>row_key</code>): the study&apos;s reference such as [46] or 46, its registry id, or its
              row key;
            </li>
            <li>
              <code>arm</code> (or <code>dose</code>): the arm number as the study page shows it, the dose as
              written (2 x 10^6/kg), or <code>reference</code> for the control arm at dose 0;
            </li>
            <li>
              <code>outcome</code>: its name, up to 120 characters;
            </li>
            <li>
              the values: <code>cases</code> and <code>n</code> (events / total), <code>y</code> (mean),{" "}
              <code>sd</code> and <code>n</code>, or <code>cases</code> and <code>peryears</code>{" "}
              (person-time); also read as <code>xi</code>/<code>events</code>, <code>ni</code>/
              <code>total</code>, <code>mean</code>/<code>mi</code>, <code>sdi</code>,{" "}
              <code>person_time</code>/<code>ti</code>;
            </li>
            <li>
              optional <code>kind</code> (events, means or rate; otherwise read from the values filled) and{" "}
              <code>notes</code>.
            </li>
          </ul>
          <p>
            A line for an arm that already has data for that outcome replaces it. Every arm of one outcome of
            a study holds the same kind of data. Nothing is written unless every line can be.
          </p>
        </div>
        <div className="field">
          <label htmlFor="arm-import-file">CSV file</label>
          <input
            id="arm-import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="arm-import-help"
            onChange={(e) => {
              const file = e.target.files?.[0];
              setFileError(null);
              if (!file) return;
              if (file.size > 1_000_000) {
                setFileError("The file is over 1 MB.");
                return;
              }
              file.text().then(setCsv, () => setFileError("The file could not be read."));
            }}
          />
          {fileError && <span className="error">{fileError}</span>}
        </div>
        <div className="field">
          <label htmlFor="arm-import-csv">Or paste it</label>
          <textarea
            id="arm-import-csv"
            name="csv"
            rows={8}
            spellCheck={false}
            className="mono"
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            aria-describedby="arm-import-help"
            aria-invalid={err ? true : undefined}
          />
          {err && <span className="error">{err}</span>}
        </div>
        <div className="row-actions">
          <button type="submit" name="mode" value="preview" className="button secondary" disabled={pending}>
            {pending ? "Working…" : "Preview"}
          </button>
          <button
            type="submit"
            name="mode"
            value="import"
            className="button"
            disabled={pending || !canImport}
            aria-describedby="arm-import-when"
          >
            Import
          </button>
          <span className="muted" id="arm-import-when">
            Import is open once a preview of the text as it is finds no problem.
          </span>
        </div>
        <div aria-live="polite" className="stack">
          <FormStatus state={state} />
          {plan && <PlanTables plan={plan} />}
        </div>
      </form>
    </details>
  );
}
