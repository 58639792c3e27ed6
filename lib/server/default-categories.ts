// The starting outcome categories, created with the seed when a team has none. Not
// "server-only": the seed script and tests use it.
import type { Db, Tx } from "./prisma-client";

/** The starting set, read from the seed table's outcome texts (see README). */
export const DEFAULT_CATEGORIES = [
  {
    name: "Clinical efficacy",
    colour: "#0072B2",
    description: "Improved disease activity, remission, response or function.",
  },
  {
    name: "Safety / feasibility",
    colour: "#009E73",
    description: "Safe, feasible or well tolerated; adverse events reported.",
  },
  {
    name: "Immunomodulation",
    colour: "#CC79A7",
    description: "Changes in immune cells or cytokines (Tregs, Th17, IL-10…).",
  },
  {
    name: "No added benefit",
    colour: "#D55E00",
    description: "No difference from control or from the standard therapy.",
  },
  {
    name: "Relapse",
    colour: "#E69F00",
    description: "Relapse, flare or loss of the response during follow-up.",
  },
] as const;

/** Creates the starting categories when there are none yet. */
export async function ensureDefaultCategories(client: Db | Tx): Promise<void> {
  if ((await client.outcomeCategory.count()) > 0) return;
  await client.outcomeCategory.createMany({
    data: DEFAULT_CATEGORIES.map((c, i) => ({ ...c, position: i + 1 })),
    skipDuplicates: true,
  });
}
