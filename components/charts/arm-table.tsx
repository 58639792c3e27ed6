// The arms drawn on a dose chart as a table, with links to their studies: the chart's content
// for keyboard and screen-reader users.
import Link from "next/link";
import type { ChartArm } from "@/lib/contracts/charts";
import { attributeLabel, attributeOf, unitOf } from "@/lib/domain/charts/dose-chart";
import { ATTRIBUTE_LABELS } from "@/lib/domain/charts/labels";
import type { ChartOptions } from "@/lib/domain/charts/options";
import { fmtAdministrations, fmtCellsPerKg, fmtInt } from "@/lib/domain/format";
import { basisLabel, cellSourceLabel, donorLabel } from "@/lib/domain/vocabulary";

export function ArmTable({ arms, colourBy }: { arms: ChartArm[]; colourBy: ChartOptions["colourBy"] }) {
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">Study</th>
          <th scope="col">Disease</th>
          <th scope="col">Cell source</th>
          <th scope="col">Route</th>
          <th scope="col" className="num">
            n
          </th>
          <th scope="col">Dose as written</th>
          <th scope="col" className="num">
            Drawn at
          </th>
          <th scope="col">Given</th>
          {colourBy !== "none" && <th scope="col">{ATTRIBUTE_LABELS[colourBy]}</th>}
        </tr>
      </thead>
      <tbody>
        {arms.map((a) => (
          <tr key={a.armId}>
            <td>
              <Link href={`/studies/${a.studyId}`} prefetch={false}>
                {a.citation ?? a.reference ?? a.registryId ?? "Study"}
              </Link>
            </td>
            <td>{a.disease}</td>
            <td>
              {cellSourceLabel(a.tissue)}, {donorLabel(a.donor)}
            </td>
            <td>{a.route}</td>
            <td className="num">
              {a.n ?? (
                <span className="muted">
                  {a.enrollment === null ? "—" : `${fmtInt.format(a.enrollment)} in study`}
                </span>
              )}
            </td>
            <td>
              {a.doseText} <span className="muted">({basisLabel(a.basis)})</span>
            </td>
            <td className="num">
              {fmtCellsPerKg(a.value)} {unitOf(a.basis)}
              {a.estimated && <span className="muted"> (estimated)</span>}
            </td>
            <td>
              {a.administrations === undefined
                ? "—"
                : fmtAdministrations({ administrations: a.administrations, schedule: a.schedule ?? null })}
            </td>
            {colourBy !== "none" && <td>{attributeLabel(colourBy, attributeOf(a, colourBy))}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
