// The development corpus: 482 dose cells exactly as 64 published tables of cell-therapy trials
// print them, each with the reading an expert would give, written by hand
// (tests/fixtures/dose-corpus/README.md names every source). The reader must read at least 97%
// of them as written and none wrongly; a refusal with a reason is not wrong.
import { describe, expect, it } from "vitest";
import { readDose } from "../../lib/domain/dose/read";
import { CELLS, contextOf, SOURCES, verdict, type Verdict } from "../support/dose-corpus";

const results = CELLS.map((cell) => ({ cell, verdict: verdict(readDose(cell.cell, contextOf(cell)), cell) }));
const count = (kind: Verdict["kind"]) => results.filter((r) => r.verdict.kind === kind).length;

describe("the dose corpus", () => {
  it("has at least 400 cells from at least 15 tables, at least five with the unit in the header", () => {
    expect(CELLS.length).toBeGreaterThanOrEqual(400);
    expect(new Set(CELLS.map((c) => c.table)).size).toBeGreaterThanOrEqual(15);
    const withUnitInHeader = SOURCES.filter((s) => (s as { unitInHeader?: boolean }).unitInHeader).length;
    expect(withUnitInHeader).toBeGreaterThanOrEqual(5);
  });

  it("is read as written by hand in at least 97% of its cells, and wrongly in none", () => {
    const read = count("read");
    const rate = (100 * read) / CELLS.length;
    console.info(
      `dose corpus: ${read} of ${CELLS.length} cells read as written (${rate.toFixed(1)}%), ${count("refused")} refused with a reason, ${count("wrong")} read wrongly`,
    );
    const wrong = results
      .filter((r) => r.verdict.kind === "wrong")
      .map((r) => `${r.cell.id} ${r.cell.cell}: ${"why" in r.verdict ? r.verdict.why : ""}`);
    expect(wrong).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(97);
  });
});
