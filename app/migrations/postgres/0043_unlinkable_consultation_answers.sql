-- A consultation said its answers were anonymous while each response row named its account or
-- visitor. Who answered (participants) now lives apart from what was answered (responses), as
-- ballots do: participants carry no time and are copied here in key order, not answer order;
-- responses keep only the day and come in shuffled batches with random ids (see
-- platform/batch_queue.rs); the README states what remains (a batch shares its transaction id).
CREATE TABLE consultation_participants (
    consultation_id BIGINT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    -- 'compte:<user id>' or 'visiteur:<SHA-256 of a random cookie>'.
    respondent TEXT NOT NULL,
    PRIMARY KEY (consultation_id, respondent)
);
INSERT INTO consultation_participants (consultation_id, respondent)
SELECT consultation_id, respondent FROM (
    SELECT consultation_id,
           CASE WHEN user_id IS NOT NULL THEN 'compte:' || user_id ELSE 'visiteur:' || visitor_hash END AS respondent
    FROM consultation_responses WHERE user_id IS NOT NULL OR visitor_hash IS NOT NULL
) AS named ORDER BY consultation_id, respondent;

ALTER TABLE consultation_responses DROP COLUMN user_id;
ALTER TABLE consultation_responses DROP COLUMN visitor_hash;
ALTER TABLE consultation_responses ADD COLUMN answered_on BIGINT;
UPDATE consultation_responses SET answered_on = created_at - created_at % 86400;
ALTER TABLE consultation_responses ALTER COLUMN answered_on SET NOT NULL;
ALTER TABLE consultation_responses DROP COLUMN created_at;
-- New ids are random, given by the writer.
ALTER TABLE consultation_responses ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE IF EXISTS consultation_responses_id_seq;
CREATE INDEX consultation_responses_consultation ON consultation_responses(consultation_id);

ALTER TABLE consultation_answers ADD COLUMN position BIGINT;
UPDATE consultation_answers SET position = id;
ALTER TABLE consultation_answers ALTER COLUMN position SET NOT NULL;
ALTER TABLE consultation_answers DROP CONSTRAINT consultation_answers_pkey;
ALTER TABLE consultation_answers DROP COLUMN id;
ALTER TABLE consultation_answers ADD PRIMARY KEY (response_id, question_id, position);
DROP INDEX IF EXISTS consultation_answers_response;
