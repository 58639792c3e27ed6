// The words of the evidence table, each defined once: cell sources, donors, dose bases, routes
// and the reference body weight. Codes are what the database and URLs store; labels are what
// people read.

/** The body weight through which a total cell count becomes cells/kg, unless a person sets another. */
export const DEFAULT_WEIGHT_KG = 70;
/** The reference weights a person may set, in kg. */
export const WEIGHT_RANGE_KG = { min: 1, max: 300 } as const;

/** Where the MSCs came from (stored as the product's `tissue`). */
export const CELL_SOURCES = {
  BM: "Bone marrow",
  UC: "Umbilical cord",
  AD: "Adipose",
  WJ: "Wharton's jelly",
  PL: "Placenta",
  MB: "Menstrual blood",
  NP: "Neural progenitor",
  OTHER: "Other / not stated",
} as const;
export type CellSource = keyof typeof CELL_SOURCES;
export const CELL_SOURCE_CODES = Object.keys(CELL_SOURCES) as CellSource[];

export const DONORS = {
  autologous: "Autologous",
  allogeneic: "Allogeneic",
  not_stated: "Not stated",
} as const;
export type Donor = keyof typeof DONORS;
export const DONOR_CODES = Object.keys(DONORS) as Donor[];

/** How a dose was expressed: per kg of body weight, a total cell count per person, per joint,
 * per ml of suspension, per m² of body surface or cm² of wound, or not at all. */
export const DOSE_BASES = {
  per_kg: "per kg",
  total: "total cells",
  per_joint: "per joint",
  per_ml: "per ml",
  per_m2: "per m²",
  per_cm2: "per cm²",
  unknown: "unknown",
} as const;
export type DoseBasis = keyof typeof DOSE_BASES;
export const DOSE_BASIS_CODES = Object.keys(DOSE_BASES) as DoseBasis[];

/** The route group of a study that names no route. */
export const ROUTE_NOT_STATED = "Not stated";
/** How a study's routes are joined into one group name ("I.V + I.T"). */
export const ROUTE_JOINER = " + ";

/** The routes of a route cell ("I.V & I.T", "intravenous; intrathecal"), in order. */
export function splitRoutes(text: string): string[] {
  return (
    text
      // Control characters are no part of a route (the facet key uses two of them as separators).
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .split(/\s*(?:&|;|\/|,|\band\b)\s*/)
      .map((r) => r.trim())
      .filter(Boolean)
  );
}

const labelOf =
  <T extends Record<string, string>>(labels: T) =>
  (code: string): string =>
    Object.hasOwn(labels, code) ? labels[code]! : code;

export const cellSourceLabel = labelOf(CELL_SOURCES);
export const donorLabel = labelOf(DONORS);
export const basisLabel = labelOf(DOSE_BASES);
