-- Consultations (surveys): staff build a questionnaire; residents (or visitors, for audience
-- 'everyone') answer once; answers are one row per chosen option, scale value, rank or text.
CREATE TABLE consultations (
    id BIGSERIAL PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    opens_at BIGINT NOT NULL,
    -- Exclusive: answers are taken while opens_at <= now < closes_at.
    closes_at BIGINT NOT NULL,
    -- 'everyone', 'residents' (any account) or 'territory' (accounts of territory_id).
    audience TEXT NOT NULL,
    territory_id BIGINT REFERENCES territories(id),
    -- 'during': results shown from the opening; 'after': from the closing.
    results_visibility TEXT NOT NULL,
    -- NULL while staff are still building it.
    published_at BIGINT,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX consultations_window ON consultations(published_at, opens_at);

CREATE TABLE consultation_questions (
    id BIGSERIAL PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    -- 'single', 'multiple', 'scale', 'ranking' or 'text'.
    kind TEXT NOT NULL,
    prompt TEXT NOT NULL,
    required BIGINT NOT NULL DEFAULT 1,
    -- multiple: at most this many choices; scale: answers from 1 to scale_max.
    max_choices BIGINT NOT NULL DEFAULT 0,
    scale_max BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX consultation_questions_consultation ON consultation_questions(consultation_id, position);

CREATE TABLE consultation_options (
    id BIGSERIAL PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES consultation_questions(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    label TEXT NOT NULL
);
CREATE INDEX consultation_options_question ON consultation_options(question_id, position);

CREATE TABLE consultation_responses (
    id BIGSERIAL PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    -- Visitors without an account: SHA-256 of a random cookie, never the cookie itself.
    visitor_hash TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX consultation_responses_user ON consultation_responses(consultation_id, user_id);
CREATE UNIQUE INDEX consultation_responses_visitor ON consultation_responses(consultation_id, visitor_hash);

CREATE TABLE consultation_answers (
    id BIGSERIAL PRIMARY KEY,
    response_id BIGINT NOT NULL REFERENCES consultation_responses(id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL REFERENCES consultation_questions(id) ON DELETE CASCADE,
    option_id BIGINT REFERENCES consultation_options(id) ON DELETE CASCADE,
    -- scale: the value; ranking: the rank given to option_id.
    value BIGINT,
    text TEXT
);
CREATE INDEX consultation_answers_question ON consultation_answers(question_id, option_id, value);
CREATE INDEX consultation_answers_response ON consultation_answers(response_id);
