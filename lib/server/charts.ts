// The dose charts' data for the signed-in team.
import "server-only";
import type { DoseChartData } from "../contracts/charts";
import type { ChartOptions } from "../domain/charts/options";
import type { CohortFilter } from "../domain/filter/filter";
import { db } from "./platform/db";
import { assertRole, type SessionUser } from "./platform/session-user";
import { cachedDoseChart } from "./sql/dose-chart";
import { scoped } from "./visibility";

/** The dose chart data of the filtered studies. */
export async function doseChart(
  actor: SessionUser | null,
  filter: CohortFilter,
  options: Pick<ChartOptions, "groupBy">,
): Promise<DoseChartData> {
  const user = assertRole(actor, "viewer");
  return cachedDoseChart(db(), await scoped(user, filter), options);
}
