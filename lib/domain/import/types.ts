// The readings of a review table: studies with their products, dose arms and co-administered
// cells, and the table's problems.
import type { ArmDose, Refusal } from "../dose/types";
import type { RegistryId } from "../registry";
import type { TableProblem } from "./cells";
import type { Citation } from "./citation";
import type { StudyField } from "./headers";
import type { CellProductReading } from "./product";

export type { StudyField, TableProblem };

export type TableFormat = "seed" | "csv" | "tsv" | "md";

export interface DoseArmReading {
  /** Index into the study's products, or null when the table ties the dose to none. */
  product: number | null;
  /** Patients in the arm when the table gives them; null when several arms share one figure. */
  n: number | null;
  /** The dose cell (or its part for this arm) as written. */
  doseText: string;
  /** Null when the table gives no dose, or one the reader refused. */
  dose: ArmDose | null;
  refusal: Refusal | null;
  /** Why the dose was refused; null when read or when the table gives none. */
  reason: string | null;
  /** The dose cell's text that is not part of the dose. */
  note: string | null;
  assumptions: string[];
}

/** Non-MSC cells given to the same patients (BM-MNC, HSC, PBMC…), with their dose. */
export interface CoAdministeredReading {
  name: string;
  rawText: string;
  doseText: string | null;
  dose: ArmDose | null;
  /** Index into the study's arms of the arm they were given with; null for the whole study. */
  arm: number | null;
}

export interface StudyReading {
  line: number;
  endLine: number;
  sourceText: string;
  diseaseCode: string;
  disease: string;
  routes: string[];
  routeText: string;
  products: CellProductReading[];
  arms: DoseArmReading[];
  coAdministered: CoAdministeredReading[];
  enrollment: number | null;
  outcome: string;
  registryText: string | null;
  registry: RegistryId | null;
  reference: string | null;
  citation: Citation;
  phase: string | null;
  designText: string | null;
  problems: TableProblem[];
}

export interface EvidenceTable {
  format: TableFormat;
  studies: StudyReading[];
  /** Problems of the table as a whole (unreadable header, nothing found…). */
  problems: TableProblem[];
  abbreviations: Record<string, string>;
  caption: string | null;
  /** For delimited tables: which header each field was read from. */
  columns: Partial<Record<StudyField, string>>;
  /** Headers that name no field, with the names that would have been accepted. */
  ignoredColumns: string[];
}

export interface ReadOptions {
  /** The disease of every row, for tables without a Disease column (e.g. a table of ARDS trials). */
  disease?: string;
}
