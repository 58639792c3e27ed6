-- The team's inbox (mentions, replies, assignments, conflicts on one's edits) and the assignment of
-- studies to reviewers per task. A new notification tells listening app instances on a channel
-- of its own, so that the recipient's open pages update their inbox count without a reload; only
-- ids travel, and only the recipient's streams are told.
CREATE TYPE "NotificationKind" AS ENUM ('mention', 'reply', 'assignment', 'conflict');
CREATE TYPE "AssignmentTask" AS ENUM ('tag', 'outcomes', 'rob');

CREATE TABLE "notifications" (
    "id" BIGSERIAL NOT NULL,
    "recipient_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "actor_id" UUID,
    "study_id" UUID,
    "annotation_id" UUID,
    "section" TEXT,
    "message" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "notifications_recipient_id_read_at_created_at_idx" ON "notifications"("recipient_id", "read_at", "created_at");
CREATE INDEX "notifications_study_id_idx" ON "notifications"("study_id");

ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "assignments" (
    "id" UUID NOT NULL,
    "task" "AssignmentTask" NOT NULL,
    "study_id" UUID NOT NULL,
    "assignee_id" UUID NOT NULL,
    "assigned_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "assignments_task_study_id_assignee_id_key" ON "assignments"("task", "study_id", "assignee_id");
CREATE INDEX "assignments_assignee_id_task_created_at_idx" ON "assignments"("assignee_id", "task", "created_at");
CREATE INDEX "assignments_study_id_idx" ON "assignments"("study_id");

ALTER TABLE "assignments" ADD CONSTRAINT "assignments_study_id_fkey" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE OR REPLACE FUNCTION notify_evidence_notification() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(
    'evidence_inbox',
    json_build_object('id', NEW.id::text, 'recipientId', NEW.recipient_id)::text
  );
  RETURN NULL;
END;
$$;

CREATE TRIGGER notifications_notify
AFTER INSERT ON notifications
FOR EACH ROW EXECUTE FUNCTION notify_evidence_notification();
