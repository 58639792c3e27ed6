// Writes an audit event inside the caller's transaction, so a change and its record
// are committed together or not at all.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./client";

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  studyId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

export async function audit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      studyId: event.studyId ?? null,
      before: event.before ?? undefined,
      after: event.after ?? undefined,
    },
  });
}
