// One study with everything its page shows as read from the table: source, registered trial
// and its other studies, products, arms and consensus categories.
import type { StudyDetail } from "../../contracts/studies";
import type { Db } from "./client";
import { versionedCache } from "./data-version";

const details = versionedCache<StudyDetail | null>();

/** One study as its page shows it, cached while the data stay the same (the page is opened far
 * more often than a study changes; renaming an account moves the version on too). */
export function queryStudyDetail(db: Db, id: string): Promise<StudyDetail | null> {
  return details(db, id, () => loadStudyDetail(db, id));
}

async function loadStudyDetail(db: Db, id: string): Promise<StudyDetail | null> {
  const s = await db.study.findUnique({
    where: { id },
    select: {
      id: true,
      version: true,
      diseaseCode: true,
      disease: true,
      routes: true,
      routeText: true,
      enrollment: true,
      outcome: true,
      registryText: true,
      reference: true,
      publicationYear: true,
      firstAuthor: true,
      title: true,
      journal: true,
      doi: true,
      pmid: true,
      phase: true,
      designText: true,
      design: true,
      sourceLine: true,
      sourceText: true,
      editedAt: true,
      source: { select: { name: true, citation: true } },
      trial: {
        select: {
          registryId: true,
          registry: true,
          studies: {
            select: { id: true, reference: true, diseaseCode: true, enrollment: true },
            orderBy: { sourceLine: "asc" },
          },
        },
      },
      products: {
        orderBy: { position: "asc" },
        select: { id: true, position: true, tissue: true, donor: true, coInterventions: true, rawText: true },
      },
      arms: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          n: true,
          doseText: true,
          basis: true,
          doseLow: true,
          doseHigh: true,
          doseMid: true,
          doseSd: true,
          lowerBound: true,
          parseProblem: true,
          doseForm: true,
          doseCentral: true,
          approximate: true,
          label: true,
          administrations: true,
          schedule: true,
          doseNote: true,
          doseAssumptions: true,
          product: { select: { rawText: true } },
        },
      },
      coAdministered: {
        orderBy: { position: "asc" },
        select: {
          name: true,
          rawText: true,
          doseText: true,
          basis: true,
          doseMid: true,
          arm: { select: { position: true } },
        },
      },
      consensusTags: { select: { category: { select: { name: true, colour: true } } } },
      editedBy: { select: { name: true } },
    },
  });
  if (!s) return null;
  const { consensusTags, editedBy, arms, coAdministered, ...rest } = s;
  return {
    ...rest,
    editedBy: editedBy?.name ?? null,
    arms: arms.map(({ product, ...a }) => ({ ...a, product: product?.rawText ?? null })),
    coAdministered: coAdministered.map(({ arm, ...c }) => ({ ...c, armPosition: arm?.position ?? null })),
    categories: consensusTags.map((t) => t.category),
  };
}
