// One CSV cell (RFC 4180 quoting). A text cell that starts like a formula (= + - @, tab, CR) is
// prefixed with an apostrophe so a spreadsheet shows it instead of running it.
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
