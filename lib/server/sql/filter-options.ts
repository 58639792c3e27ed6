// The values the filter panel offers, with how many studies have each.
import type { FilterOptions } from "../../contracts/studies";
import type { Db } from "./client";

export async function queryFilterOptions(db: Db): Promise<FilterOptions> {
  const [diseases, routes, coInterventions, coAdministered, categories] = await Promise.all([
    db.$queryRaw<FilterOptions["diseases"]>`
      SELECT disease_code AS value, MIN(disease) AS label, COUNT(*)::int AS n FROM studies GROUP BY disease_code ORDER BY n DESC, value`,
    db.$queryRaw<FilterOptions["routes"]>`
      SELECT r AS value, COUNT(*)::int AS n FROM studies, unnest(routes) r GROUP BY r ORDER BY n DESC, value`,
    db.$queryRaw<FilterOptions["coInterventions"]>`
      SELECT c AS value, COUNT(DISTINCT study_id)::int AS n FROM cell_products, unnest(co_interventions) c GROUP BY c ORDER BY n DESC, value`,
    db.$queryRaw<FilterOptions["coAdministered"]>`
      SELECT name AS value, COUNT(DISTINCT study_id)::int AS n FROM co_administered_products GROUP BY name ORDER BY n DESC, value`,
    db.outcomeCategory.findMany({
      select: { id: true, name: true, colour: true },
      orderBy: { position: "asc" },
    }),
  ]);
  return { diseases, routes, coInterventions, coAdministered, categories };
}
