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
    doses: string;
    registry: string | null;
    reference: string | null;
  }[];
}
