-- A keyed hash (HMAC-SHA-256 under a key kept outside the database) of the signer's normalised
-- address, per petition. It stays when an account is deleted, so that registering again with the
-- same address does not sign twice. NULL for signatures made before this column, and once personal
-- data is deleted after closing.
ALTER TABLE petition_signatures ADD COLUMN address_tag TEXT;
CREATE UNIQUE INDEX petition_signatures_address_tag ON petition_signatures(petition_id, address_tag);
