// The fields of a study that a reviewer's correction may change (a plain module, so that the
// page, a server component, can build them for the client form).
import type { StudyDetail } from "@/lib/contracts/studies";
import type { StudyDesign } from "@/lib/domain/rob/design";

export interface EditableStudy {
  id: string;
  version: number;
  enrollment: number | null;
  routeText: string;
  outcome: string;
  reference: string | null;
  firstAuthor: string | null;
  year: number | null;
  title: string | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
  design: StudyDesign | null;
  arms: { id: string; n: number | null; doseText: string; product: string | null }[];
}

/** The fields of a study that a correction may change, as the form opens with them. */
export function editableStudy(s: StudyDetail): EditableStudy {
  return {
    id: s.id,
    version: s.version,
    enrollment: s.enrollment,
    routeText: s.routeText,
    outcome: s.outcome,
    reference: s.reference,
    firstAuthor: s.firstAuthor,
    year: s.publicationYear,
    title: s.title,
    journal: s.journal,
    doi: s.doi,
    pmid: s.pmid,
    design: s.design,
    arms: s.arms.map((a) => ({ id: a.id, n: a.n, doseText: a.doseText, product: a.product })),
  };
}
