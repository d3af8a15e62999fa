-- Alès citizen councils: the priority neighbourhoods each council covers, its members, the minutes
-- and documents of the space (files kept once in stored_files), and the Fonds de Participation des
-- Habitants: a yearly envelope per council and residents' applications, from submission to report.
CREATE TABLE citizen_council_territories (
    council_id INTEGER NOT NULL REFERENCES citizen_councils(id) ON DELETE CASCADE,
    territory_id INTEGER NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
    PRIMARY KEY (council_id, territory_id)
);

CREATE TABLE citizen_council_members (
    id INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES citizen_councils(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- `habitant` or `acteur` (an association, a shop, an institution of the neighbourhood).
    college TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX citizen_council_members_council ON citizen_council_members(council_id);

-- Minutes (`minutes`, dated by the month of the meeting) and documents (`document`) anyone downloads.
CREATE TABLE citizen_council_files (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    -- AAAA-MM-JJ.
    dated TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    created_at BIGINT NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX citizen_council_files_kind ON citizen_council_files(kind, dated);

-- The yearly envelope of a council's fund, in cents.
CREATE TABLE fund_envelopes (
    council_id INTEGER NOT NULL REFERENCES citizen_councils(id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    PRIMARY KEY (council_id, year)
);

CREATE TABLE fund_applications (
    id INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES citizen_councils(id) ON DELETE CASCADE,
    -- The envelope it draws on: the year the project starts.
    year BIGINT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    territory_id INTEGER NOT NULL REFERENCES territories(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- `association` or `habitants` (a group of residents), and its name.
    carrier_kind TEXT NOT NULL,
    carrier_name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    total_cents BIGINT NOT NULL,
    requested_cents BIGINT NOT NULL,
    other_funding TEXT NOT NULL DEFAULT '',
    -- submitted, information (more asked), granted, refused, reported.
    status TEXT NOT NULL DEFAULT 'submitted',
    granted_cents BIGINT,
    -- The refusal's reason, or the information the council asks for.
    council_message TEXT,
    applicant_answer TEXT,
    submitted_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    spent_cents BIGINT,
    participants BIGINT,
    report TEXT,
    report_sha256 TEXT REFERENCES stored_files(sha256),
    reported_at BIGINT
);
CREATE INDEX fund_applications_envelope ON fund_applications(council_id, year, status);
CREATE INDEX fund_applications_user ON fund_applications(user_id);

CREATE TABLE fund_budget_lines (
    application_id INTEGER NOT NULL REFERENCES fund_applications(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    label TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    PRIMARY KEY (application_id, position)
);
