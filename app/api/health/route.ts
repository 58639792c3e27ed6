// Liveness and readiness for load balancers: 200 when the database answers and is migrated,
// 503 with the reason otherwise. Public on purpose; it reveals no data.
import { checkHealth } from "@/lib/server/platform/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
