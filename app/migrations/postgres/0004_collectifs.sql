-- Collectifs (Carvin's thematic groups): profile, members, dated state history; and the agenda.
ALTER TABLE collectifs ADD COLUMN theme TEXT NOT NULL DEFAULT '';
ALTER TABLE collectifs ADD COLUMN description TEXT NOT NULL DEFAULT '';

CREATE TABLE collectif_members (
    collectif_id BIGINT NOT NULL REFERENCES collectifs(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    facilitator BIGINT NOT NULL DEFAULT 0,
    -- Each member decides whether others see their name; hidden by default.
    name_shown BIGINT NOT NULL DEFAULT 0,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (collectif_id, user_id)
);
CREATE INDEX collectif_members_user ON collectif_members(user_id);

CREATE TABLE collectif_state_changes (
    id BIGSERIAL PRIMARY KEY,
    collectif_id BIGINT NOT NULL REFERENCES collectifs(id) ON DELETE CASCADE,
    old_state TEXT NOT NULL,
    new_state TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    changed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    at BIGINT NOT NULL
);
CREATE INDEX collectif_state_changes_collectif ON collectif_state_changes(collectif_id, at);

-- An event belongs to a collectif or (later) to a citizen council: exactly one owner.
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    collectif_id BIGINT REFERENCES collectifs(id) ON DELETE CASCADE,
    council_id BIGINT REFERENCES citizen_councils(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    -- NULL: no limit.
    capacity BIGINT,
    -- Bumped by every registration change; the update also serialises them per event.
    registrations_revision BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    CHECK ((collectif_id IS NULL) <> (council_id IS NULL)),
    CHECK (ends_at >= starts_at)
);
CREATE INDEX events_collectif ON events(collectif_id, starts_at);
CREATE INDEX events_start ON events(starts_at);

CREATE TABLE event_registrations (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- 'confirmed' or 'waiting'; the waiting list is served in id order.
    status TEXT NOT NULL,
    registered_at BIGINT NOT NULL,
    UNIQUE (event_id, user_id)
);
CREATE INDEX event_registrations_event ON event_registrations(event_id, status, id);
