// Turns the bytes of an uploaded or pasted table into text, or says plainly why it cannot:
// empty, too large, binary, UTF-16, not UTF-8 (read as Windows-1252), NUL bytes, BOM, CRLF.

export const MAX_TABLE_BYTES = 32 * 1024 * 1024;

export interface TextProblem {
  line: number | null;
  message: string;
  severity: "error" | "warning";
}

export interface DecodedTable {
  text: string | null;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | null;
  problems: TextProblem[];
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Index of the first byte that breaks UTF-8 (a linear scan). */
function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return bytes.length - 1;
}

function signature(bytes: Uint8Array): string | null {
  const head = Array.from(bytes.slice(0, 5));
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return "a zip archive (an Excel .xlsx or OpenDocument file?)";
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return "a PDF document";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)
    return "an old Excel .xls or Word file";
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return "a PNG image";
  if (head[0] === 0xff && head[1] === 0xd8) return "a JPEG image";
  return null;
}

export function decodeTableBytes(bytes: Uint8Array): DecodedTable {
  const fail = (message: string, line: number | null = null): DecodedTable => ({
    text: null,
    encoding: null,
    problems: [{ line, message, severity: "error" }],
  });
  if (bytes.length === 0) return fail("The file is empty.");
  if (bytes.length > MAX_TABLE_BYTES) {
    return fail(
      `The file is ${mb(bytes.length)}; the largest table this importer reads is ${mb(MAX_TABLE_BYTES)}. Split it into parts.`,
    );
  }
  const kind = signature(bytes);
  if (kind)
    return fail(`This is ${kind}, not a text table. Save or export it as CSV, TSV or plain text first.`);

  const problems: TextProblem[] = [];
  let text: string;
  let encoding: DecodedTable["encoding"];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
    encoding = "utf-16le";
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
    encoding = "utf-16be";
  } else {
    const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
    const nuls = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
    if (nuls > sample.length / 10) {
      return fail(
        "This looks like a binary file, not a text table. Export it as CSV, TSV or plain text first.",
      );
    }
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
      encoding = "utf-8";
    } catch {
      const bad = firstInvalidUtf8(bytes, start);
      text = new TextDecoder("windows-1252").decode(bytes.subarray(start));
      encoding = "windows-1252";
      problems.push({
        line: lineOfByte(bytes, bad),
        message:
          "The file is not valid UTF-8; it was read as Windows-1252. Check accented letters and symbols such as × and ±.",
        severity: "warning",
      });
    }
  }

  text = text.replace(/\r\n?/g, "\n");
  if (text.includes("\u0000")) {
    const lines = text
      .split("\n")
      .map((l, i) => (l.includes("\u0000") ? i + 1 : 0))
      .filter(Boolean);
    problems.push({
      line: lines[0] ?? null,
      message: `NUL bytes removed from line${lines.length > 1 ? "s" : ""} ${lines.slice(0, 10).join(", ")}${lines.length > 10 ? "…" : ""}.`,
      severity: "warning",
    });
    text = text.replace(/\u0000/g, "");
  }
  if (text.trim() === "") return fail("The file holds no text, only blank lines.");
  return { text, encoding, problems };
}
