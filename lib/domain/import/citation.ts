// A study's citation as review tables give it: in columns of their own (Author, Year, Title,
// Journal, DOI, PMID) or in one cell ("Smith et al., 2019", "Le Blanc K et al, 2008[137]",
// "Liang; 2012 [44]", "Zheng et al.9", "Author (2019)"). Nothing is invented: a part the table
// does not give stays empty.

export interface Citation {
  firstAuthor: string | null;
  year: number | null;
  title: string | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
}

export const NO_CITATION: Citation = {
  firstAuthor: null,
  year: null,
  title: null,
  journal: null,
  doi: null,
  pmid: null,
};

const YEAR = /\b(19[5-9]\d|20[0-4]\d)[a-z]?\b/;

/** The year of a cell that gives one (1950–2049). */
export function readYear(text: string): number | null {
  const m = YEAR.exec(text);
  return m ? Number(m[1]) : null;
}

/** "Smith et al., 2019" → Smith, 2019. The author is the first name-like words before "et al",
 * a comma, a semicolon or the year. */
export function readAuthorYear(text: string): { firstAuthor: string | null; year: number | null } {
  const t = text.normalize("NFKC").replace(/\s+/g, " ").trim();
  const year = readYear(t);
  const m =
    /^([\p{Lu}][\p{L}'’-]+(?:[ -](?:van|von|de|der|den|da|di|du|del|la|le|el|al)?\s*[\p{Lu}][\p{L}'’-]+)?)(?=\s|,|;|\.|\(|\[|$)/u.exec(
      t,
    );
  let firstAuthor = m?.[1] ?? null;
  // "Le Blanc K": drop a trailing initial; never take a word such as "Phase" or "Table".
  if (firstAuthor) firstAuthor = firstAuthor.replace(/\s+[A-Z]{1,2}$/, "");
  if (firstAuthor && /^(?:Phase|Table|Study|Trial|Group|Not|None|NA)$/i.test(firstAuthor)) firstAuthor = null;
  const hasAuthorShape = /et al|,|;|\(|\d{4}/.test(t) || /^[\p{Lu}][\p{L}'’-]+$/u.test(t);
  return { firstAuthor: hasAuthorShape ? firstAuthor : null, year };
}

const DOI = /\b(10\.\d{4,9}\/[^\s"<>]+[^\s"<>.,;])/i;

export function readDoi(text: string): string | null {
  return DOI.exec(text)?.[1] ?? null;
}

export function readPmid(text: string): string | null {
  const m = /^\s*(?:pmid:?\s*)?(\d{5,9})\s*$/i.exec(text);
  return m ? m[1]! : null;
}

/** "Smith 2019 [12]": how pages name a study; the reference alone when there is no author. */
export function citationLabel(c: Pick<Citation, "firstAuthor" | "year">, reference: string | null): string {
  const who = [c.firstAuthor, c.year].filter((x) => x !== null).join(" ");
  const ref = reference && /^\[[\d,–\s-]+\]$/.test(reference) ? reference : null;
  if (who && ref) return `${who} ${ref}`;
  return who || reference || "Study";
}
