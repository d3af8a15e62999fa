-- Running totals for the live tallies, kept in the same transaction as the ballots they count:
-- a dashboard reads a handful of rows whatever the number of ballots.
CREATE TABLE budget_project_points (
    project_id BIGINT PRIMARY KEY REFERENCES budget_projects(id) ON DELETE CASCADE,
    points BIGINT NOT NULL
);
CREATE TABLE budget_ballot_counts (
    campaign_id BIGINT PRIMARY KEY REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    ballots BIGINT NOT NULL,
    paper_ballots BIGINT NOT NULL
);
-- Voters per territory, the territory being the voter's when they voted.
CREATE TABLE budget_turnout (
    campaign_id BIGINT NOT NULL REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    territory_id BIGINT NOT NULL,
    voters BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, territory_id)
);
INSERT INTO budget_project_points (project_id, points)
SELECT project_id, SUM(points) FROM budget_ballot_choices GROUP BY project_id;
INSERT INTO budget_ballot_counts (campaign_id, ballots, paper_ballots)
SELECT campaign_id, COUNT(*), COUNT(CASE WHEN paper = 1 THEN 1 END) FROM budget_ballots GROUP BY campaign_id;
INSERT INTO budget_turnout (campaign_id, territory_id, voters)
SELECT bp.campaign_id, u.territory_id, COUNT(*) FROM budget_participations bp JOIN users u ON u.id = bp.user_id
WHERE u.territory_id IS NOT NULL GROUP BY bp.campaign_id, u.territory_id;
