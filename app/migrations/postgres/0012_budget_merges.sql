-- Staff merge duplicate projects before the vote: the duplicate takes the status 'merged' and
-- points to the project kept, which carries on alone.
ALTER TABLE budget_projects ADD COLUMN merged_into BIGINT REFERENCES budget_projects(id);
