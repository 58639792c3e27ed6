// Saved cohorts as pages show them: the list, one cohort with what the person may do with it,
// its numbers and members, what changed since it was frozen, and a read-only share link's view.
import type { CohortFilter, FilterReading, FrozenSettings } from "../domain/filter";
import type { DoseChartData } from "./charts";
import type { DashboardStats } from "./dashboard";

export interface CohortListItem {
  id: string;
  slug: string;
  name: string;
  description: string;
  owner: string;
  frozenAt: Date | null;
  updatedAt: Date;
  /** Member studies of a frozen cohort (0 when live). */
  members: number;
}

/** The numbers and chart data a frozen cohort keeps from the moment it was frozen. */
export interface FrozenStats {
  dashboard: DashboardStats;
  chart: DoseChartData;
}

export interface ShareLinkView {
  id: string;
  showAnnotations: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  createdBy: string;
  expired: boolean;
}

export interface CohortDetail {
  id: string;
  slug: string;
  name: string;
  description: string;
  ownerId: string;
  owner: string;
  frozenAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** The filter as saved, and what of it a later version no longer understands. */
  reading: FilterReading;
  /** The filter its numbers use: a frozen cohort's dose settings win over the saved filter's. */
  filter: CohortFilter;
  /** Meta-analysis choices saved with the cohort, as the analysis page's query ("" when none). */
  analysis: string;
  frozen: FrozenStats | null;
  frozenSettings: FrozenSettings | null;
  canManage: boolean;
  canDuplicate: boolean;
  /** Only for those who may revoke them. */
  shareLinks: ShareLinkView[];
}

export interface StudyRef {
  id: string;
  reference: string | null;
  diseaseCode: string;
}

export interface FrozenChanges {
  /** Members no longer in the evidence table. */
  removed: number;
  /** Members edited or re-imported with other values since freezing. */
  changed: StudyRef[];
  changedCount: number;
  /** Members the filter would no longer select. */
  leftFilter: number;
  /** Studies the filter selects now that are not members. */
  added: StudyRef[];
  addedCount: number;
  /** The live numbers of the same filter and settings, to set beside the frozen ones. */
  now: DashboardStats;
}

export interface MemberRow {
  id: string;
  reference: string | null;
  diseaseCode: string;
  disease: string;
  routeText: string;
  enrollment: number | null;
  registryId: string | null;
  products: string[];
  doses: string[];
  outcome: string;
}

export interface CohortData {
  stats: DashboardStats;
  chart: DoseChartData;
  table: { total: number; rows: MemberRow[]; page: number; pageSize: number };
  /** The cohort was frozen selecting by outcome category, which the reader may not learn while
   * the team tags blind: it is shown live, through what they may see. */
  blindNotice?: boolean;
}

export interface ComparedCohort {
  cohort: CohortDetail;
  stats: DashboardStats;
  chart: DoseChartData;
}

export interface SharedAnnotation {
  studyId: string;
  reference: string | null;
  field: string | null;
  body: string;
  status: string;
}

/** What a read-only share link shows: one cohort's numbers, chart and members, no names. */
export interface SharedCohort extends CohortData {
  name: string;
  description: string;
  frozenAt: Date | null;
  updatedAt: Date;
  expiresAt: Date | null;
  reading: FilterReading;
  filter: CohortFilter;
  annotations: SharedAnnotation[] | null;
}
