// The chart of a shared cohort, as JSON, for its read-only page: the token is the only
// credential, checked as the page checks it (revoked, expired or unknown: 404).
import { sharedChartResponse } from "@/lib/server/charts";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  return sharedChartResponse((await params).token);
}
