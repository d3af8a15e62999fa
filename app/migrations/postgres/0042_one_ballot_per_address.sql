-- One person counts once in a campaign, even after deleting their account and opening another with
-- the same address: a participation carries a keyed tag of campaign and address (HMAC-SHA-256 under
-- a key derived from the ballot key, which never enters the database), unique per campaign, and
-- outlives the account (its user_id becomes NULL). Those recorded before carry a tag of their account.
ALTER TABLE budget_participations ADD COLUMN address_tag TEXT;
UPDATE budget_participations SET address_tag = 'compte:' || user_id;
ALTER TABLE budget_participations ALTER COLUMN address_tag SET NOT NULL;
ALTER TABLE budget_participations ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE budget_participations DROP CONSTRAINT budget_participations_user_id_fkey;
ALTER TABLE budget_participations ADD CONSTRAINT budget_participations_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX budget_participations_address ON budget_participations(campaign_id, address_tag);
CREATE INDEX budget_participations_user ON budget_participations(user_id);
