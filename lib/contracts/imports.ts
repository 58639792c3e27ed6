// What the admin's import shows before anything is written: the table as read, with every problem.
import type { EvidenceTable, TableProblem } from "../domain/import/evidence-table";

export interface ImportPreview {
  format: EvidenceTable["format"];
  caption: string | null;
  columns: EvidenceTable["columns"];
  ignoredColumns: string[];
  studies: number;
  importable: number;
  problems: TableProblem[];
  sample: {
    line: number;
    disease: string;
    route: string;
    products: string;
    enrollment: number | null;
    /** Each arm: its n, the dose as written and as read (or why it was not), how often. */
    arms: {
      n: number | null;
      doseText: string;
      readAs: string | null;
      refused: string | null;
      administrations: string | null;
    }[];
    /** Non-MSC cells given with them, with their dose as written. */
    coAdministered: string[];
    citation: string;
    registry: string | null;
    reference: string | null;
  }[];
}
