-- One image per project, kept in the database with the rest so that a backup holds everything.
-- Its kind was read from its bytes; its description is the text alternative shown to those who
-- cannot see it.
CREATE TABLE budget_project_images (
    project_id BIGINT PRIMARY KEY REFERENCES budget_projects(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    description TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
