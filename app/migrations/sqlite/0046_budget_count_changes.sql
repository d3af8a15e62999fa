-- How many writes changed a campaign's ballots (a changed ballot leaves the count as it was): the
-- results of a campaign are computed again only when this, or what they are computed from, moved.
ALTER TABLE budget_ballot_counts ADD COLUMN changes BIGINT NOT NULL DEFAULT 0;
