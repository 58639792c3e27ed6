// Exports of the filtered studies as CSV and JSON (/api/studies.csv, /api/studies.json),
// streamed in batches.
import "server-only";
import { csvCell } from "../domain/csv";
import { parseFilter, type CohortFilter, type FilterReading } from "../domain/filter/filter";
import { armCellsPerKg } from "../domain/format";
import { db } from "./platform/db";
import { HTTP_STATUS } from "./platform/errors";
import { currentUser } from "./platform/session";
import { assertRole, type SessionUser } from "./platform/session-user";
import { cohortWhere } from "./sql/filter-sql";
import { scoped } from "./visibility";

const BATCH = 2000;

export const EXPORT_COLUMNS = [
  "id",
  "disease_code",
  "disease",
  "routes",
  "products",
  "sources",
  "donors",
  "co_interventions",
  "co_administered",
  "enrollment",
  "doses_as_written",
  "arm_sizes",
  "administrations",
  "schedules",
  "dose_scale",
  "dose_min_cells_per_kg",
  "dose_max_cells_per_kg",
  "dose_estimated",
  "registry_id",
  "registry",
  "reference",
  "first_author",
  "publication_year",
  "title",
  "journal",
  "doi",
  "pmid",
  "phase",
  "design",
  "outcome",
  "source_table",
  "source_line",
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

export async function* exportRows(
  actor: SessionUser | null,
  filter: CohortFilter,
): AsyncGenerator<ExportRow> {
  const user = assertRole(actor, "viewer");
  const where = cohortWhere(await scoped(user, filter));
  let cursor: string | undefined;
  for (;;) {
    const batch = await db().study.findMany({
      where,
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      include: {
        trial: true,
        source: { select: { name: true } },
        products: { orderBy: { position: "asc" } },
        arms: { orderBy: { position: "asc" } },
        coAdministered: { orderBy: { position: "asc" } },
      },
    });
    for (const s of batch) {
      const doses = s.arms
        .map((a) => armCellsPerKg(a, filter.referenceWeightKg, filter.doseScale))
        .filter((v): v is number => v !== null);
      yield {
        id: s.id,
        disease_code: s.diseaseCode,
        disease: s.disease,
        routes: s.routes.join("; "),
        products: s.products.map((p) => p.rawText).join("; "),
        sources: s.products.map((p) => p.tissue).join("; "),
        donors: s.products.map((p) => p.donor).join("; "),
        co_interventions: [...new Set(s.products.flatMap((p) => p.coInterventions))].join("; "),
        co_administered: s.coAdministered.map((c) => c.rawText).join("; "),
        enrollment: s.enrollment,
        doses_as_written: s.arms.map((a) => a.doseText).join("; "),
        arm_sizes: s.arms.map((a) => a.n ?? "").join("; "),
        // One entry per arm, in the order of doses_as_written; empty where the table does not say.
        administrations: s.arms.map((a) => a.administrations ?? "").join("; "),
        schedules: s.arms.map((a) => a.schedule ?? "").join("; "),
        dose_scale: filter.doseScale,
        dose_min_cells_per_kg: doses.length ? Math.min(...doses) : null,
        dose_max_cells_per_kg: doses.length ? Math.max(...doses) : null,
        dose_estimated: s.arms.some((a) => a.basis === "total"),
        registry_id: s.trial?.registryId ?? null,
        registry: s.trial?.registry ?? null,
        reference: s.reference,
        first_author: s.firstAuthor,
        publication_year: s.publicationYear,
        title: s.title,
        journal: s.journal,
        doi: s.doi,
        pmid: s.pmid,
        phase: s.phase,
        design: s.designText,
        outcome: s.outcome,
        source_table: s.source.name,
        source_line: s.sourceLine,
      };
    }
    if (batch.length < BATCH) return;
    cursor = batch[batch.length - 1]!.id;
  }
}

/** The streamed response of an export for the signed-in user. */
export async function exportResponse(request: Request, format: ExportFormat): Promise<Response> {
  const user = await currentUser();
  if (!user)
    return Response.json(
      { ok: false, code: "unauthenticated", error: "You are not signed in." },
      { status: HTTP_STATUS.unauthenticated },
    );
  const reading = parseFilter(new URL(request.url).searchParams);
  return streamExport(exportRows(user, reading.filter), format, reading);
}

export type ExportFormat = "csv" | "json";

/**
 * Streams rows as CSV or JSON. The first batch is read before the response starts, so a query
 * that fails gives an error status, not a success with a header row; a failure later aborts the
 * stream (the client sees a broken transfer, never a complete file). Filter parameters that were
 * not understood are named in the X-Filter-Ignored header (and the JSON's `ignored`).
 */
export async function streamExport(
  rows: AsyncIterator<ExportRow>,
  format: ExportFormat,
  reading: FilterReading,
): Promise<Response> {
  const { filter, ignored } = reading;
  let next: IteratorResult<ExportRow>;
  try {
    next = await rows.next();
  } catch (error) {
    console.error("export failed before it started", error);
    return Response.json(
      { ok: false, code: "unavailable", error: "The export could not be read. Nothing was sent; try again." },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      try {
        if (format === "csv") send("\uFEFF" + EXPORT_COLUMNS.join(",") + "\r\n");
        else
          send(
            `{"filter":${JSON.stringify(filter)},"ignored":${JSON.stringify(ignored)},"referenceWeightKg":${filter.referenceWeightKg},"studies":[`,
          );
        let first = true;
        for (; !next.done; next = await rows.next()) {
          const row = next.value;
          if (format === "csv") send(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(",") + "\r\n");
          else send((first ? "\n" : ",\n") + JSON.stringify(row));
          first = false;
        }
        if (format === "json") send("\n]}\n");
      } catch (error) {
        console.error("export failed", error);
        controller.error(new Error("export failed"));
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
      ...(ignored.length ? { "X-Filter-Ignored": ignored.join(",") } : {}),
    },
  });
}
