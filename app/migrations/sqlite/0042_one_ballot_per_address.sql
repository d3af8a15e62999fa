-- One person counts once in a campaign, even after deleting their account and opening another with
-- the same address: a participation carries a keyed tag of campaign and address (HMAC-SHA-256 under
-- a key derived from the ballot key, which never enters the database), unique per campaign, and
-- outlives the account (its user_id becomes NULL). Participations are stored by that tag, an order
-- that says nothing of when anyone voted. Those recorded before carry a tag of their account instead.
CREATE TABLE budget_participations_by_address (
    campaign_id INTEGER NOT NULL REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    address_tag TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    voted_on BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, address_tag)
) WITHOUT ROWID;
INSERT INTO budget_participations_by_address (campaign_id, address_tag, user_id, voted_on)
SELECT campaign_id, 'compte:' || user_id, user_id, voted_on FROM budget_participations;
DROP TABLE budget_participations;
ALTER TABLE budget_participations_by_address RENAME TO budget_participations;
CREATE UNIQUE INDEX budget_participations_user ON budget_participations(user_id, campaign_id);
