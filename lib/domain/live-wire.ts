// What travels to the server on the live channel, as zod schemas: the database's notifications
// (ids and kinds only) and a browser's presence heartbeat. Apart from live.ts, which the browser
// runs, so that zod stays out of the page's JavaScript.
import { z } from "zod";
import { PRESENCE_FIELDS } from "./live";

/** The JSON the audit_events trigger sends on the evidence_events channel. */
export const AuditNotificationSchema = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  entityType: z.string().max(64),
  entityId: z.string().max(64),
  studyId: z.uuid().nullable(),
  action: z.string().max(64),
  actorId: z.uuid().nullable(),
});
export type AuditNotification = z.infer<typeof AuditNotificationSchema>;

/** The JSON the notifications trigger sends on the evidence_inbox channel. */
export const InboxNotificationSchema = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  recipientId: z.uuid(),
});

export const PresenceHeartbeatSchema = z.object({
  studyId: z.uuid(),
  field: z.enum(PRESENCE_FIELDS),
  /** The tab, so that two tabs of one person count once and leaving one does not hide the other. */
  tab: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  leaving: z.boolean().optional(),
});
export type PresenceHeartbeat = z.infer<typeof PresenceHeartbeatSchema>;
