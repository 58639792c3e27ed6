// A study's cell products: as written, with the source, donor and co-interventions read from them.
import type { StudyDetail } from "@/lib/contracts/studies";
import { cellSourceLabel, donorLabel } from "@/lib/domain/vocabulary";
import { Section } from "./section";

export function ProductsTable({ products }: { products: StudyDetail["products"] }) {
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
    </Section>
  );
}
