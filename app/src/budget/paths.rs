//! Every address of the citizen budget. Pages, redirects and tests build them here, beside the
//! routes of `pages::BudgetRoutes` and the plain routes of `http`, instead of repeating literals.

/// The list of campaigns.
pub fn campaigns() -> String {
    "/budget".into()
}

pub fn new_campaign() -> String {
    "/budget/nouvelle".into()
}

/// A campaign's labelled projects and its ballot.
pub fn campaign(slug: &str) -> String {
    format!("/budget/{slug}")
}

pub fn project(slug: &str, id: i64) -> String {
    format!("/budget/{slug}/projets/{id}")
}

pub fn edit_project(slug: &str, id: i64) -> String {
    format!("/budget/{slug}/projets/{id}/modifier")
}

/// Who changed what on a project (staff).
pub fn project_history(slug: &str, id: i64) -> String {
    format!("/budget/{slug}/projets/{id}/historique")
}

/// The project's image: shown with GET, uploaded with a multipart POST.
pub fn project_image(slug: &str, id: i64) -> String {
    format!("/budget/{slug}/projets/{id}/image")
}

pub fn submit_project(slug: &str) -> String {
    format!("/budget/{slug}/deposer")
}

/// The projects the signed-in resident submitted to the campaign.
pub fn my_projects(slug: &str) -> String {
    format!("/budget/{slug}/mes-projets")
}

/// The ballot checked before it is cast (the choices follow as `?choix=` queries).
pub fn confirm_ballot(slug: &str) -> String {
    format!("/budget/{slug}/confirmer")
}

/// The receipt after a vote (its code follows as the `?recu=` query).
pub fn receipt(slug: &str) -> String {
    format!("/budget/{slug}/merci")
}

pub fn results(slug: &str) -> String {
    format!("/budget/{slug}/resultats")
}

/// The results as a CSV download.
pub fn results_csv(slug: &str) -> String {
    format!("/budget/{slug}/resultats.csv")
}

/// The results as a JSON download.
pub fn results_json(slug: &str) -> String {
    format!("/budget/{slug}/resultats.json")
}

/// One territory's projects and ballots as a Pabulib file.
pub fn territory_pabulib(slug: &str, territory_id: i64) -> String {
    format!("/budget/{slug}/pabulib/{territory_id}")
}

/// The server-sent events that keep the dashboard live.
pub fn live_feed(slug: &str) -> String {
    format!("/budget/{slug}/direct")
}

/// Staff and organisers watch the vote.
pub fn dashboard(slug: &str) -> String {
    format!("/budget/{slug}/tableau-de-bord")
}

/// The counting rules side by side, before staff publish the results.
pub fn comparison(slug: &str) -> String {
    format!("/budget/{slug}/comparaison")
}

/// Staff and organisers label or reject the submitted projects.
pub fn review(slug: &str) -> String {
    format!("/budget/{slug}/revue")
}

/// Staff enter paper ballots.
pub fn paper_ballots(slug: &str) -> String {
    format!("/budget/{slug}/bulletins-papier")
}

/// The public record of what staff did to the count.
pub fn journal(slug: &str) -> String {
    format!("/budget/{slug}/journal")
}
