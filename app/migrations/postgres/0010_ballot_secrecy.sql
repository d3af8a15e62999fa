-- Ballot secrecy against a copy of the database: a ballot no longer carries the instant it was cast
-- (it matched its voter's participation to the second); its id is drawn at random (so the ballots'
-- order says nothing); its receipt is stored as a keyed hash (the emailed code, kept in the outbox,
-- no longer finds it); and where a campaign lets voters change their ballot, the ballot carries a
-- keyed hash of campaign and voter. The key lives outside the database (ballot.key). Receipts of
-- ballots cast before this change no longer verify.
ALTER TABLE budget_ballots DROP COLUMN cast_at;
ALTER TABLE budget_ballots RENAME COLUMN receipt_code TO receipt_tag;
ALTER TABLE budget_ballots ADD COLUMN voter_tag TEXT;
CREATE UNIQUE INDEX budget_ballots_voter_tag ON budget_ballots(voter_tag);
