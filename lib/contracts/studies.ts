// Studies as the server hands them to pages: a row of the studies table, one study in full, and
// the values the filter panel offers.
import type { Donor, DoseBasis } from "../domain/vocabulary";

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
  }[];
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
  categories: CategoryChip[];
}

export interface FilterOptions {
  diseases: { value: string; label: string; n: number }[];
  routes: { value: string; n: number }[];
  coInterventions: { value: string; n: number }[];
  categories: { id: string; name: string; colour: string }[];
}
