// A study's dose arms: the dose as written, how it was read, and its cells/kg at the reference weight.
import type { StudyArm } from "@/lib/contracts/studies";
import { armCellsPerKg, fmtCellsPerKg } from "@/lib/domain/format";
import { basisLabel } from "@/lib/domain/vocabulary";
import { Section } from "./section";

function ReadAs({ arm: a }: { arm: StudyArm }) {
  if (a.parseProblem)
    return (
      <span>
        {a.basis === "unknown" && !a.doseLow ? a.parseProblem : `${basisLabel(a.basis)}: ${a.parseProblem}`}
      </span>
    );
  if (a.doseLow === null) return <>not given</>;
  return (
    <>
      {a.lowerBound ? "≥ " : ""}
      {fmtCellsPerKg(a.doseLow)}
      {a.doseHigh !== null && a.doseHigh !== a.doseLow ? ` – ${fmtCellsPerKg(a.doseHigh)}` : ""}
      {a.doseSd !== null ? ` ± ${fmtCellsPerKg(a.doseSd)}` : ""} {basisLabel(a.basis)}
    </>
  );
}

export function ArmsTable({ arms, weight }: { arms: StudyArm[]; weight: number }) {
  return (
    <Section id="arms" title="Dose arms">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col">Dose as written</th>
            <th scope="col">Read as</th>
            <th scope="col">Cells/kg at {weight} kg</th>
          </tr>
        </thead>
        <tbody>
          {arms.map((a) => {
            const ckg = armCellsPerKg(a, weight);
            return (
              <tr key={a.id}>
                <td>{a.product ?? "—"}</td>
                <td className="num">{a.n ?? "—"}</td>
                <td>{a.doseText}</td>
                <td>
                  <ReadAs arm={a} />
                </td>
                <td>
                  {ckg === null ? <span className="muted">not comparable</span> : fmtCellsPerKg(ckg)}
                  {a.basis === "total" && ckg !== null && <span className="muted"> (estimated)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}
