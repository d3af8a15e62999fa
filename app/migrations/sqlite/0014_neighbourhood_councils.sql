-- Béthune's neighbourhood councils drawn by lot: each council, the candidacies of a round, the
-- public records of its draws, and its meetings.
CREATE TABLE neighbourhood_councils (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    territory_id INTEGER REFERENCES territories(id),
    seats BIGINT NOT NULL DEFAULT 12,
    -- Two elected officials attached to the council; governance is horizontal otherwise.
    elected_duo TEXT NOT NULL DEFAULT '',
    charter TEXT NOT NULL DEFAULT '',
    internal_rules TEXT NOT NULL DEFAULT '',
    -- The round candidacies are taken for, its window, and the day of its draw (ages count on it).
    round TEXT NOT NULL,
    applications_open_at BIGINT NOT NULL,
    applications_close_at BIGINT NOT NULL,
    draw_day TEXT NOT NULL,
    term_years BIGINT NOT NULL DEFAULT 3
);

CREATE TABLE council_candidacies (
    id INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES neighbourhood_councils(id) ON DELETE CASCADE,
    round TEXT NOT NULL,
    -- NULL for a paper candidacy entered by staff.
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- The pseudonym published in the pool; names are never published before the draw.
    public_id TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    gender TEXT NOT NULL,
    category TEXT NOT NULL,
    actor_kind TEXT,
    birth_date TEXT NOT NULL,
    address TEXT NOT NULL,
    organisation TEXT,
    siret TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    refusal_reason TEXT,
    authorisation_type TEXT,
    authorisation BLOB,
    created_at BIGINT NOT NULL,
    reviewed_at BIGINT,
    reviewed_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    withdrawn_at BIGINT
);
-- One candidacy per person and round, whichever neighbourhood: enforced here, not read then written.
CREATE UNIQUE INDEX council_candidacies_once ON council_candidacies(round, user_id);
CREATE INDEX council_candidacies_council ON council_candidacies(council_id, status);

-- Published documents, in order: an announcement (pool, quotas, probabilities), then its draw.
CREATE TABLE council_draws (
    id INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES neighbourhood_councils(id) ON DELETE CASCADE,
    round TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    stage TEXT NOT NULL,
    document TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    UNIQUE (council_id, round, sequence)
);

CREATE TABLE council_meetings (
    id INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES neighbourhood_councils(id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    place TEXT NOT NULL,
    agenda TEXT NOT NULL,
    minutes BLOB,
    minutes_uploaded_at BIGINT
);
CREATE INDEX council_meetings_council ON council_meetings(council_id, starts_at);
