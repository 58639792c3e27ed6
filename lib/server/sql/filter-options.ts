// The values the filter panel offers, with how many studies have each. The counts are three
// aggregates over the whole table (about 165 ms of database time at 100,000 studies), so they are
// kept for as long as the data version stays the same, as the dashboard's numbers are; the
// categories (a few rows, with no data version of their own) are read fresh.
import type { FilterOptions } from "../../contracts/studies";
import type { Db } from "./client";
import { versionedCache } from "./data-version";

type Facets = Omit<FilterOptions, "categories">;

async function queryFacets(db: Db): Promise<Facets> {
  const [diseases, routes, coInterventions, coAdministered] = await Promise.all([
    db.$queryRaw<FilterOptions["diseases"]>`
      SELECT disease_code AS value, MIN(disease) AS label, COUNT(*)::int AS n FROM studies GROUP BY disease_code ORDER BY n DESC, value`,
    db.$queryRaw<FilterOptions["routes"]>`
      SELECT r AS value, COUNT(*)::int AS n FROM studies, unnest(routes) r GROUP BY r ORDER BY n DESC, value`,
    db.$queryRaw<FilterOptions["coInterventions"]>`
      SELECT c AS value, COUNT(DISTINCT study_id)::int AS n FROM cell_products, unnest(co_interventions) c GROUP BY c ORDER BY n DESC, value`,
    db.$queryRaw<FilterOptions["coAdministered"]>`
      SELECT name AS value, COUNT(DISTINCT study_id)::int AS n FROM co_administered_products GROUP BY name ORDER BY n DESC, value`,
  ]);
  return { diseases, routes, coInterventions, coAdministered };
}

const facets = versionedCache<Facets>();

/** The filter panel's choices, the counts from the cache while the data are unchanged. */
export async function queryFilterOptions(db: Db): Promise<FilterOptions> {
  const [cached, categories] = await Promise.all([
    facets(db, "facets", () => queryFacets(db)),
    db.outcomeCategory.findMany({
      select: { id: true, name: true, colour: true },
      orderBy: { position: "asc" },
    }),
  ]);
  return { ...cached, categories };
}
