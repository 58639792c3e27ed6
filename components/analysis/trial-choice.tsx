// Which study stands for a registered trial that several studies report: one radio group per
// trial, in a GET form that keeps every other choice.
import type { AnalysisResult } from "@/lib/domain/analysis";
import { HiddenFields } from "./hidden-fields";

export function TrialChoice({
  duplicates,
  query,
}: {
  duplicates: AnalysisResult["duplicates"];
  query: string;
}) {
  if (duplicates.length === 0) return null;
  return (
    <form method="get" action="/analysis" className="card" aria-label="One study per trial">
      <h2>Studies that report the same trial</h2>
      <p>
        A pooled estimate counts each trial once. The largest study stands for its trial unless you choose
        another.
      </p>
      <HiddenFields query={query} skip={["use"]} />
      {duplicates.map((d, i) => (
        <fieldset key={d.trialId} className="filter-group">
          <legend>{d.registryId ?? "Registered trial"}</legend>
          {d.studies.map((s) => (
            <label key={s.studyId} className="check">
              <input
                type="radio"
                name={`use_${i}`}
                value={s.studyId}
                defaultChecked={s.studyId === d.chosen}
              />{" "}
              {s.label} (n = {s.n ?? "?"})
            </label>
          ))}
        </fieldset>
      ))}
      <button type="submit" className="button secondary">
        Use these studies
      </button>
    </form>
  );
}
