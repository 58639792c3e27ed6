// Studies as the server hands them to pages: a row of the studies table, one study in full, and
// the values the filter panel offers.
import type { DoseForm } from "../domain/dose/types";
import type { StudyDesign } from "../domain/rob/design";
import type { Donor, DoseBasis } from "../domain/vocabulary";

/** Non-MSC cells given to the same patients (BM-MNC, HSC…), never an MSC dose. */
export interface CoAdministeredProduct {
  name: string;
  rawText: string;
  doseText: string | null;
  basis: DoseBasis;
  doseMid: number | null;
  /** The arm (by position) it was given with; null for the whole study. */
  armPosition: number | null;
}

export interface CategoryChip {
  name: string;
  colour: string;
}

export interface StudyTableRow {
  id: string;
  diseaseCode: string;
  disease: string;
  routeText: string;
  enrollment: number | null;
  outcome: string;
  reference: string | null;
  firstAuthor: string | null;
  publicationYear: number | null;
  registryId: string | null;
  registry: string | null;
  products: { rawText: string; tissue: string; donor: Donor }[];
  arms: {
    doseText: string;
    n: number | null;
    basis: DoseBasis;
    doseLow: number | null;
    doseHigh: number | null;
    doseMid: number | null;
    administrations: number | null;
    schedule: string | null;
  }[];
  /** Names of the non-MSC cells given with them. */
  coAdministered: { name: string }[];
  /** The consensus categories. */
  categories: CategoryChip[];
  /** Open annotation threads. */
  openAnnotations: number;
}

export interface StudyTablePage {
  total: number;
  rows: StudyTableRow[];
}

export interface StudyArm {
  id: string;
  position: number;
  n: number | null;
  doseText: string;
  basis: DoseBasis;
  doseLow: number | null;
  doseHigh: number | null;
  doseMid: number | null;
  doseSd: number | null;
  lowerBound: boolean;
  parseProblem: string | null;
  doseForm: DoseForm | "unknown" | "unreadable";
  /** The mean or the median, when the dose gives one. */
  doseCentral: number | null;
  approximate: boolean;
  /** The group's name ("low dose", "group A"). */
  label: string | null;
  administrations: number | null;
  schedule: string | null;
  /** The dose cell's words that are not part of the dose. */
  doseNote: string | null;
  /** What the reader assumed ("the unit is the column header's"). */
  doseAssumptions: string[];
  /** The product the table ties this dose to, if any. */
  product: string | null;
}

export interface StudyDetail {
  id: string;
  version: number;
  diseaseCode: string;
  disease: string;
  routes: string[];
  routeText: string;
  enrollment: number | null;
  outcome: string;
  registryText: string | null;
  reference: string | null;
  publicationYear: number | null;
  firstAuthor: string | null;
  title: string | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
  phase: string | null;
  designText: string | null;
  /** Picks the risk-of-bias tool; null when neither the table nor a reviewer has said. */
  design: StudyDesign | null;
  sourceLine: number;
  sourceText: string;
  source: { name: string; citation: string | null };
  editedAt: Date | null;
  editedBy: string | null;
  /** The registered trial this study reports, with every study of it. */
  trial: {
    registryId: string;
    registry: string;
    studies: { id: string; reference: string | null; diseaseCode: string; enrollment: number | null }[];
  } | null;
  products: {
    id: string;
    position: number;
    tissue: string;
    donor: Donor;
    coInterventions: string[];
    rawText: string;
  }[];
  arms: StudyArm[];
  coAdministered: CoAdministeredProduct[];
  categories: CategoryChip[];
}

export interface FilterOptions {
  diseases: { value: string; label: string; n: number }[];
  routes: { value: string; n: number }[];
  coInterventions: { value: string; n: number }[];
  /** Names of co-administered non-MSC cells, with the studies that give them. */
  coAdministered: { value: string; n: number }[];
  categories: { id: string; name: string; colour: string }[];
}
