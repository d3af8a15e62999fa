-- Uploaded files kept once per content: rows elsewhere point at a file by its SHA-256.
CREATE TABLE stored_files (
    sha256 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
