// Reads an uploaded or pasted review table (a preview), or imports it, streaming progress as
// newline-delimited JSON. A route handler rather than a server action because a long import
// reports progress while it runs. Admins only: checked here, whatever page sent the request.
import { ImportFormSchema } from "@/lib/validation/import";
import { HTTP_STATUS, isDatabaseUnavailable } from "@/lib/server/platform/errors";
import { readUpload, runImport } from "@/lib/server/imports";
import { BodyTooLarge, formDataLimited } from "@/lib/server/platform/body";
import { refuseCrossSite } from "@/lib/server/platform/origin";
import { currentUser } from "@/lib/server/platform/session";
import { roleAtLeast } from "@/lib/domain/roles";
import { MAX_TABLE_BYTES } from "@/lib/domain/import/table-text";

export const dynamic = "force-dynamic";

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request) {
  // Before anything else: a page of another site (or port) cannot import with an admin's cookie.
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;
  const user = await currentUser();
  if (!user)
    return json(
      { ok: false, code: "unauthenticated", error: "You are not signed in." },
      HTTP_STATUS.unauthenticated,
    );
  if (!roleAtLeast(user.role, "admin"))
    return json(
      { ok: false, code: "forbidden", error: "Only administrators import tables." },
      HTTP_STATUS.forbidden,
    );

  // The table and the form around it; counted while it arrives (a chunked upload has no length).
  const limit = MAX_TABLE_BYTES + 1024 * 1024;
  let form: FormData;
  try {
    form = await formDataLimited(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge)
      return json(
        {
          ok: false,
          code: "invalid",
          error: `The upload is larger than the ${MAX_TABLE_BYTES / 1024 / 1024} MB this importer reads.`,
        },
        413,
      );
    return json(
      { ok: false, code: "invalid", error: "Send the table as a form with a file or text field." },
      400,
    );
  }
  const parsed = ImportFormSchema.safeParse({
    format: form.get("format") ?? "",
    disease: form.get("disease") ?? "",
    source: form.get("source") ?? "",
    citation: form.get("citation") ?? "",
    dryRun: form.get("dryRun") ?? "1",
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
    return json(
      { ok: false, code: "invalid", error: "Please correct the fields marked below.", fieldErrors },
      400,
    );
  }
  const file = form.get("file");
  const text = form.get("text");
  let bytes: Uint8Array;
  let fileName: string | null = null;
  if (file instanceof File && file.size > 0) {
    bytes = new Uint8Array(await file.arrayBuffer());
    fileName = file.name.slice(0, 200);
  } else if (typeof text === "string" && text.trim()) {
    bytes = new TextEncoder().encode(text);
  } else {
    return json(
      {
        ok: false,
        code: "invalid",
        error: "Choose a file or paste a table.",
        fieldErrors: { file: ["Choose a file or paste a table."] },
      },
      400,
    );
  }

  const { table, preview, problems } = readUpload(user, bytes, parsed.data);
  if (!table || !preview)
    return json(
      { ok: false, code: "invalid", error: problems.map((p) => p.message).join(" "), problems },
      422,
    );
  if (parsed.data.dryRun) return json({ ok: true, preview }, 200);
  if (preview.importable === 0)
    return json({ ok: false, code: "invalid", error: "No row of this table can be imported.", preview }, 422);

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: unknown) => controller.enqueue(encoder.encode(JSON.stringify(event) + "\n"));
      send({ type: "preview", preview });
      try {
        const outcome = await runImport(user, table, parsed.data, fileName, (done, total) =>
          send({ type: "progress", done, total }),
        );
        send({
          type: "result",
          outcome: {
            ...outcome,
            added: outcome.added.length,
            updated: outcome.updated.length,
            addedNames: outcome.added.slice(0, 200),
            updatedNames: outcome.updated.slice(0, 200),
          },
        });
      } catch (error) {
        console.error("import failed", error);
        send({
          type: "error",
          // The log has the details; the page says what happened and that nothing was half written.
          message: isDatabaseUnavailable(error)
            ? "The import failed because the database could not be reached. Nothing was written; try again."
            : "The import failed and nothing was written. Try again; if it keeps failing, the server's log says why.",
        });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" },
  });
}
