"use client";
// The end of an import: its progress while it runs, then what it added, updated and left alone.
import type { ImportPhase } from "./import-form";

export function ImportProgress({ phase }: { phase: ImportPhase }) {
  return (
    <>
      {phase.kind === "importing" && (
        <div className="spaced">
          <label htmlFor="import-progress">
            Importing: {phase.done} of {phase.total} rows
          </label>
          <progress
            id="import-progress"
            value={phase.done}
            max={Math.max(phase.total, 1)}
            className="progress-bar"
          />
        </div>
      )}
      {phase.kind === "done" && (
        <div className="alert success spaced" role="status">
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
    </>
  );
}
