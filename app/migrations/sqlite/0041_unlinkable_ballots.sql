-- A copy of the database must not line voters up with ballots. SQLite numbers the rows of an
-- ordinary table in insertion order (rowid), so the choices of ballots and the participations both
-- sorted in the order votes came in. Both tables now have no rowid and are stored by their key: the
-- choices by the ballot's random id, the participations by campaign and voter. A participation keeps
-- only the day of the vote (Unix seconds at midnight UTC).
CREATE TABLE budget_ballot_choices_by_ballot (
    ballot_id INTEGER NOT NULL REFERENCES budget_ballots(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
    points INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (ballot_id, project_id)
) WITHOUT ROWID;
INSERT INTO budget_ballot_choices_by_ballot (ballot_id, project_id, points)
SELECT ballot_id, project_id, points FROM budget_ballot_choices;
DROP TABLE budget_ballot_choices;
ALTER TABLE budget_ballot_choices_by_ballot RENAME TO budget_ballot_choices;
CREATE INDEX budget_ballot_choices_project ON budget_ballot_choices(project_id, points);

CREATE TABLE budget_participations_by_voter (
    campaign_id INTEGER NOT NULL REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    voted_on BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, user_id)
) WITHOUT ROWID;
INSERT INTO budget_participations_by_voter (campaign_id, user_id, voted_on)
SELECT campaign_id, user_id, voted_at - voted_at % 86400 FROM budget_participations;
DROP TABLE budget_participations;
ALTER TABLE budget_participations_by_voter RENAME TO budget_participations;
