-- Forums: themes with a guiding question and a period, threads, posts (one level of replies,
-- Markdown source kept beside its sanitised HTML), supports, flags and the reply-email opt-out.
CREATE TABLE forum_themes (
    id BIGSERIAL PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    title TEXT NOT NULL,
    question TEXT NOT NULL,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    synthesis_html TEXT,
    synthesis_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE forum_threads (
    id BIGSERIAL PRIMARY KEY,
    theme_id BIGINT NOT NULL REFERENCES forum_themes(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    posts BIGINT NOT NULL DEFAULT 0,
    locked_at BIGINT,
    created_at BIGINT NOT NULL,
    last_post_at BIGINT NOT NULL
);
CREATE INDEX forum_threads_theme ON forum_threads(theme_id, last_post_at);

CREATE TABLE forum_posts (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
    -- The post a reply answers (replies are one level deep), and the first post of its group.
    parent_id BIGINT REFERENCES forum_posts(id) ON DELETE CASCADE,
    root_id BIGINT NOT NULL DEFAULT 0,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    supports BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    hidden_at BIGINT,
    hidden_reason TEXT
);
CREATE INDEX forum_posts_order ON forum_posts(thread_id, root_id, id);

CREATE TABLE forum_supports (
    post_id BIGINT NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE forum_flags (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE UNIQUE INDEX forum_flags_once ON forum_flags(post_id, user_id);

CREATE TABLE forum_reply_optouts (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE
);
