// Which field of a study each column of a review table holds, from the names real tables give
// their headers ("Condition", "No. of patients", "Source of cells", "Dose of cells (×10⁶/kg)",
// "Delivery route", "Frequency", "Trial ID", "Author (year)"…).

export type StudyField =
  | "disease"
  | "route"
  | "source"
  | "enrollment"
  | "dose"
  | "frequency"
  | "outcome"
  | "registry"
  | "reference"
  | "author"
  | "year"
  | "title"
  | "journal"
  | "doi"
  | "pmid"
  | "phase"
  | "design";

/** Every field with the header names it is known by (after normaliseHeader). */
export const HEADER_NAMES: Record<StudyField, string[]> = {
  disease: [
    "disease",
    "diseases",
    "condition",
    "conditions",
    "indication",
    "indications",
    "diagnosis",
    "disease studied",
    "disease type",
    "target disease",
  ],
  route: [
    "route",
    "routes",
    "infusion method",
    "injection",
    "route of administration",
    "administration route",
    "administration",
    "delivery",
    "delivery route",
    "route of delivery",
    "injection route",
    "mode of administration",
    "method of administration",
    "way of stem cells administrated",
  ],
  source: [
    "source",
    "origin",
    "msc source",
    "cell source",
    "source of cells",
    "source of mscs",
    "sources of mscs",
    "msc type",
    "cell type",
    "type of cells",
    "type and source of stem cells",
    "msc",
    "mscs",
    "cell product",
    "product",
    "cells",
    "stem cell type",
    "intervention",
  ],
  enrollment: [
    "enrollment",
    "enrolment",
    "enrollment number",
    "enrolment number",
    "sample size",
    "n",
    "no of patients",
    "number of patients",
    "numbers of patients",
    "patients",
    "patients enrolled",
    "no of pts",
    "subjects",
    "participants",
    "no of participants",
    "number of participants",
    "number of experimental group",
    "patient population",
    "population",
    "no of subjects",
  ],
  dose: [
    "dose",
    "doses",
    "cell mass",
    "dosage",
    "cell dose",
    "dose size",
    "cell number",
    "number of cells",
    "no of cells",
    "dose of cells",
    "doses of stem cells",
    "no of mscs",
    "number of mscs",
    "injection dose",
    "msc dose",
    "msc dosage",
    "doses and administration routes",
    "dose and route",
  ],
  frequency: [
    "frequency",
    "schedule",
    "doses per patient",
    "number of doses",
    "no of doses",
    "number of injections",
    "no of injections",
    "number of infusions",
    "no of infusions",
    "number of msc infusions",
    "times of treatment",
    "number of treatments",
    "transplantation times",
    "rounds",
    "msc frequency",
    "frequency of injection",
    "frequency of administration",
    "the frequency of administration",
    "times",
  ],
  outcome: [
    "outcome",
    "outcomes",
    "efficacy",
    "result",
    "results",
    "primary outcomes",
    "main outcome",
    "main outcomes",
    "findings",
    "outcomes for msc group",
    "effect",
    "effects",
    "main results",
  ],
  registry: [
    "nct number",
    "nct",
    "nct id",
    "clinical trial id",
    "trial id",
    "registry",
    "registry id",
    "registration",
    "registration number",
    "registration no",
    "trial registration",
    "trial registration number",
    "identifier",
    "clinicaltrials gov identifier",
    "clinicaltrials gov id",
    "ct",
    "trial",
    "trial number",
  ],
  reference: [
    "reference",
    "references",
    "ref",
    "refs",
    "citation",
    "study",
    "studies",
    "reference n",
    "trial name",
  ],
  author: [
    "author",
    "authors",
    "first author",
    "author year",
    "author and year",
    "authors year",
    "first author year",
    "study author",
  ],
  year: ["year", "publication year", "year of publication", "published"],
  title: ["title", "study title", "article title"],
  journal: ["journal", "source journal"],
  doi: ["doi"],
  pmid: ["pmid", "pubmed id", "pubmed"],
  phase: ["phase", "stage", "clinical phase", "trial phase", "clinical trial stage"],
  design: ["design", "study design", "trial design", "type of study", "study type"],
};

export function normaliseHeader(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const BY_NAME = new Map<string, StudyField>(
  (Object.entries(HEADER_NAMES) as [StudyField, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [n, field] as const),
  ),
);

/** Words in a header that name a field when its full name is not a known one, in order of
 * precedence ("No. of MSCs infused" → dose; "Route and time of administration" → route). */
const KEYWORDS: [RegExp, StudyField][] = [
  [/\b(?:doi)\b/, "doi"],
  [/\b(?:pmid|pubmed)\b/, "pmid"],
  [/\b(?:nct|registration|registry|identifier|trial id)\b/, "registry"],
  [
    /\b(?:frequency|schedule|times|rounds|no of (?:doses|infusions|injections)|number of (?:doses|infusions|injections))\b/,
    "frequency",
  ],
  [
    /\b(?:dose|doses|dosage|cell number|number of cells|no of cells|cell count|cells infused|cells injected|no of mscs)\b/,
    "dose",
  ],
  [/\b(?:route|delivery|administration|injection)\b/, "route"],
  [/\b(?:disease|condition|indication|diagnosis)\b/, "disease"],
  [/\b(?:source|origin|cell type|msc type|product)\b/, "source"],
  [/\b(?:patients|participants|sample size|enrol+ment|subjects|no of pts)\b/, "enrollment"],
  [/\b(?:outcome|outcomes|results?|efficacy|findings|effects?)\b/, "outcome"],
  [/\b(?:author|authors)\b/, "author"],
  [/\b(?:reference|references|ref|refs|study|citation)\b/, "reference"],
  [/\b(?:phase)\b/, "phase"],
  [/\b(?:design)\b/, "design"],
  [/\b(?:year)\b/, "year"],
  [/\b(?:title)\b/, "title"],
  [/\b(?:journal)\b/, "journal"],
];

/** The field a header names: by its full name, then without a unit in brackets or a trailing
 * footnote letter ("Dosagea", "Dose (×10⁶ cells/kg)"), then by a key word; null when none. */
export function fieldOfHeader(header: string): StudyField | null {
  const full = normaliseHeader(header);
  if (!full) return null;
  const exact = BY_NAME.get(full);
  if (exact) return exact;
  const bare = normaliseHeader(header.replace(/\([^()]*\)|\[[^\]]*\]/g, " "));
  const stripped = BY_NAME.get(bare) ?? BY_NAME.get(bare.replace(/[a-z]$/, "").trim());
  if (stripped) return stripped;
  for (const [re, field] of KEYWORDS) if (re.test(bare)) return field;
  return null;
}

/** The names a field is known by, for a message about a header that names none. */
export function acceptedNames(field: StudyField): string {
  return HEADER_NAMES[field].slice(0, 4).join(", ");
}
