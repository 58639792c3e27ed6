// The filter's overall risk-of-bias field as its two predicates: a study is selected when its
// consensus for any outcome (or the study as a whole) is at one of the chosen levels, or, with
// "none", when it has no consensus yet. cohortWhere and cohortSql (filter-sql.ts) add these. A
// reviewer's filter (robReader: their id) counts only the consensus of studies they have
// submitted an assessment of (the study, not each outcome: Prisma cannot say the outcome is the
// same, and the two predicates must select the same studies).
import { Prisma } from "../../generated/prisma/client.ts";
import type { CohortFilter } from "../../domain/filter/filter";

type RobLevels = Pick<CohortFilter, "robOverall"> & { robReader?: string | null };

/** The reader may count the study's consensus (Prisma). */
const visibleWhere = (reader: string): Prisma.StudyWhereInput => ({
  robAssessments: { some: { reviewerId: reader, submittedAt: { not: null } } },
});

/** The same over `s` (SQL). */
const visibleSql = (reader: string | null | undefined) =>
  reader
    ? Prisma.sql`EXISTS (SELECT 1 FROM rob_assessments ra WHERE ra.study_id = s.id AND ra.reviewer_id = ${reader}::uuid AND ra.submitted_at IS NOT NULL)`
    : Prisma.sql`TRUE`;

const levelsOf = (filter: RobLevels) => filter.robOverall.filter((v) => v !== "none");

/** The Prisma `where` of the field: none when it selects every study, so that
 * `and.push(...robOverallWhere(filter))` adds it. */
export function robOverallWhere(filter: RobLevels): Prisma.StudyWhereInput[] {
  if (filter.robOverall.length === 0) return [];
  const levels = levelsOf(filter);
  const or: Prisma.StudyWhereInput[] = [];
  const reader = filter.robReader;
  const some: Prisma.StudyWhereInput = { robConsensus: { some: { overall: { in: levels } } } };
  const none: Prisma.StudyWhereInput = { robConsensus: { none: {} } };
  if (levels.length) or.push(reader ? { AND: [visibleWhere(reader), some] } : some);
  if (filter.robOverall.includes("none"))
    or.push(reader ? { OR: [{ NOT: visibleWhere(reader) }, none] } : none);
  return [or.length === 1 ? or[0]! : { OR: or }];
}

/** The same as SQL over the alias `s` (studies), for `parts.push(...robOverallSql(filter))`. */
export function robOverallSql(filter: RobLevels): Prisma.Sql[] {
  if (filter.robOverall.length === 0) return [];
  const levels = levelsOf(filter);
  const or: Prisma.Sql[] = [];
  const seen = visibleSql(filter.robReader);
  if (levels.length)
    or.push(
      Prisma.sql`(${seen} AND EXISTS (SELECT 1 FROM rob_consensus rc WHERE rc.study_id = s.id AND rc.overall::text = ANY(${levels}::text[])))`,
    );
  if (filter.robOverall.includes("none"))
    or.push(
      Prisma.sql`(NOT ${seen} OR NOT EXISTS (SELECT 1 FROM rob_consensus rc WHERE rc.study_id = s.id))`,
    );
  return [or.length === 1 ? or[0]! : Prisma.sql`(${Prisma.join(or, " OR ")})`];
}
