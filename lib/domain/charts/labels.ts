// The dose chart's views and groupings and their labels: what the chart components need in the
// browser, apart from the zod schema that reads them from the URL (options.ts).
export const CHART_VIEWS = ["groups", "ladders", "scatter"] as const;
export const GROUP_BYS = ["disease", "tissue", "route", "donor"] as const;
export const COLOUR_BYS = ["none", "disease", "tissue", "route", "donor", "category"] as const;
export const SCATTER_XS = ["enrollment", "year", "category"] as const;

export type ChartView = (typeof CHART_VIEWS)[number];
export type GroupBy = (typeof GROUP_BYS)[number];
export type ColourBy = (typeof COLOUR_BYS)[number];
export type ScatterX = (typeof SCATTER_XS)[number];

export const VIEW_LABELS: Record<ChartView, string> = {
  groups: "Dose by group",
  ladders: "Dose ladders",
  scatter: "Dose against…",
};
export const ATTRIBUTE_LABELS: Record<GroupBy | ColourBy | ScatterX, string> = {
  none: "Nothing",
  disease: "Disease",
  tissue: "Cell source",
  route: "Route",
  donor: "Donor",
  category: "Outcome category",
  enrollment: "Enrollment",
  year: "Publication year",
};
