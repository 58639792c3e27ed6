// The dose chart data of a filter (same parameters as /charts), as JSON; signed-in users only.
import { doseChartResponse } from "@/lib/server/charts";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return doseChartResponse(request);
}
