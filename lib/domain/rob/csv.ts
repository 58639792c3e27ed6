// CSV reading and writing for the risk-of-bias files (robvis layout, signalling-question answers):
// RFC 4180 quoting, the line each row starts on (for messages), and the same guard against
// spreadsheet formulas as the app's other exports. Kept here rather than shared so that this
// module does not depend on code that is being restructured; it can be merged later.

export interface CsvRow {
  /** 1-based line on which the row starts. */
  line: number;
  cells: string[];
}

/** Parses CSV text (a leading BOM and CRLF line ends are accepted). */
export function parseCsv(text: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, "");
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}

/** Whether a row holds nothing but empty cells (such rows are skipped). */
export function isBlank(row: CsvRow): boolean {
  return row.cells.every((c) => c.trim() === "");
}

/**
 * One cell. A text cell that starts like a formula (= + - @, tab, CR) gets a leading apostrophe
 * so that a spreadsheet shows it instead of running it; `readCell` takes it off again.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A cell as written by `csvCell`, trimmed, with a formula guard removed. */
export function readCell(raw: string | undefined): string {
  const s = (raw ?? "").trim();
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(",");
}
