// A study's dose arms: the dose as written, how it was read (its form, how often it was given,
// what the reader assumed), and its cells/kg at the reference weight, per administration or in all.
import type { StudyArm } from "@/lib/contracts/studies";
import type { DoseSettings } from "@/lib/domain/filter";
import { armCellsPerKg, fmtAdministrations, fmtCellsPerKg } from "@/lib/domain/format";
import { basisLabel } from "@/lib/domain/vocabulary";
import { Section } from "./section";

const CENTRE: Partial<Record<StudyArm["doseForm"], string>> = {
  mean_sd: "mean",
  median_range: "median",
  median_iqr: "median",
};

function ReadAs({ arm: a }: { arm: StudyArm }) {
  if (a.parseProblem)
    return (
      <span>
        {a.basis === "unknown" && !a.doseLow ? a.parseProblem : `${basisLabel(a.basis)}: ${a.parseProblem}`}
      </span>
    );
  if (a.doseLow === null && a.doseHigh === null) return <>not given</>;
  const centre = CENTRE[a.doseForm];
  const ends =
    a.doseHigh !== null && a.doseLow !== null && a.doseHigh !== a.doseLow
      ? `${fmtCellsPerKg(a.doseLow)} – ${fmtCellsPerKg(a.doseHigh)}`
      : null;
  return (
    <>
      {a.approximate ? "about " : ""}
      {a.doseForm === "lower_bound" || a.lowerBound ? "≥ " : a.doseForm === "upper_bound" ? "≤ " : ""}
      {centre && a.doseCentral !== null
        ? `${centre} ${fmtCellsPerKg(a.doseCentral)}${
            a.doseSd !== null
              ? ` ± ${fmtCellsPerKg(a.doseSd)}`
              : ends
                ? ` (${a.doseForm === "median_iqr" ? "IQR" : "range"} ${ends})`
                : ""
          }`
        : a.doseForm === "upper_bound"
          ? fmtCellsPerKg(a.doseHigh)
          : (ends ?? fmtCellsPerKg(a.doseLow))}{" "}
      {basisLabel(a.basis)}
    </>
  );
}

export function ArmsTable({ arms, dose }: { arms: StudyArm[]; dose: DoseSettings }) {
  const weight = dose.referenceWeightKg;
  const cumulative = dose.doseScale === "cumulative";
  const notes = arms.filter((a) => a.doseNote || a.doseAssumptions.length > 0);
  return (
    <Section id="arms" title="Dose arms">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Product</th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col">Dose as written</th>
            <th scope="col">Read as (per administration)</th>
            <th scope="col">Given</th>
            <th scope="col">
              {cumulative ? "Cumulative cells/kg" : "Cells/kg"} at {weight} kg
            </th>
          </tr>
        </thead>
        <tbody>
          {arms.map((a) => {
            const ckg = armCellsPerKg(a, weight, dose.doseScale);
            const perAdministration = armCellsPerKg(a, weight);
            return (
              <tr key={a.id}>
                <td>{a.label ?? a.position + 1}</td>
                <td>{a.product ?? "—"}</td>
                <td className="num">{a.n ?? "—"}</td>
                <td>{a.doseText}</td>
                <td>
                  <ReadAs arm={a} />
                </td>
                <td>{fmtAdministrations(a)}</td>
                <td>
                  {ckg !== null ? (
                    fmtCellsPerKg(ckg)
                  ) : cumulative && perAdministration !== null ? (
                    <span className="muted">number of administrations not stated</span>
                  ) : (
                    <span className="muted">not comparable</span>
                  )}
                  {a.basis === "total" && ckg !== null && <span className="muted"> (estimated)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {notes.length > 0 && (
        <dl className="facts spaced">
          {notes.map((a) => (
            <div key={a.id}>
              <dt>Arm {a.label ?? a.position + 1}</dt>
              <dd>
                {a.doseNote && <div>Also in the cell: “{a.doseNote}”</div>}
                {a.doseAssumptions.map((x) => (
                  <div key={x} className="muted">
                    Assumed: {x}
                  </div>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}
