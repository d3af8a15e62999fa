-- One table for every rate limit (log-in, registration, password reset, petition signatures): a
-- counter per scope and subject, read and changed in one statement per attempt, so parallel
-- attempts cannot all pass a limit checked before being recorded. It replaces login_failures and
-- rate_events; their events (an hour old at most) are not carried over.
CREATE TABLE rate_limits (
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    hits BIGINT NOT NULL,
    -- A window: when it started. A back-off: when the last attempt was counted.
    started_at BIGINT NOT NULL,
    -- A back-off: no attempt before this time.
    next_at BIGINT NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX rate_limits_started ON rate_limits(started_at);

DROP TABLE login_failures;
DROP TABLE rate_events;
