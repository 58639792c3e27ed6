// Builds the streamed export responses of /api/studies.csv and /api/studies.json.
import "server-only";
import { parseFilter } from "../domain/cohort-filter";
import { HTTP_STATUS } from "./errors";
import { csvCell } from "../domain/csv";
import { EXPORT_COLUMNS, exportRows } from "./export";
import { currentUser } from "./session";

export async function exportResponse(request: Request, format: "csv" | "json"): Promise<Response> {
  const user = await currentUser();
  if (!user)
    return Response.json(
      { ok: false, code: "unauthenticated", error: "You are not signed in." },
      { status: HTTP_STATUS.unauthenticated },
    );
  const { filter, settings } = parseFilter(new URL(request.url).searchParams);
  const rows = exportRows(user, filter, settings);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        if (format === "csv") {
          controller.enqueue(encoder.encode("\uFEFF" + EXPORT_COLUMNS.join(",") + "\r\n"));
          for await (const row of rows)
            controller.enqueue(encoder.encode(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(",") + "\r\n"));
        } else {
          controller.enqueue(
            encoder.encode(
              `{"filter":${JSON.stringify(filter)},"referenceWeightKg":${settings.referenceWeightKg},"studies":[`,
            ),
          );
          let first = true;
          for await (const row of rows) {
            controller.enqueue(encoder.encode((first ? "\n" : ",\n") + JSON.stringify(row)));
            first = false;
          }
          controller.enqueue(encoder.encode("\n]}\n"));
        }
      } catch (error) {
        console.error("export failed", error);
        controller.error(error);
        return;
      }
      controller.close();
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="studies-${date}.${format}"`,
      "Cache-Control": "no-store",
    },
  });
}
