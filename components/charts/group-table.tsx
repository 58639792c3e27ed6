// The chart's group medians and quartiles as a table (over every arm, not only those drawn).
import type { DoseChartData } from "@/lib/contracts/charts";
import { fmtCellsPerKg, fmtInt } from "@/lib/domain/format";

export function GroupTable({
  data,
  groupLabel,
  by,
}: {
  data: DoseChartData;
  groupLabel: (k: string) => string;
  by: string;
}) {
  if (data.groups.length === 0) return null;
  return (
    <section className="card" aria-labelledby="group-table-title">
      <h2 id="group-table-title">
        {data.scale === "cumulative" ? "Cumulative doses" : "Doses"} by {by.toLowerCase()} (cells/kg, every
        arm)
      </h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{by}</th>
            {["Arms", "Lower quartile", "Median", "Upper quartile"].map((h) => (
              <th key={h} scope="col" className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{groupLabel(g.key)}</th>
              <td className="num">{fmtInt.format(g.arms)}</td>
              <td className="num">{fmtCellsPerKg(g.q1)}</td>
              <td className="num">{fmtCellsPerKg(g.median)}</td>
              <td className="num">{fmtCellsPerKg(g.q3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
