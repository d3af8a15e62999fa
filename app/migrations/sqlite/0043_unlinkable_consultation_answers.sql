-- A consultation said its answers were anonymous while each response row named its account or
-- visitor. Who answered (participants) now lives apart from what was answered (responses), as
-- ballots do: participants are stored by their key, without rowid and without time; responses keep
-- only the day and come in shuffled batches with random ids (see platform/batch_queue.rs).
CREATE TABLE consultation_participants (
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    -- 'compte:<user id>' or 'visiteur:<SHA-256 of a random cookie>'.
    respondent TEXT NOT NULL,
    PRIMARY KEY (consultation_id, respondent)
) WITHOUT ROWID;
INSERT INTO consultation_participants (consultation_id, respondent)
SELECT consultation_id, CASE WHEN user_id IS NOT NULL THEN 'compte:' || user_id ELSE 'visiteur:' || visitor_hash END
FROM consultation_responses WHERE user_id IS NOT NULL OR visitor_hash IS NOT NULL;

CREATE TABLE consultation_responses_unnamed (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    -- Unix seconds at midnight UTC.
    answered_on BIGINT NOT NULL
);
INSERT INTO consultation_responses_unnamed (id, consultation_id, answered_on)
SELECT id, consultation_id, created_at - created_at % 86400 FROM consultation_responses;

CREATE TABLE consultation_answers_by_response (
    response_id INTEGER NOT NULL REFERENCES consultation_responses_unnamed(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES consultation_questions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    option_id INTEGER REFERENCES consultation_options(id) ON DELETE CASCADE,
    -- scale: the value; ranking: the rank given to option_id.
    value BIGINT,
    text TEXT,
    PRIMARY KEY (response_id, question_id, position)
) WITHOUT ROWID;
INSERT INTO consultation_answers_by_response (response_id, question_id, position, option_id, value, text)
SELECT response_id, question_id, id, option_id, value, text FROM consultation_answers;

-- Children first: dropping the old responses must cascade into nothing.
DROP TABLE consultation_answers;
DROP TABLE consultation_responses;
ALTER TABLE consultation_responses_unnamed RENAME TO consultation_responses;
ALTER TABLE consultation_answers_by_response RENAME TO consultation_answers;
CREATE INDEX consultation_responses_consultation ON consultation_responses(consultation_id);
CREATE INDEX consultation_answers_question ON consultation_answers(question_id, option_id, value);
