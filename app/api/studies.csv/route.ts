// The filtered studies as CSV (same filter parameters as the pages); signed-in users only.
import { exportResponse } from "@/lib/server/exports";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return exportResponse(request, "csv");
}
