//! Every address of the neighbourhood councils space: its pages
//! (`pages::NeighbourhoodCouncilRoutes`) and the uploads and downloads of its files. Pages,
//! redirects and tests build them here instead of repeating literals.

pub fn councils() -> String {
    "/conseils-de-quartier".into()
}

pub fn council(slug: &str) -> String {
    format!("/conseils-de-quartier/{slug}")
}

/// The candidacy form.
pub fn candidacy_form(slug: &str) -> String {
    format!("/conseils-de-quartier/{slug}/candidater")
}

/// Where a minor candidate posts their parental authorisation.
pub fn authorisation_upload(slug: &str) -> String {
    format!("/conseils-de-quartier/{slug}/autorisation")
}

/// Staff check the candidacies of the round.
pub fn candidacies(slug: &str) -> String {
    format!("/conseils-de-quartier/{slug}/candidatures")
}

/// A candidacy's parental authorisation, for staff and the candidate.
pub fn authorisation(slug: &str, id: i64) -> String {
    format!("/conseils-de-quartier/{slug}/candidatures/{id}/autorisation")
}

/// The minutes (PDF) of a meeting; staff post them here.
pub fn meeting_minutes(slug: &str, id: i64) -> String {
    format!("/conseils-de-quartier/{slug}/reunions/{id}/compte-rendu")
}

/// The public record of the round's draw.
pub fn draw(slug: &str) -> String {
    format!("/conseils-de-quartier/{slug}/tirage")
}

/// The `sequence`-th published document of the round (announcement or draw record), as JSON.
pub fn draw_document(slug: &str, sequence: i64) -> String {
    format!("/conseils-de-quartier/{slug}/tirages/{sequence}.json")
}
