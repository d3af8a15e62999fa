-- Texts of messages sent before bodies were emptied at delivery: a link, a code or a reset in them
-- must not stay readable in the database.
UPDATE outbox SET body = '' WHERE sent_at IS NOT NULL;
