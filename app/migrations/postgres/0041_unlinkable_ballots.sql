-- A copy of the database must not line voters up with ballots: a participation keeps only the day
-- of the vote (Unix seconds at midnight UTC), not the second. Rows of one table still lie in the
-- heap in insertion order and carry the id of the transaction that wrote them (xmin): ballots are
-- written in batches, shuffled within each (see ballot_queue.rs), and the README states what remains.
ALTER TABLE budget_participations ADD COLUMN voted_on BIGINT;
UPDATE budget_participations SET voted_on = voted_at - voted_at % 86400;
ALTER TABLE budget_participations ALTER COLUMN voted_on SET NOT NULL;
ALTER TABLE budget_participations DROP COLUMN voted_at;
