-- Petitions: each institution's rules, the petitions with their coalesced signature count,
-- the dated history of states, signatures (confirmed by email for visitors) and rate-limit events.
CREATE TABLE petition_rules (
    institution_id BIGINT PRIMARY KEY REFERENCES institutions(id),
    -- 'fixed': threshold_fixed signatures; 'share': electors / share_divisor, rounded up.
    threshold_kind TEXT NOT NULL DEFAULT 'fixed',
    threshold_fixed BIGINT NOT NULL DEFAULT 4000,
    electors BIGINT NOT NULL DEFAULT 0,
    share_divisor BIGINT NOT NULL DEFAULT 10,
    min_age BIGINT NOT NULL DEFAULT 16,
    filings_per_period BIGINT NOT NULL DEFAULT 1,
    filing_period_days BIGINT NOT NULL DEFAULT 365,
    duration_days BIGINT NOT NULL DEFAULT 183,
    burst_per_minute BIGINT NOT NULL DEFAULT 1,
    per_five_minutes BIGINT NOT NULL DEFAULT 5,
    retention_days BIGINT NOT NULL DEFAULT 90
);

CREATE TABLE petitions (
    id BIGSERIAL PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft',
    threshold BIGINT NOT NULL DEFAULT 0,
    signatures BIGINT NOT NULL DEFAULT 0,
    milestones_sent BIGINT NOT NULL DEFAULT 0,
    opens_at BIGINT,
    closes_at BIGINT,
    rejection_reason TEXT,
    decision TEXT,
    answer TEXT,
    created_at BIGINT NOT NULL,
    submitted_at BIGINT,
    purged_at BIGINT
);
CREATE INDEX petitions_state ON petitions(state, closes_at);
CREATE INDEX petitions_author ON petitions(author_id, submitted_at);

CREATE TABLE petition_state_changes (
    id BIGSERIAL PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    note TEXT
);
CREATE INDEX petition_state_changes_petition ON petition_state_changes(petition_id, at);

CREATE TABLE petition_signatures (
    id BIGSERIAL PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    -- Normalised; NULL with the name once personal data is deleted after closing.
    email TEXT,
    full_name TEXT,
    commune_id BIGINT REFERENCES communes(id),
    token_hash TEXT UNIQUE,
    token_expires_at BIGINT,
    confirmed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX petition_signatures_email ON petition_signatures(petition_id, email);
CREATE UNIQUE INDEX petition_signatures_user ON petition_signatures(petition_id, user_id);
CREATE INDEX petition_signatures_commune ON petition_signatures(petition_id, confirmed_at, commune_id);

-- Recent attempts per IP or per email, for the signature rate limits.
CREATE TABLE rate_events (
    id BIGSERIAL PRIMARY KEY,
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_events_lookup ON rate_events(scope, subject, at);
