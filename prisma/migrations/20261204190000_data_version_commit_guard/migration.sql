-- The data version's sequence moves on when a write happens, not when it commits (sequences are
-- not transactional), so a reader could take the new version, read the old rows and keep them
-- under it. Every write that moves the version now also holds a shared advisory lock on
-- 7316842551 until its transaction ends; a reader that cannot take that lock exclusively for a
-- moment knows a write is still open, and keeps nothing it computes then.
CREATE OR REPLACE FUNCTION "evidence_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7316842551);
  PERFORM nextval('evidence_data_version');
  RETURN NULL;
END $$;
