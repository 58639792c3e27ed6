// The per-arm CSV import form, rendered to HTML: labelled fields, the columns it reads in its help,
// a result region read aloud, and Import closed until a preview finds no problem.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ArmOutcomeImportForm } from "../../components/study/arm-outcome-import-form";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

const noop = () => Promise.resolve(null);

describe("ArmOutcomeImportForm", () => {
  it("labels its fields, documents the columns and keeps Import closed before a preview", () => {
    const html = renderToStaticMarkup(<ArmOutcomeImportForm action={noop} />);
    expect(html).toContain("<summary>Import per-arm outcome data (CSV)</summary>");
    expect(html).toContain('<label for="arm-import-file">CSV file</label>');
    expect(html).toContain('<label for="arm-import-csv">Or paste it</label>');
    expect(html).toContain('name="csv"');
    for (const column of ["study", "arm", "outcome", "cases", "n", "y", "sd", "peryears", "kind", "notes"])
      expect(html).toContain(`<code>${column}</code>`);
    expect(html).toMatch(/<button type="submit" value="preview"[^>]*name="mode">Preview<\/button>/);
    expect(html).toMatch(/<button type="submit" value="import"[^>]*disabled=""[^>]*>Import<\/button>/);
    expect(html).toContain('aria-live="polite"');
  });
});
