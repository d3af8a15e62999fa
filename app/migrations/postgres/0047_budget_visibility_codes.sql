-- Campaigns imported from Pabulib files were written with results_visibility 'on_publication', read
-- as "once published" like 'published'. The code is now read back as a type that knows three codes
-- only: give those campaigns the one that means what they meant.
UPDATE budget_campaigns SET results_visibility = 'published'
WHERE results_visibility NOT IN ('live', 'after_close', 'published');
