// Inter-rater agreement on outcome-category tags. Each reviewer tags a study with any number of
// categories, so each category is a yes/no rating per study and reviewer. Two reviewers: Cohen's
// kappa (Cohen 1960). More: Fleiss' kappa (Fleiss 1971), in the form that allows a different
// number of raters per item (each item's agreement is averaged over its own pairs of raters).

/** Cohen's kappa over items both raters rated; null when chance agreement is already total. */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree += 1;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [k, ca] of a) pe += (ca / n) * ((b.get(k) ?? 0) / n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/**
 * Fleiss' kappa. counts[i][j] is how many raters put item i in category j; items need at least
 * two raters. Null when there are no such items or chance agreement is already total.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  const items = counts.filter((row) => row.reduce((s, c) => s + c, 0) >= 2);
  if (items.length === 0) return null;
  const k = Math.max(...items.map((r) => r.length));
  const totals = new Array<number>(k).fill(0);
  let ratings = 0;
  let sumP = 0;
  for (const row of items) {
    const n = row.reduce((s, c) => s + c, 0);
    let sq = 0;
    row.forEach((c, j) => {
      sq += c * c;
      totals[j]! += c;
    });
    ratings += n;
    sumP += (sq - n) / (n * (n - 1));
  }
  const pBar = sumP / items.length;
  const pe = totals.reduce((s, t) => s + (t / ratings) ** 2, 0);
  return pe === 1 ? null : (pBar - pe) / (1 - pe);
}

/** One reviewer's tags on one study (an empty list is a rating too: "none of these"). */
export interface Assessment {
  studyId: string;
  reviewerId: string;
  categoryIds: readonly string[];
}

export interface CategoryAgreement {
  categoryId: string;
  /** Studies rated by two or more reviewers. */
  items: number;
  /** Share of those where every reviewer gave the same answer. */
  observed: number | null;
  kappa: number | null;
  method: "cohen" | "fleiss" | null;
}

export interface Disagreement {
  studyId: string;
  /** Categories on which the reviewers of this study differ, with who said yes. */
  categories: { categoryId: string; yes: string[]; no: string[] }[];
}

export interface AgreementReport {
  reviewers: number;
  byCategory: CategoryAgreement[];
  /** All categories pooled: each (study, category) pair is one yes/no item. */
  overall: Omit<CategoryAgreement, "categoryId">;
  disagreements: Disagreement[];
}

function binaryAgreement(
  rows: { raters: Map<string, boolean> }[],
  reviewerCount: number,
): Omit<CategoryAgreement, "categoryId"> {
  const rated = rows.filter((r) => r.raters.size >= 2);
  if (rated.length === 0) return { items: 0, observed: null, kappa: null, method: null };
  const observed = rated.filter((r) => new Set(r.raters.values()).size === 1).length / rated.length;
  if (reviewerCount === 2) {
    // Two reviewers: their answers side by side, in a fixed order.
    const pairs = rated.map((r) => {
      const [x, y] = [...r.raters.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, v]) => (v ? "yes" : "no"));
      return [x!, y!] as const;
    });
    return { items: rated.length, observed, kappa: cohenKappa(pairs), method: "cohen" };
  }
  const counts = rated.map((r) => {
    const yes = [...r.raters.values()].filter(Boolean).length;
    return [yes, r.raters.size - yes];
  });
  return { items: rated.length, observed, kappa: fleissKappa(counts), method: "fleiss" };
}

export function agreementReport(
  assessments: readonly Assessment[],
  categoryIds: readonly string[],
): AgreementReport {
  const byStudy = new Map<string, Assessment[]>();
  for (const a of assessments) byStudy.set(a.studyId, [...(byStudy.get(a.studyId) ?? []), a]);
  const reviewers = new Set(assessments.map((a) => a.reviewerId)).size;
  const perCategory = new Map<string, { raters: Map<string, boolean> }[]>();
  for (const c of categoryIds) perCategory.set(c, []);
  const disagreements: Disagreement[] = [];
  for (const [studyId, list] of byStudy) {
    const differing: Disagreement["categories"] = [];
    for (const c of categoryIds) {
      const raters = new Map(list.map((a) => [a.reviewerId, a.categoryIds.includes(c)]));
      perCategory.get(c)!.push({ raters });
      if (raters.size >= 2 && new Set(raters.values()).size > 1) {
        differing.push({
          categoryId: c,
          yes: list.filter((a) => a.categoryIds.includes(c)).map((a) => a.reviewerId),
          no: list.filter((a) => !a.categoryIds.includes(c)).map((a) => a.reviewerId),
        });
      }
    }
    if (differing.length > 0) disagreements.push({ studyId, categories: differing });
  }
  const byCategory = categoryIds.map((categoryId) => ({
    categoryId,
    ...binaryAgreement(perCategory.get(categoryId)!, reviewers),
  }));
  const overall = binaryAgreement([...perCategory.values()].flat(), reviewers);
  return { reviewers, byCategory, overall, disagreements };
}
