// The cohort filter's two predicates: a Prisma `where` (for lists and exports) and one SQL
// expression over `studies s` (for aggregates and table order). Both say the same thing; a test
// checks that they select the same studies for many filters. A new filter field adds a line to
// each.
import { Prisma } from "../../generated/prisma/client.ts";
import type { CohortFilter, DoseSettings, ScopedFilter } from "../../domain/filter/filter";
import { robOverallSql, robOverallWhere } from "./rob-filter";

type Scale = Pick<DoseSettings, "referenceWeightKg" | "doseScale">;

/** The arm's dose column on the settings' scale: per administration (dose_mid), or over all of
 * them (dose_cumulative, NULL when the number of administrations is not stated). */
export const doseValueSql = (settings: Pick<DoseSettings, "doseScale">) =>
  settings.doseScale === "cumulative" ? Prisma.sql`a.dose_cumulative` : Prisma.sql`a.dose_mid`;

/** An arm's dose in cells/kg as SQL over `a` (dose_arms): per kg as given, total cells through the
 * reference weight, NULL for any other basis (lib/domain/dose/dose.ts states the same rule); per
 * administration or cumulative as the settings say. */
export const cellsPerKgSql = (settings: Scale) => {
  const v = doseValueSql(settings);
  return Prisma.sql`CASE WHEN a.basis = 'per_kg' THEN ${v} WHEN a.basis = 'total' THEN ${v} / ${settings.referenceWeightKg}::float8 END`;
};

/** Whether arm `a` has a dose in cells/kg per administration but no stated number of
 * administrations, so that it cannot be on a cumulative axis. */
export const withoutCountSql = Prisma.sql`(a.basis IN ('per_kg', 'total') AND a.dose_mid IS NOT NULL AND a.administrations IS NULL)`;

/** The lowest dose in cells/kg among the arms of study `s`, from the lowest of its per kg and
 * total-cell doses (columns PostgreSQL keeps); NULL when it has none. */
export const lowestCellsPerKgSql = (weight: number) =>
  Prisma.sql`LEAST(s.per_kg_min, s.total_min / ${weight}::float8)`;

/** Whether the filter lets arm `a`'s basis count on the cells/kg axis (estimated doses may be left out). */
export const basisCountsSql = (filter: CohortFilter) =>
  filter.includeEstimated ? Prisma.sql`TRUE` : Prisma.sql`a.basis = 'per_kg'`;

/** Whether arm `a` is on the cells/kg axis under the filter's dose settings. */
export const onCellsPerKgAxisSql = (filter: CohortFilter) =>
  Prisma.sql`(${cellsPerKgSql(filter)}) IS NOT NULL AND ${basisCountsSql(filter)}`;

/** The text with LIKE's wildcards (and its escape character) taken literally. */
const literal = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (q: string) => `%${literal(q)}%`;

/** Whether the consensus of study `s` may be used under the filter's scope (see FilterScope). */
export const consensusVisibleSql = (filter: ScopedFilter) =>
  filter.blindReviewer
    ? Prisma.sql`EXISTS (SELECT 1 FROM tag_assessments ta WHERE ta.study_id = s.id AND ta.reviewer_id = ${filter.blindReviewer}::uuid)`
    : Prisma.sql`TRUE`;

export function cohortWhere(filter: ScopedFilter): Prisma.StudyWhereInput {
  const and: Prisma.StudyWhereInput[] = [];
  if (filter.diseases.length) and.push({ diseaseCode: { in: filter.diseases } });
  if (filter.routes.length) and.push({ routes: { hasSome: filter.routes } });
  if (filter.sources.length) and.push({ tissues: { hasSome: filter.sources } });
  if (filter.donors.length) and.push({ donors: { hasSome: filter.donors } });
  if (filter.coInterventions.length)
    and.push({ products: { some: { coInterventions: { hasSome: filter.coInterventions } } } });
  if (filter.coAdministered.length)
    and.push({ coAdministered: { some: { name: { in: filter.coAdministered } } } });
  if (filter.bases.length) and.push({ arms: { some: { basis: { in: filter.bases } } } });
  if (filter.doseMin !== undefined || filter.doseMax !== undefined) {
    const w = filter.referenceWeightKg;
    const range = (factor: number) => ({
      ...(filter.doseMin !== undefined ? { gte: filter.doseMin * factor } : { not: null }),
      ...(filter.doseMax !== undefined ? { lte: filter.doseMax * factor } : {}),
    });
    const value = (factor: number): Prisma.DoseArmWhereInput =>
      filter.doseScale === "cumulative" ? { doseCumulative: range(factor) } : { doseMid: range(factor) };
    const perKg: Prisma.DoseArmWhereInput = { basis: "per_kg", ...value(1) };
    const total: Prisma.DoseArmWhereInput = { basis: "total", ...value(w) };
    and.push({ arms: { some: filter.includeEstimated ? { OR: [perKg, total] } : perKg } });
  }
  if (filter.enrollmentMin !== undefined) and.push({ enrollment: { gte: filter.enrollmentMin } });
  if (filter.enrollmentMax !== undefined) and.push({ enrollment: { lte: filter.enrollmentMax } });
  if (filter.registered === "yes") and.push({ trialId: { not: null } });
  if (filter.registered === "no") and.push({ trialId: null });
  if (filter.categories.length) {
    and.push({ consensusTags: { some: { categoryId: { in: filter.categories } } } });
    if (filter.blindReviewer) and.push({ tagAssessments: { some: { reviewerId: filter.blindReviewer } } });
  }
  if (filter.annotated === "any") and.push({ annotations: { some: {} } });
  if (filter.annotated === "open") and.push({ annotations: { some: { status: "open", parentId: null } } });
  if (filter.annotated === "none") and.push({ annotations: { none: {} } });
  if (filter.q) {
    // Prisma puts `contains` between two % as it is: its own wildcards are escaped here.
    const q = literal(filter.q);
    and.push({
      OR: [
        { outcome: { contains: q, mode: "insensitive" } },
        { products: { some: { rawText: { contains: q, mode: "insensitive" } } } },
      ],
    });
  }
  and.push(...robOverallWhere(filter));
  return and.length ? { AND: and } : {};
}

/** The same filter as a boolean SQL expression over the alias `s` (studies). */
export function cohortSql(filter: ScopedFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const product = (cond: Prisma.Sql) =>
    Prisma.sql`EXISTS (SELECT 1 FROM cell_products p WHERE p.study_id = s.id AND ${cond})`;
  const arm = (cond: Prisma.Sql) =>
    Prisma.sql`EXISTS (SELECT 1 FROM dose_arms a WHERE a.study_id = s.id AND ${cond})`;
  if (filter.diseases.length) parts.push(Prisma.sql`s.disease_code = ANY(${filter.diseases}::text[])`);
  if (filter.routes.length) parts.push(Prisma.sql`s.routes && ${filter.routes}::text[]`);
  if (filter.sources.length) parts.push(Prisma.sql`s.tissues && ${filter.sources}::text[]`);
  if (filter.donors.length) parts.push(Prisma.sql`s.donors && ${filter.donors}::text[]`);
  if (filter.coInterventions.length)
    parts.push(product(Prisma.sql`p.co_interventions && ${filter.coInterventions}::text[]`));
  if (filter.coAdministered.length)
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM co_administered_products c WHERE c.study_id = s.id AND c.name = ANY(${filter.coAdministered}::text[]))`,
    );
  if (filter.bases.length) parts.push(arm(Prisma.sql`a.basis::text = ANY(${filter.bases}::text[])`));
  if ((filter.doseMin !== undefined || filter.doseMax !== undefined) && filter.doseScale === "cumulative") {
    // Cumulative doses have no sorted lists on the study: its arms are searched.
    const ckg = cellsPerKgSql(filter);
    const bounds = [
      filter.doseMin !== undefined
        ? Prisma.sql`${ckg} >= ${filter.doseMin}::float8`
        : Prisma.sql`${ckg} IS NOT NULL`,
      ...(filter.doseMax !== undefined ? [Prisma.sql`${ckg} <= ${filter.doseMax}::float8`] : []),
    ];
    parts.push(arm(Prisma.sql`${basisCountsSql(filter)} AND ${Prisma.join(bounds, " AND ")}`));
  } else if (filter.doseMin !== undefined || filter.doseMax !== undefined) {
    // The study's sorted dose lists and their lowest and highest values decide most studies: an
    // end in [lo, hi] is an arm in range, a list wholly below lo or above hi has none. A list
    // that straddles the range is searched: an arm in [lo, hi] is a dose above lo and at most hi
    // (width_bucket counts the doses at or below a value by binary search), or one equal to lo.
    const { doseMin: lo, doseMax: hi } = filter;
    const w = filter.referenceWeightKg;
    const inRange = (list: Prisma.Sql, min: Prisma.Sql, max: Prisma.Sql, factor: number) => {
      if (lo === undefined) return Prisma.sql`${min} <= ${hi! * factor}::float8`;
      if (hi === undefined) return Prisma.sql`${max} >= ${lo * factor}::float8`;
      const [l, h] = [Prisma.sql`${lo * factor}::float8`, Prisma.sql`${hi * factor}::float8`];
      return Prisma.sql`(${min} <= ${h} AND ${max} >= ${l} AND (${min} >= ${l} OR ${max} <= ${h}
        OR width_bucket(${h}, ${list}) > width_bucket(${l}, ${list}) OR ${l} = ANY(${list})))`;
    };
    const perKg = inRange(Prisma.sql`s.doses_per_kg`, Prisma.sql`s.per_kg_min`, Prisma.sql`s.per_kg_max`, 1);
    const total = inRange(Prisma.sql`s.doses_total`, Prisma.sql`s.total_min`, Prisma.sql`s.total_max`, w);
    const either = filter.includeEstimated ? Prisma.sql`${perKg} OR ${total}` : perKg;
    // A study without arms has no lists: false, not NULL.
    parts.push(Prisma.sql`COALESCE(${either}, FALSE)`);
  }
  if (filter.enrollmentMin !== undefined) parts.push(Prisma.sql`s.enrollment >= ${filter.enrollmentMin}`);
  if (filter.enrollmentMax !== undefined) parts.push(Prisma.sql`s.enrollment <= ${filter.enrollmentMax}`);
  if (filter.registered === "yes") parts.push(Prisma.sql`s.trial_id IS NOT NULL`);
  if (filter.registered === "no") parts.push(Prisma.sql`s.trial_id IS NULL`);
  if (filter.categories.length) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM consensus_tags c WHERE c.study_id = s.id AND c.category_id = ANY(${filter.categories}::uuid[]))`,
    );
    if (filter.blindReviewer) parts.push(consensusVisibleSql(filter));
  }
  if (filter.annotated === "any")
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM annotations n WHERE n.study_id = s.id)`);
  if (filter.annotated === "open")
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM annotations n WHERE n.study_id = s.id AND n.parent_id IS NULL AND n.status = 'open')`,
    );
  if (filter.annotated === "none")
    parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM annotations n WHERE n.study_id = s.id)`);
  if (filter.q) {
    const pattern = like(filter.q);
    parts.push(
      // outcome_lower LIKE lower(pattern) is outcome ILIKE pattern, read from a stored lower-case
      // copy so that no outcome is lower-cased per search.
      Prisma.sql`(s.outcome_lower LIKE lower(${pattern}) OR ${product(Prisma.sql`p.raw_text ILIKE ${pattern}`)})`,
    );
  }
  parts.push(...robOverallSql(filter));
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}
