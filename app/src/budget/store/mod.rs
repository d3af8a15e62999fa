//! All SQL about the citizen budget, by table family: campaigns (and their journal), projects,
//! ballots (and participations, receipts, running totals), tallies (what counts read).
mod ballots;
mod campaigns;
mod projects;
mod tallies;

pub use ballots::*;
pub use campaigns::*;
pub use projects::*;
pub use tallies::*;

const CAMPAIGN_COLUMNS: &str = "id, slug, title, description, rules_text, vote_opens_at, vote_closes_at, choices, \
     exact_choices, min_age, scope, ballot_changeable, results_visibility, results_published_at, rule, min_votes, \
     submission_opens_at, submission_closes_at, currency, vote_type";

const CARD_COLUMNS: &str = "p.id, p.territory_id, t.name AS territory_name, p.title, p.summary, p.category, \
     p.cost_cents, p.status, p.rejection_reason, p.merged_into, m.title AS merged_into_title, \
     i.description AS image_description, i.uploaded_at AS image_version";

/// The projects with their territory, their image if any and, for a merged duplicate, the project kept.
const PROJECTS_JOINED: &str = "budget_projects p JOIN territories t ON t.id = p.territory_id \
     LEFT JOIN budget_projects m ON m.id = p.merged_into LEFT JOIN budget_project_images i ON i.project_id = p.id";
