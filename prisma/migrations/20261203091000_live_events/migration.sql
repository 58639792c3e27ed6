-- Live updates: every audit event (written in the same transaction as the change it records)
-- tells listening app instances that something changed, on commit. Only ids and kinds travel,
-- never content: each instance decides what each of its subscribers may learn.
CREATE OR REPLACE FUNCTION notify_evidence_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(
    'evidence_events',
    json_build_object(
      'id', NEW.id::text,
      'entityType', left(NEW.entity_type, 64),
      'entityId', left(NEW.entity_id, 64),
      'studyId', NEW.study_id,
      'action', left(NEW.action, 64),
      'actorId', NEW.actor_id
    )::text
  );
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_events_notify
AFTER INSERT ON audit_events
FOR EACH ROW EXECUTE FUNCTION notify_evidence_event();
