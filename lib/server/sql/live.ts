// Queries of the live channel: catching up on audit events missed while a listener was away, and
// what a receiver may learn of tag and risk-of-bias events (see lib/server/live.ts).
import { AuditNotificationSchema, type AuditNotification } from "../../domain/live-wire";
import type { Db, Queryable } from "./client";

/** Audit events after $1 (an id as text), oldest first, at most $2, in the trigger's shape. Plain
 * SQL with parameters, so that the listener's own pg connection runs it too. */
export const AUDIT_EVENTS_AFTER_SQL = `
  SELECT id::text AS id, left(entity_type, 64) AS "entityType", left(entity_id, 64) AS "entityId",
         study_id::text AS "studyId", left(action, 64) AS action, actor_id::text AS "actorId"
  FROM audit_events WHERE id > $1::bigint ORDER BY id LIMIT $2::int`;

export const LAST_AUDIT_EVENT_SQL = `SELECT coalesce(max(id), 0)::text AS id FROM audit_events`;

/** Notifications after $1, oldest first, at most $2: what the embedded database's poll tells. */
export const NOTIFICATIONS_AFTER_SQL = `
  SELECT id::text AS id, recipient_id::text AS "recipientId"
  FROM notifications WHERE id > $1::bigint ORDER BY id LIMIT $2::int`;

export const LAST_NOTIFICATION_SQL = `SELECT coalesce(max(id), 0)::text AS id FROM notifications`;

/** Rows of AUDIT_EVENTS_AFTER_SQL as notifications (a row that does not fit is left out). */
export function auditNotifications(rows: unknown[]): AuditNotification[] {
  return rows.flatMap((r) => {
    const parsed = AuditNotificationSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function auditEventsAfter(
  db: Queryable & Pick<Db, "$queryRawUnsafe">,
  afterId: string,
  limit = 500,
) {
  return auditNotifications(await db.$queryRawUnsafe<unknown[]>(AUDIT_EVENTS_AFTER_SQL, afterId, limit));
}

export async function lastAuditEventId(db: Pick<Db, "$queryRawUnsafe">): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ id: string }[]>(LAST_AUDIT_EVENT_SQL);
  return row?.id ?? "0";
}

/** Of `reviewerIds`, those who have tagged the study. */
export async function reviewersWhoTagged(
  db: Queryable,
  studyId: string,
  reviewerIds: string[],
): Promise<Set<string>> {
  if (reviewerIds.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT reviewer_id::text AS id FROM tag_assessments
    WHERE study_id = ${studyId}::uuid AND reviewer_id = ANY(${reviewerIds}::uuid[])`;
  return new Set(rows.map((r) => r.id));
}

/** Of `reviewerIds`, those who have submitted a risk-of-bias assessment of the study. */
export async function reviewersWhoAssessed(
  db: Queryable,
  studyId: string,
  reviewerIds: string[],
): Promise<Set<string>> {
  if (reviewerIds.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT reviewer_id::text AS id FROM rob_assessments
    WHERE study_id = ${studyId}::uuid AND reviewer_id = ANY(${reviewerIds}::uuid[]) AND submitted_at IS NOT NULL`;
  return new Set(rows.map((r) => r.id));
}
