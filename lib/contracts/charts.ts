// The dose charts' data as the server shapes it and the chart components draw it.
import type { ArmLike } from "../domain/charts/dose-chart";
import type { DoseScale } from "../domain/dose/dose";
import type { DoseBasis } from "../domain/vocabulary";

/** An arm as the charts draw it (the fields are described on ArmLike in lib/domain/charts/dose-chart.ts). */
export interface ChartArm extends ArmLike {
  basis: DoseBasis;
  registryUrl: string | null;
}

export interface GroupStat {
  key: string;
  arms: number;
  q1: number;
  median: number;
  q3: number;
  /** How the group's arms spread over the dose axis, in quarter-decade bins of log10 dose (all of
   * the group's arms, drawn or not): a sampled chart shows it behind its sample of points. */
  bins?: DoseBin[];
}

export interface DoseBin {
  /** log10 of the bin's lower edge; the bin spans a quarter of a decade. */
  lo: number;
  n: number;
}

export interface LadderStudy {
  studyId: string;
  label: string;
  /** The study's arms in cells/kg, lowest dose first. */
  arms: ChartArm[];
}

export interface DoseChartData {
  /** Per administration, or cumulative (per administration × their number). Absent in charts
   * frozen before the choice existed: per administration. */
  scale?: DoseScale;
  /** On the cumulative scale: arms with a dose but no stated number of administrations, left
   * out of every axis. */
  withoutCount?: number;
  /** Arms on the cells/kg axis (all of them, or the sample). */
  points: ChartArm[];
  /** How many arms the cells/kg axis stands for (drawn or not). */
  convertible: number;
  /** Arms per joint or per ml, for their own panel. */
  otherPoints: ChartArm[];
  perJoint: number;
  perMl: number;
  /** Arms with no dose, or one that could not be read. */
  unknown: number;
  estimated: number;
  /** Estimated arms left out because the filter excludes estimated doses. */
  excludedEstimated: number;
  groups: GroupStat[];
  ladders: LadderStudy[];
  /** Studies with two or more doses in cells/kg. */
  ladderStudies: number;
  sampled: boolean;
}
