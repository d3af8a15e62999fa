-- What the collectifs publish (memos, minutes, opinions, reports, studies), each with its PDF in
-- stored_files, and the dated steps of the opinion chain up to the municipality's answer.
CREATE TABLE publications (
    id INTEGER PRIMARY KEY,
    collectif_id INTEGER NOT NULL REFERENCES collectifs(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD: the date on the document, by which archives list it.
    published_on TEXT NOT NULL,
    file_sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    -- 'published' for memos and minutes; the opinion chain's stage otherwise.
    stage TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX publications_collectif ON publications(collectif_id, published_on);
CREATE INDEX publications_stage ON publications(stage, updated_at);

CREATE TABLE publication_steps (
    id INTEGER PRIMARY KEY,
    publication_id INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
    -- The stage reached: draft (written), submitted, returned, validated, presented, answered.
    stage TEXT NOT NULL,
    -- Remarks, the commission's name or the municipality's answer.
    note TEXT NOT NULL DEFAULT '',
    -- The commission's meeting day, for 'presented'.
    on_date TEXT,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- Kept as shown when the step was taken, so the record survives a renamed or deleted account.
    actor_name TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX publication_steps_publication ON publication_steps(publication_id, id);
