// robvis's colours and symbols for risk-of-bias judgements, apart from the plots' data so that a
// badge in the browser does not bring every tool's questions with it.
import type { Judgment } from "./types";

export type Palette = "robvis" | "colourblind";

/**
 * robvis's palettes (R/helpers.R, get_colour): "cochrane" — low green, some concerns / moderate
 * yellow, high / serious red, critical dark red, no information blue — and "colourblind", an
 * orange–brown ramp. In the colour-blind set "no information" is white, as in robvis: draw
 * every symbol with an outline so that it shows on a white background.
 */
export const PALETTES: Record<Palette, Record<Judgment, string>> = {
  robvis: {
    low: "#02C100",
    some_concerns: "#E2DF07",
    moderate: "#E2DF07",
    high: "#BF0000",
    serious: "#BF0000",
    critical: "#820000",
    no_information: "#4EA1F7",
    not_applicable: "#CCCCCC",
  },
  colourblind: {
    low: "#FED98E",
    some_concerns: "#FE9929",
    moderate: "#FE9929",
    high: "#D95F0E",
    serious: "#D95F0E",
    critical: "#993404",
    no_information: "#FFFFFF",
    not_applicable: "#CCCCCC",
  },
};

/** robvis's traffic-light symbols, so that the judgement does not rest on colour alone. */
export const SYMBOLS: Record<Judgment, string> = {
  low: "+",
  some_concerns: "−",
  moderate: "−",
  high: "×",
  serious: "×",
  critical: "!",
  no_information: "?",
  not_applicable: "",
};
