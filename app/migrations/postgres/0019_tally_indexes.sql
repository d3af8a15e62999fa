-- The live tallies are read every second while organisers watch: each figure from an index that
-- holds it, instead of scanning every ballot choice once per project.
CREATE INDEX budget_ballot_choices_project ON budget_ballot_choices(project_id, points);
CREATE INDEX budget_ballots_campaign_paper ON budget_ballots(campaign_id, paper);
DROP INDEX budget_ballots_campaign;
-- Turnout: residents old enough to vote, per territory.
CREATE INDEX users_territory_birth ON users(territory_id, birth_date);
