// A study's design from its table's Design and Phase cells, on phrasings that real tables and
// registries use; and the tool each design takes.
import { describe, expect, it } from "vitest";
import { readStudyDesign, TOOL_FOR_DESIGN } from "../../lib/domain/rob/design";
import { DESIGN_PHRASINGS } from "../fixtures/rob/design-phrasings";

describe("readStudyDesign", () => {
  it.each(DESIGN_PHRASINGS)("reads %j (phase %j) as %s", (design, phase, expected) => {
    expect(readStudyDesign(design, phase)).toBe(expected);
  });

  it("picks RoB 2, ROBINS-I and the JBI case-series checklist", () => {
    expect(TOOL_FOR_DESIGN).toEqual({
      randomised: "rob2",
      non_randomised: "robins-i",
      single_arm: "jbi-case-series",
    });
  });
});
