// The live channel: server-sent events telling a signed-in reviewer's or admin's open page that
// something it shows changed ("change"), and who else has its study open ("presence"). Viewers,
// share links and anonymous callers get nothing. A stream ends after a few minutes; the browser's
// EventSource reconnects, and with it the session is checked again.
import { z } from "zod";
import { AppError, HTTP_STATUS } from "@/lib/server/platform/errors";
import { refuseCrossSiteRead } from "@/lib/server/platform/origin";
import { currentUser } from "@/lib/server/platform/session";
import { subscribeLive, TooManyStreams } from "@/lib/server/live";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 20_000;
const STREAM_LIFETIME_MS = 5 * 60_000;

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function GET(request: Request) {
  // Another site's page may not even hold a stream open with a member's cookie.
  const crossSite = refuseCrossSiteRead(request);
  if (crossSite) return crossSite;
  const user = await currentUser();
  const study = new URL(request.url).searchParams.get("study");
  const studyId = study && z.uuid().safeParse(study).success ? study : null;

  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearInterval(t);
    try {
      controller?.close();
    } catch {
      // already closed by the client
    }
  };
  const send = (text: string) => {
    if (closed || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      close();
    },
  });

  try {
    unsubscribe = subscribeLive(user, {
      studyId,
      change: (change) => send(`id: ${change.id}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`),
      presence: (message) => send(`event: presence\ndata: ${JSON.stringify(message)}\n\n`),
    });
  } catch (error) {
    closed = true;
    if (error instanceof TooManyStreams)
      return json(
        { ok: false, code: "throttled", error: "Too many live connections are open for your account." },
        HTTP_STATUS.throttled,
      );
    if (error instanceof AppError)
      return json({ ok: false, code: error.code, error: error.message }, HTTP_STATUS[error.code]);
    throw error;
  }

  send("retry: 3000\nevent: ready\ndata: {}\n\n");
  timers.push(setInterval(() => send(": ping\n\n"), HEARTBEAT_MS));
  timers.push(setTimeout(close, STREAM_LIFETIME_MS));
  request.signal.addEventListener("abort", close);

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
