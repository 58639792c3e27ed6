// A study's cell products: as written, with the source, donor and co-interventions read from them.
import type { StudyDetail } from "@/lib/contracts/studies";
import { fmtCellsPerKg } from "@/lib/domain/format";
import { basisLabel, cellSourceLabel, donorLabel } from "@/lib/domain/vocabulary";
import { Section } from "./section";

export function ProductsTable({
  products,
  coAdministered,
}: {
  products: StudyDetail["products"];
  coAdministered: StudyDetail["coAdministered"];
}) {
  return (
    <Section id="products" title="Cell products">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">As written</th>
            <th scope="col">Source</th>
            <th scope="col">Donor</th>
            <th scope="col">Co-interventions</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.id}>
              <td>{p.rawText}</td>
              <td>{cellSourceLabel(p.tissue)}</td>
              <td>{donorLabel(p.donor)}</td>
              <td>{p.coInterventions.join(", ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {coAdministered.length > 0 && (
        <>
          <h3>Other cells given (not MSCs)</h3>
          <p className="muted small">
            Other cells given to the same patients. They are kept with the study, never counted as an MSC
            dose.
          </p>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Cells</th>
                <th scope="col">As written</th>
                <th scope="col">Dose</th>
                <th scope="col">Given with</th>
              </tr>
            </thead>
            <tbody>
              {coAdministered.map((c, i) => (
                <tr key={i}>
                  <td>{c.name}</td>
                  <td>{c.rawText}</td>
                  <td>
                    {c.doseMid !== null
                      ? `${fmtCellsPerKg(c.doseMid)} ${basisLabel(c.basis)}`
                      : (c.doseText ?? "—")}
                  </td>
                  <td>{c.armPosition !== null ? `arm ${c.armPosition + 1}` : "the whole study"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}
