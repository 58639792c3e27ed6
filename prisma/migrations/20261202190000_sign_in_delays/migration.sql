-- Sign-in limits per account and client, per client, and a ceiling per account that slows
-- attempts down instead of locking the owner out: the time of each counted failure, from which
-- the next attempt's wait is worked out.
ALTER TABLE "sign_in_throttles" ADD COLUMN "last_failure_at" TIMESTAMPTZ(6);
-- Counters of the previous scheme (per account, locking) would lock nobody now: drop them.
DELETE FROM "sign_in_throttles" WHERE "key" LIKE 'account:%';
