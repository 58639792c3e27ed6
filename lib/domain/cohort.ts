// A saved cohort's link: its slug, and telling a slug from an id. (Its stored filter is read in
// lib/domain/filter/stored.ts.)
/** "SLE bone-marrow cohort" → "sle-bone-marrow-cohort" (ASCII, at most 48 characters). */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "cohort";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);
