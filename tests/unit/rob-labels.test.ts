// Study names in risk-of-bias plots and robvis files: unique over the studies a tool applies to,
// and read back from a robvis Study cell (with or without an outcome).
import { describe, expect, it } from "vitest";
import {
  matchUnitLabel,
  uniqueStudyLabels,
  unitLabel,
  type LabelledStudy,
} from "../../lib/domain/rob/labels";

const study = (id: string, over: Partial<LabelledStudy>): LabelledStudy => ({
  id,
  firstAuthor: "Liang",
  publicationYear: 2012,
  reference: "[44]",
  diseaseCode: "SLE",
  sourceLine: 3,
  ...over,
});

describe("uniqueStudyLabels", () => {
  it("uses the citation, and adds the disease, the row, then the id only where a name is shared", () => {
    const labels = uniqueStudyLabels([
      study("aaaaaaaa-1", {}),
      study("bbbbbbbb-1", { diseaseCode: "RA" }),
      study("cccccccc-1", { diseaseCode: "RA", sourceLine: 9 }),
      study("dddddddd-1", { firstAuthor: "Wang", reference: "[7]" }),
      study("eeeeeeee-1", { firstAuthor: "Sun", diseaseCode: "MS", sourceLine: 1 }),
      study("ffffffff-1", { firstAuthor: "Sun", diseaseCode: "MS", sourceLine: 1 }),
      study("aaaaaaaa-1", {}),
    ]);
    expect(Object.fromEntries(labels)).toEqual({
      "aaaaaaaa-1": "Liang 2012 [44] (SLE)",
      "bbbbbbbb-1": "Liang 2012 [44] (RA, row 3)",
      "cccccccc-1": "Liang 2012 [44] (RA, row 9)",
      "dddddddd-1": "Wang 2012 [7]",
      "eeeeeeee-1": "Sun 2012 [44] (MS, row 1, eeeeeeee)",
      "ffffffff-1": "Sun 2012 [44] (MS, row 1, ffffffff)",
    });
  });
});

describe("matchUnitLabel", () => {
  const labels = new Map([
    ["s1", "Liang 2012 [44]"],
    ["s2", "Liang 2012 [44] (RA)"],
    ["s3", "Twin"],
    ["s4", "Twin"],
  ]);
  it("finds a study by its name, ignoring case and runs of spaces, and an outcome after ' · '", () => {
    expect(matchUnitLabel("liang  2012 [44]", labels)).toEqual({ studyId: "s1", outcome: null });
    expect(matchUnitLabel(unitLabel("Liang 2012 [44] (RA)", "Remission at 6 months"), labels)).toEqual({
      studyId: "s2",
      outcome: "Remission at 6 months",
    });
    expect(matchUnitLabel(unitLabel("Liang 2012 [44]", ""), labels)).toEqual({ studyId: "s1", outcome: "" });
  });
  it("says when a name is unknown or shared", () => {
    expect(matchUnitLabel("Nobody", labels)).toEqual({ error: "unknown", candidates: [] });
    expect(matchUnitLabel("Twin", labels)).toEqual({ error: "ambiguous", candidates: ["s3", "s4"] });
  });
});
