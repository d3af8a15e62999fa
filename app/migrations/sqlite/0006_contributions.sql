-- Contribution calls: a theme open for a period, the kinds it accepts, residents' contributions,
-- the ones staff retain, and the published synthesis that gathers them.
CREATE TABLE contribution_calls (
    id INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    accepts_testimonies BIGINT NOT NULL DEFAULT 1,
    accepts_proposals BIGINT NOT NULL DEFAULT 1,
    synthesis TEXT,
    synthesis_published_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE contributions (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES contribution_calls(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    retained_at BIGINT,
    retained_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX contributions_call ON contributions(call_id, kind, retained_at);
