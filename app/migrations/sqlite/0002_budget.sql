-- Citizen budget: campaigns, their envelope per territory, projects, and ballots.
CREATE TABLE budget_campaigns (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    rules_text TEXT NOT NULL,
    vote_opens_at BIGINT NOT NULL,
    vote_closes_at BIGINT NOT NULL,
    choices BIGINT NOT NULL DEFAULT 3,
    exact_choices BIGINT NOT NULL DEFAULT 0,
    min_age BIGINT NOT NULL DEFAULT 11,
    scope TEXT NOT NULL DEFAULT 'campaign',
    ballot_changeable BIGINT NOT NULL DEFAULT 0,
    results_visibility TEXT NOT NULL DEFAULT 'live',
    results_published_at BIGINT,
    rule TEXT NOT NULL DEFAULT 'greedy',
    min_votes BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE budget_envelopes (
    campaign_id INTEGER NOT NULL REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    territory_id INTEGER NOT NULL REFERENCES territories(id),
    amount_cents BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, territory_id)
);

CREATE TABLE budget_projects (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    territory_id INTEGER NOT NULL REFERENCES territories(id),
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    cost_cents BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'submitted',
    rejection_reason TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX budget_projects_campaign ON budget_projects(campaign_id, status);

-- Ballot secrecy: who voted is kept here, what was chosen in budget_ballots; nothing links the two.
CREATE TABLE budget_participations (
    campaign_id INTEGER NOT NULL REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    voted_at BIGINT NOT NULL,
    UNIQUE (campaign_id, user_id)
);

CREATE TABLE budget_ballots (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES budget_campaigns(id) ON DELETE CASCADE,
    receipt_code TEXT NOT NULL UNIQUE,
    paper BIGINT NOT NULL DEFAULT 0,
    cast_at BIGINT NOT NULL
);
CREATE INDEX budget_ballots_campaign ON budget_ballots(campaign_id);

CREATE TABLE budget_ballot_choices (
    ballot_id INTEGER NOT NULL REFERENCES budget_ballots(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
    PRIMARY KEY (ballot_id, project_id)
);
