-- Residents submit projects during a submission window; review starts when it closes.
-- Campaigns created before have no window (0, 0): nothing can be submitted to them.
ALTER TABLE budget_campaigns ADD COLUMN submission_opens_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE budget_campaigns ADD COLUMN submission_closes_at BIGINT NOT NULL DEFAULT 0;

-- Every change made to a project after its submission, by its author or by staff, field by field,
-- as it read at the time (a territory by its name, a cost in euros), so the history stays readable.
CREATE TABLE budget_project_edits (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
    editor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    editor_name TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    edited_at BIGINT NOT NULL
);
CREATE INDEX budget_project_edits_project ON budget_project_edits(project_id, id);
