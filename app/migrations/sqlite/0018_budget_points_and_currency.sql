-- Imported Pabulib campaigns keep their money and their ballots as published: a campaign counts
-- in its own currency, and a cumulative ballot gives each chosen project its points (approval
-- ballots give 1, which every existing choice was).
ALTER TABLE budget_campaigns ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
ALTER TABLE budget_campaigns ADD COLUMN vote_type TEXT NOT NULL DEFAULT 'approval';
ALTER TABLE budget_ballot_choices ADD COLUMN points INTEGER NOT NULL DEFAULT 1;
