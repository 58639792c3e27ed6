// Reads an uploaded or pasted review table (a preview), or imports it, streaming progress as
// newline-delimited JSON. A route handler rather than a server action because a long import
// reports progress while it runs. Admins only: checked here, whatever page sent the request.
import { ImportFormSchema } from "@/lib/validation/import";
import { HTTP_STATUS } from "@/lib/server/platform/errors";
import { readUpload, runImport } from "@/lib/server/imports";
import { currentUser } from "@/lib/server/platform/session";
import { roleAtLeast } from "@/lib/domain/roles";
import { MAX_TABLE_BYTES } from "@/lib/domain/import/table-text";

export const dynamic = "force-dynamic";

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request) {
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

  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_TABLE_BYTES + 1024 * 1024) {
    return json(
      {
        ok: false,
        code: "invalid",
        error: `The upload is ${(length / 1024 / 1024).toFixed(1)} MB; the largest table this importer reads is ${MAX_TABLE_BYTES / 1024 / 1024} MB.`,
      },
      413,
    );
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
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
          message:
            "The import failed and nothing was written. " +
            (error instanceof Error ? error.message.split("\n").pop() : ""),
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
