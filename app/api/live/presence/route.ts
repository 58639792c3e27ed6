// Presence heartbeats from an open study page: "I have this study open, editing this field" (or
// "I left"). State-changing, so foreign origins are refused first; reviewers and admins only.
import { PresenceHeartbeatSchema } from "@/lib/domain/live-wire";
import { readBodyLimited } from "@/lib/server/platform/body";
import { AppError, HTTP_STATUS } from "@/lib/server/platform/errors";
import { refuseCrossSite } from "@/lib/server/platform/origin";
import { currentUser } from "@/lib/server/platform/session";
import { presenceHeartbeat } from "@/lib/server/live";

export const dynamic = "force-dynamic";

const MAX_BODY = 1024;

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request) {
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;
  const user = await currentUser();
  if (!user)
    return json(
      { ok: false, code: "unauthenticated", error: "You are not signed in." },
      HTTP_STATUS.unauthenticated,
    );
  let body: unknown = null;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBodyLimited(request, MAX_BODY)));
  } catch {
    body = null; // too large, or not JSON
  }
  const parsed = PresenceHeartbeatSchema.safeParse(body);
  if (!parsed.success) return json({ ok: false, code: "invalid", error: "Not a presence heartbeat." }, 400);
  try {
    await presenceHeartbeat(user, parsed.data);
  } catch (error) {
    if (error instanceof AppError)
      return json({ ok: false, code: error.code, error: error.message }, HTTP_STATUS[error.code]);
    console.error("presence heartbeat failed", error);
    return json({ ok: false, code: "unavailable", error: "Presence is not available just now." }, 503);
  }
  return json({ ok: true }, 200);
}
