-- A failed no-JavaScript form's error (with the values typed, never passwords) waits here for the
-- page that shows it, instead of travelling in the redirect's URL; read once, kept ten minutes at most.
CREATE TABLE form_flashes (
    id_hash TEXT PRIMARY KEY NOT NULL,
    error TEXT NOT NULL,
    expires_at BIGINT NOT NULL
) WITHOUT ROWID;
CREATE INDEX form_flashes_expiry ON form_flashes(expires_at);
