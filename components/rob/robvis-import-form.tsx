"use client";
// An admin brings in a robvis summary table (Study, D1…Dn, Overall[, Weight]) as consensus
// judgements: chosen as a file (read here, in the browser) or pasted. Refused whole, naming each
// line and column, when any row does not fit.
import { useActionState, useState } from "react";
import { fieldErrors, FormStatus } from "@/components/ui/form-status";
import { useKeepForm } from "@/components/ui/use-keep-form";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import { TOOL_SHORT_NAMES } from "@/lib/domain/rob/tool-names";
import { TOOL_IDS, type ToolId } from "@/lib/domain/rob/types";

export function RobvisImportForm({
  tool,
  outcome,
  action,
}: {
  tool: ToolId;
  outcome: string;
  action: FormAction<{ imported: number }>;
}) {
  const [state, formAction] = useActionState(action, null);
  const [csv, setCsv] = useState("");
  useRefreshOnSuccess(state, () => setCsv(""));
  const { onSubmit, pending } = useKeepForm(formAction);
  const [fileError, setFileError] = useState<string | null>(null);
  const err = (name: string) => fieldErrors(state, name)?.join(" ");
  return (
    <form
      className="stack"
      onSubmit={onSubmit}
      aria-label="Import a robvis file"
      aria-busy={pending || undefined}
    >
      <FormStatus state={state} />
      <div className="field-grid">
        <div className="field">
          <label htmlFor="robvis-tool">Tool of the file</label>
          <select id="robvis-tool" name="tool" defaultValue={tool}>
            {TOOL_IDS.map((t) => (
              <option key={t} value={t}>
                {TOOL_SHORT_NAMES[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="robvis-outcome">Outcome</label>
          <span className="hint" id="robvis-outcome-hint">
            For rows that name a study only; empty: the study as a whole
          </span>
          <input
            id="robvis-outcome"
            name="outcome"
            maxLength={120}
            defaultValue={outcome}
            aria-describedby="robvis-outcome-hint"
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="robvis-file">robvis CSV file</label>
        <input
          id="robvis-file"
          type="file"
          accept=".csv,text/csv"
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
        <label htmlFor="robvis-csv">Or paste it</label>
        <textarea
          id="robvis-csv"
          name="csv"
          rows={6}
          className="mono"
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          aria-invalid={err("csv") ? true : undefined}
        />
        {err("csv") && <span className="error">{err("csv")}</span>}
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Importing…" : "Import as consensus"}
        </button>
      </div>
    </form>
  );
}
