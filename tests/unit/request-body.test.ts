// A request body read with a limit stops a chunked upload (no Content-Length) at the limit, having
// read little past it, and refuses a declared length over it before reading anything.
import { describe, expect, it } from "vitest";
import { BodyTooLarge, formDataLimited, readBodyLimited } from "../../lib/server/platform/body";

const MB = 1024 * 1024;

function chunked(chunks: number, size = MB): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size));
    },
  });
  const request = new Request("http://localhost/api/import", {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("a request body read with a limit", () => {
  it("stops a chunked upload of 100 MB at a 2 MB limit, not after buffering it", async () => {
    const { request, pulled } = chunked(100);
    expect(request.headers.get("content-length")).toBeNull();
    await expect(readBodyLimited(request, 2 * MB)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(pulled()).toBeLessThanOrEqual(5);
  });

  it("refuses a declared length over the limit before reading", async () => {
    const request = new Request("http://localhost/api/import", {
      method: "POST",
      body: "x",
      headers: { "content-length": String(50 * MB) },
    });
    await expect(readBodyLimited(request, 2 * MB)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it("reads a body within the limit whole, and its form", async () => {
    const { request } = chunked(2, 1000);
    expect((await readBodyLimited(request, MB)).byteLength).toBe(2000);
    const form = new FormData();
    form.set("text", "Disease,Dose RA,1 × 10^6/kg");
    form.set("dryRun", "1");
    const posted = new Request("http://localhost/api/import", { method: "POST", body: form });
    const read = await formDataLimited(posted, MB);
    expect([read.get("text"), read.get("dryRun")]).toEqual(["Disease,Dose RA,1 × 10^6/kg", "1"]);
  });
});
