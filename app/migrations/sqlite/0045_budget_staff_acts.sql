-- What staff did to a campaign that changes what is counted: each batch of paper ballots and each
-- label, rejection or merge, with who and when. Public on the campaign's journal page; never
-- updated or deleted by the application. The staff member's name is kept even if the account goes.
CREATE TABLE budget_staff_acts (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL,
    act TEXT NOT NULL,
    project_id INTEGER REFERENCES budget_projects(id) ON DELETE SET NULL,
    ballots INTEGER,
    acted_at BIGINT NOT NULL
);
CREATE INDEX budget_staff_acts_campaign ON budget_staff_acts(campaign_id, id);
