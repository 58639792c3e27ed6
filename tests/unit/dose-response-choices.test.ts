// The dose–response view's choices in the address: read, written back, and refused by name.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_DOSE_RESPONSE,
  doseResponseChoicesToParams,
  hasDoseResponseChoices,
  parseDoseResponseChoices,
} from "../../lib/domain/stats/dose-response/choices";
import { doseResponseRCode } from "../../lib/domain/stats/dose-response";

const read = (q: string) => parseDoseResponseChoices(new URLSearchParams(q));

describe("dose–response choices", () => {
  it("reads shape, knot count, knots at doses (sorted) and the reference dose", () => {
    expect(read("dro=EDSS&dr=rcs&drv=2,0.5, 1&drref=0.5")).toEqual({
      choices: {
        outcome: "EDSS",
        model: "auto",
        shape: "rcs",
        knotCount: 3,
        knotValues: [0.5, 1, 2],
        reference: 0.5,
      },
      problems: [],
      typed: { knotValues: "2,0.5, 1", reference: "0.5" },
    });
    expect(read("dr=rcs&drk=5").choices).toMatchObject({ shape: "rcs", knotCount: 5, knotValues: null });
    expect(read("").choices).toEqual(DEFAULT_DOSE_RESPONSE);
  });

  it("names each value it cannot use and keeps the default for it", () => {
    expect(read("drm=within").choices.model).toBe("within");
    expect(read("drm=both").problems).toEqual(["Model “both”: use auto, within or across."]);
    const { choices, problems, typed } = read("dr=cubic&drk=7&drv=1,1,2&drref=-3");
    expect(choices).toEqual(DEFAULT_DOSE_RESPONSE);
    // What was typed stays for the form, refused or not.
    expect(typed).toEqual({ knotValues: "1,1,2", reference: "-3" });
    expect(problems).toEqual([
      "Dose shape “cubic”: use linear, quadratic or rcs.",
      "Knots “7”: use 3, 4 or 5.",
      "Knots at doses “1,1,2”: give 3 to 5 different doses in 10⁶ cells/kg, separated by commas.",
      "Reference dose “-3”: give a dose of 0 or more in 10⁶ cells/kg.",
    ]);
    expect(read("drv=1,2").problems).toHaveLength(1);
    expect(read("drv=1,2,3,4,5,6").problems).toHaveLength(1);
    expect(read("drv=1,x,3").problems).toHaveLength(1);
  });

  it("writes back what differs from the defaults, so a saved link reopens the same fit", () => {
    const choices = read("dro=Remission&drm=across&dr=rcs&drv=0.5,1,2&drref=0").choices;
    const params = doseResponseChoicesToParams(choices);
    expect(params.toString()).toBe("dro=Remission&drm=across&dr=rcs&drv=0.5%2C1%2C2&drref=0");
    expect(parseDoseResponseChoices(params).choices).toEqual(choices);
    // Knots matter only to a spline.
    expect(doseResponseChoicesToParams({ ...choices, shape: "linear" }).has("drv")).toBe(false);
    expect(hasDoseResponseChoices(new URLSearchParams("measure=PLO"))).toBe(false);
    expect(hasDoseResponseChoices(new URLSearchParams("dr=linear"))).toBe(true);
  });

  it("gives the R code the knots of the fit shown", () => {
    const code = doseResponseRCode({
      model: "two-stage",
      measure: "mean difference",
      shape: "rcs",
      knots: [0.5, 1, 2.25],
      fileName: "arms.csv",
    });
    expect(code).toContain("k <- c(0.5, 1, 2.25)  # the knots of the fit shown");
    expect(code).toContain("rcs(dose, k)");
  });
});
