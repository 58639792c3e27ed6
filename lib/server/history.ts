// The audit history: one study's, for everyone in the team, and the team's activity across
// everything, for admins, with filters.
import "server-only";
import type { HistoryEvent } from "../contracts/collaboration";
import type { Prisma } from "../generated/prisma/client.ts";
import { db } from "./platform/db";
import { assertRole, type SessionUser } from "./platform/session-user";

const eventSelect = {
  id: true,
  actorId: true,
  action: true,
  entityType: true,
  entityId: true,
  studyId: true,
  before: true,
  after: true,
  createdAt: true,
  actor: { select: { name: true } },
} as const;

type EventRow = Prisma.AuditEventGetPayload<{ select: typeof eventSelect }>;

export const historyEvent = ({ id, actor, ...e }: EventRow): HistoryEvent => ({
  ...e,
  id: String(id),
  actor: actor?.name ?? null,
});

export async function studyHistory(actor: SessionUser | null, studyId: string): Promise<HistoryEvent[]> {
  assertRole(actor, "viewer");
  const rows = await db().auditEvent.findMany({
    where: { OR: [{ studyId }, { entityType: "study", entityId: studyId }] },
    orderBy: { id: "desc" },
    take: 200,
    select: eventSelect,
  });
  return rows.map(historyEvent);
}

export interface ActivityFilter {
  actorId?: string;
  entityType?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
}

export const ACTIVITY_PAGE_SIZE = 50;

export async function teamActivity(actor: SessionUser | null, filter: ActivityFilter) {
  assertRole(actor, "admin", "see the team's activity");
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: filter.from } : {}),
            ...(filter.to ? { lt: filter.to } : {}),
          },
        }
      : {}),
  };
  const [events, total, actors, kinds] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filter.page - 1) * ACTIVITY_PAGE_SIZE,
      take: ACTIVITY_PAGE_SIZE,
      select: eventSelect,
    }),
    db().auditEvent.count({ where }),
    db().user.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().auditEvent.groupBy({
      by: ["entityType", "action"],
      orderBy: [{ entityType: "asc" }, { action: "asc" }],
    }),
  ]);
  const studyIds = [...new Set(events.map((e) => e.studyId).filter((id): id is string => id !== null))];
  const studies = await db().study.findMany({
    where: { id: { in: studyIds } },
    select: { id: true, reference: true, diseaseCode: true },
  });
  return {
    events: events.map(historyEvent),
    total,
    actors,
    kinds,
    studies: Object.fromEntries(studies.map((s) => [s.id, s])),
  };
}
